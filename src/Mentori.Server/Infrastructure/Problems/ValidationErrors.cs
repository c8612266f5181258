namespace Mentori.Server.Infrastructure.Problems;

/// <summary>Collects field errors (camelCase names) and throws them as one 400 problem.</summary>
public sealed class ValidationErrors
{
    private readonly Dictionary<string, List<string>> _errors = [];

    public ValidationErrors Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var messages))
        {
            _errors[field] = messages = [];
        }

        messages.Add(message);
        return this;
    }

    public ValidationErrors AddIf(bool condition, string field, string message) => condition ? Add(field, message) : this;

    public ValidationErrors AddAll(string field, IEnumerable<string> messages)
    {
        foreach (var message in messages)
        {
            Add(field, message);
        }

        return this;
    }

    public void ThrowIfAny()
    {
        if (_errors.Count > 0)
        {
            throw ProblemException.Validation(_errors.ToDictionary(entry => entry.Key, entry => entry.Value.ToArray()));
        }
    }
}
