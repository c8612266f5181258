namespace Mentori.Server.Features.Mentors;

/// <summary>A mentor as the directory lists it (api.md, <c>GET /mentors</c>). No contact details.</summary>
public record MentorSummary(
    Guid Id,
    string FirstName,
    string LastName,
    string? Bio,
    string? ProfileImage,
    string? Location,
    string? Timezone,
    IReadOnlyList<string> Expertise,
    decimal? HourlyRate,
    int? YearsExperience,
    double? RatingAverage,
    int RatingCount,
    double? ResponseRate,
    int? MedianResponseMinutes)
{
    /// <summary>The average as shown: none before the first rating, else to two decimals.</summary>
    public static double? ShownAverage(double average, int count) => count == 0 ? null : Math.Round(average, 2, MidpointRounding.AwayFromZero);

    /// <summary>The share of requests answered as shown, 0–1 to two decimals (none under three requests).</summary>
    public static double? ShownRate(double? rate) => rate is { } value ? Math.Round(value, 2, MidpointRounding.AwayFromZero) : null;
}

/// <summary>One mentor's page: the summary plus the weekly availability (read in <c>timezone</c>).</summary>
public sealed record MentorDetail : MentorSummary
{
    public MentorDetail(MentorSummary summary, IReadOnlyDictionary<string, List<string>> availability)
        : base(summary) => Availability = availability;

    public IReadOnlyDictionary<string, List<string>> Availability { get; }
}

/// <summary>
/// A recommendation for a mentee: <c>score</c> is how many of the mentee's interests the mentor's expertise
/// covers, <c>matchedTopics</c> those topics in the mentor's own spelling.
/// </summary>
public sealed record RecommendedMentor : MentorSummary
{
    public RecommendedMentor(MentorSummary summary, int score, IReadOnlyList<string> matchedTopics)
        : base(summary) => (Score, MatchedTopics) = (score, matchedTopics);

    public int Score { get; }

    public IReadOnlyList<string> MatchedTopics { get; }
}

/// <summary>Free times of a mentor, in UTC; <c>timezone</c> is the zone their availability is read in.</summary>
public sealed record FreeSlots(string Timezone, IReadOnlyList<TimeSlot> Items);

public sealed record TimeSlot(DateTime Start, DateTime End);
