using System.Globalization;

namespace Mentori.Server.Commands.Generation;

/// <summary>How many rows of each kind <c>generate</c> writes, and the seed that makes the same data every time.</summary>
public sealed record GenerationPlan(int Mentors, int Mentees, int Sessions, int Messages, int Ratings, int Seed)
{
    public const int MaxRows = 50_000_000;

    public static readonly string[] OptionNames = ["mentors", "mentees", "sessions", "messages", "ratings", "seed"];

    /// <summary>The plan the options ask for (a small data set by default), or the one line that says what is wrong.</summary>
    public static GenerationPlan Parse(IReadOnlyDictionary<string, string> options)
    {
        var plan = new GenerationPlan(
            Read(options, "mentors", 1_000, min: 1),
            Read(options, "mentees", 4_000, min: 1),
            Read(options, "sessions", 10_000, min: 0),
            Read(options, "messages", 50_000, min: 0),
            Read(options, "ratings", 5_000, min: 0),
            Read(options, "seed", 1, min: int.MinValue));
        if (plan.Messages > 0 && plan.Sessions == 0)
        {
            throw new AdminCommandException("--messages: messages are between people who share a session; ask for sessions too.");
        }

        return plan;
    }

    private static int Read(IReadOnlyDictionary<string, string> options, string name, int fallback, int min)
    {
        if (!options.TryGetValue(name, out var text))
        {
            return fallback;
        }

        var max = name == "seed" ? int.MaxValue : MaxRows;
        return int.TryParse(text.Replace("_", "", StringComparison.Ordinal), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
               && value >= min && value <= max
            ? value
            : throw new AdminCommandException($"--{name}: a whole number from {min.ToString("N0", CultureInfo.InvariantCulture)} to {max.ToString("N0", CultureInfo.InvariantCulture)}, not \"{text}\".");
    }
}
