using Mentori.Server.Infrastructure.Problems;

namespace Mentori.Server.Components;

/// <summary>
/// What a form shows when the service refused it: the field errors beside their fields, or else one message; the
/// page is answered with the problem's status, as the API would answer. An entry's error (<c>expertise[2]</c>,
/// <c>availability.monday[0]</c>) is shown by its field, which is what the page has an input or group for.
/// </summary>
public sealed record FormProblem(IReadOnlyDictionary<string, string[]>? Errors, string? Message)
{
    public static FormProblem Of(ProblemException problem, HttpContext context)
    {
        context.Response.StatusCode = problem.Status;
        return problem.Errors is { } errors ? new FormProblem(ByField(errors), null) : new FormProblem(null, problem.Detail ?? problem.Title);
    }

    private static Dictionary<string, string[]> ByField(IReadOnlyDictionary<string, string[]> errors) =>
        errors.GroupBy(error => error.Key.Split('[')[0])
            .ToDictionary(field => field.Key, field => field.SelectMany(error => error.Value).Distinct().ToArray());
}
