using System.Globalization;
using Mentori.Server.Infrastructure.Problems;
using Mentori.Server.Infrastructure.Validation;

namespace Mentori.Server.Features.Profiles;

/// <summary>
/// api.md's profile validation (names required, bio ≤ 1000 characters, at most 10 topics: the schema document's
/// section 7 in docs/decisions.md, plus the limits its column sizes imply), and the cleaning of topic lists and availability. Pure functions: the service applies them, the tests call them.
/// </summary>
public static class ProfileRules
{
    public const int MaxBioLength = 1000;
    public const int MaxGoalsLength = 1000;
    public const int MaxTopics = 10;
    public const int MaxTopicLength = 50;
    public const int MaxImageUrlLength = 500;
    public const int MaxPhoneLength = 20;
    public const int MaxLocationLength = 100;
    public const int MaxTimezoneLength = 50;
    public const int MaxYearsExperience = 70;
    public const decimal MaxHourlyRate = 99_999_999.99m; // numeric(10,2)

    public static readonly string[] Weekdays = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
    public static readonly string[] ExperienceLevels = ["beginner", "intermediate", "advanced"];

    /// <summary>
    /// Trimmed, without empty entries' silent loss (an empty entry is an error), duplicates removed
    /// case-insensitively keeping the first spelling; at most <see cref="MaxTopics"/> after cleaning.
    /// </summary>
    public static List<string>? CleanTopics(ValidationErrors errors, string field, List<string?>? topics)
    {
        if (topics is null)
        {
            return null;
        }

        // A body can hold far more entries than the limit; refuse those at once instead of checking each one.
        if (topics.Count > MaxTopics * 4)
        {
            errors.Add(field, $"At most {MaxTopics} topics.");
            return null;
        }

        var cleaned = new List<string>();
        for (var i = 0; i < topics.Count; i++)
        {
            var topic = topics[i]?.Trim();
            if (string.IsNullOrEmpty(topic))
            {
                errors.Add($"{field}[{i}]", "A topic must not be empty.");
            }
            else if (topic.Length > MaxTopicLength)
            {
                errors.Add($"{field}[{i}]", $"A topic must be at most {MaxTopicLength} characters.");
            }
            else if (!FreeText.IsSingleLine(topic))
            {
                errors.Add($"{field}[{i}]", "Line breaks and other control characters are not allowed.");
            }
            else if (!cleaned.Contains(topic, StringComparer.OrdinalIgnoreCase))
            {
                cleaned.Add(topic);
            }
        }

        if (cleaned.Count > MaxTopics)
        {
            errors.Add(field, $"At most {MaxTopics} topics.");
        }

        return cleaned;
    }

    /// <summary>
    /// Weekday → ranges such as <c>"9:00-12:00"</c>: known weekdays only, start before end (<c>24:00</c> allowed as
    /// an end), no overlaps within a day. Stored in the document's own spelling, each day's ranges in order, days
    /// without ranges left out.
    /// </summary>
    public static Dictionary<string, List<string>>? CleanAvailability(ValidationErrors errors, Dictionary<string, List<string?>?>? availability)
    {
        if (availability is null)
        {
            return null;
        }

        var cleaned = new Dictionary<string, List<string>>();
        var seen = new HashSet<string>();
        foreach (var (key, ranges) in availability)
        {
            var day = key.Trim().ToLowerInvariant();
            var field = $"availability.{key}";
            if (!Weekdays.Contains(day))
            {
                errors.Add(field, "Days are monday to sunday.");
                continue;
            }

            if (!seen.Add(day))
            {
                errors.Add(field, "A day appears twice.");
                continue;
            }

            var parsed = new List<(int Start, int End)>();
            foreach (var (range, index) in (ranges ?? []).Select((range, index) => (range, index)))
            {
                if (TryParseRange(range, out var start, out var end))
                {
                    parsed.Add((start, end));
                }
                else
                {
                    errors.Add($"{field}[{index}]", "A range is \"H:MM-H:MM\" with the start before the end (24:00 allowed as an end).");
                }
            }

            parsed.Sort();
            for (var i = 1; i < parsed.Count; i++)
            {
                if (parsed[i].Start < parsed[i - 1].End)
                {
                    errors.Add(field, "Ranges of one day must not overlap.");
                    break;
                }
            }

            // A day without ranges is left out, so "has availability on monday" is just "has the key monday".
            if (parsed.Count > 0)
            {
                cleaned[day] = parsed.Select(r => $"{Format(r.Start)}-{Format(r.End)}").ToList();
            }
        }

        return cleaned;
    }

    /// <summary>Minutes since midnight of both ends of <c>"H:MM-H:MM"</c>.</summary>
    public static bool TryParseRange(string? range, out int start, out int end)
    {
        start = end = 0;
        var parts = range?.Split('-');
        return parts is [var from, var to]
            && TryParseTime(from.Trim(), allowMidnightEnd: false, out start)
            && TryParseTime(to.Trim(), allowMidnightEnd: true, out end)
            && start < end;
    }

    public static bool IsIanaTimezone(string timezone) =>
        timezone.Length <= MaxTimezoneLength && TimeZoneInfo.TryFindSystemTimeZoneById(timezone, out var zone) && zone.HasIanaId;

    private static bool TryParseTime(string text, bool allowMidnightEnd, out int minutes)
    {
        minutes = 0;
        var parts = text.Split(':');
        if (parts is not [var h, var m] || h.Length is < 1 or > 2 || m.Length != 2
            || !int.TryParse(h, NumberStyles.None, CultureInfo.InvariantCulture, out var hours)
            || !int.TryParse(m, NumberStyles.None, CultureInfo.InvariantCulture, out var mins)
            || mins > 59)
        {
            return false;
        }

        minutes = hours * 60 + mins;
        return hours < 24 || (allowMidnightEnd && hours == 24 && mins == 0);
    }

    private static string Format(int minutes) => $"{minutes / 60}:{minutes % 60:00}";
}
