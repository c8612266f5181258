using System.ComponentModel.DataAnnotations;

namespace Mentori.Server.Features.Sessions;

/// <summary>The <c>Sessions</c> section: how long a mentor has to answer a session request.</summary>
public sealed class SessionRequestOptions
{
    public const string Section = "Sessions";

    /// <summary>How long a request waits for its mentor's answer before Mentori declines it.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "365.00:00:00")]
    public TimeSpan RequestTtl { get; set; } = TimeSpan.FromHours(48);

    /// <summary>A request is declined this long before its start if it is still unanswered then (and its TTL has not come first).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "30.00:00:00")]
    public TimeSpan AnswerBeforeStart { get; set; } = TimeSpan.FromHours(1);

    /// <summary>A request still unanswered this long after it was made reminds its mentor once, if it has not expired by then.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "365.00:00:00")]
    public TimeSpan RemindAfter { get; set; } = TimeSpan.FromHours(24);
}
