namespace Mentori.Server.Infrastructure;

public static class Durations
{
    /// <summary>A configured length of time as a sentence says it: "one hour", "48 hours", "90 minutes", "30 seconds".</summary>
    public static string InWords(TimeSpan duration) => duration switch
    {
        { TotalHours: 1 } => "one hour",
        { TotalMinutes: 1 } => "one minute",
        { TotalMinutes: < 1 } => $"{duration.TotalSeconds:0} seconds",
        { TotalMinutes: < 60 } or { Minutes: not 0 } => $"{duration.TotalMinutes:0} minutes",
        _ => $"{duration.TotalHours:0} hours",
    };
}
