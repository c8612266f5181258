using Mentori.Server.Features.Profiles;
using Microsoft.AspNetCore.Mvc;
using Mentori.Server.Infrastructure.Pagination;
using Mentori.Server.Infrastructure.Problems;

namespace Mentori.Server.Features.Mentors;

public enum MentorSort
{
    Relevance,
    Rating,
    Responsive,
    Experience,
    Rate,
    Newest,
}

/// <summary>The query string of <c>GET /mentors</c>, as sent (the names are api.md's, camelCase).</summary>
public sealed record MentorSearchParameters(
    [FromQuery(Name = "expertise")] string[]? Expertise,
    [FromQuery(Name = "q")] string? Q,
    [FromQuery(Name = "minYears")] int? MinYears,
    [FromQuery(Name = "maxRate")] decimal? MaxRate,
    [FromQuery(Name = "day")] string? Day,
    [FromQuery(Name = "sort")] string? Sort,
    [FromQuery(Name = "limit")] int? Limit,
    [FromQuery(Name = "cursor")] string? Cursor);

/// <summary>A checked directory search: every filter valid, the sort known, the cursor made by this sort.</summary>
public sealed record MentorSearch(
    IReadOnlyList<string> Expertise,
    string? Text,
    int? MinYears,
    decimal? MaxRate,
    string? Day,
    MentorSort Sort,
    PageRequest<MentorSortKey> Page)
{
    public const int MaxTextLength = 200;

    public static MentorSearch From(MentorSearchParameters parameters)
    {
        var errors = new ValidationErrors();
        var expertise = Topics(parameters.Expertise);
        errors.AddIf(expertise.Count > ProfileRules.MaxTopics, "expertise", $"At most {ProfileRules.MaxTopics} topics.");
        errors.AddIf(expertise.Any(term => term.Length > ProfileRules.MaxTopicLength), "expertise",
            $"A topic is at most {ProfileRules.MaxTopicLength} characters.");

        errors.AddIf(expertise.Any(HasControlCharacters), "expertise", "Control characters are not allowed.");
        var text = string.IsNullOrWhiteSpace(parameters.Q) ? null : parameters.Q.Trim();
        errors.AddIf(text is not null && HasControlCharacters(text), "q", "Control characters are not allowed.");
        errors.AddIf(text?.Length > MaxTextLength, "q", $"At most {MaxTextLength} characters.");
        errors.AddIf(text is not null && !text.Any(char.IsLetterOrDigit), "q", "Search for at least one letter or digit.");

        errors.AddIf(parameters.MinYears is < 0 or > ProfileRules.MaxYearsExperience, "minYears",
            $"Years of experience are between 0 and {ProfileRules.MaxYearsExperience}.");
        errors.AddIf(parameters.MaxRate is < 0 or > ProfileRules.MaxHourlyRate, "maxRate",
            $"The rate is between 0 and {ProfileRules.MaxHourlyRate}.");

        var day = parameters.Day?.Trim().ToLowerInvariant();
        errors.AddIf(day is not null && !ProfileRules.Weekdays.Contains(day), "day", "Days are monday to sunday.");

        var sort = DefaultSort(text);
        if (parameters.Sort is not null)
        {
            var named = Enum.GetValues<MentorSort>()
                .Where(value => value.ToString().Equals(parameters.Sort.Trim(), StringComparison.OrdinalIgnoreCase)).ToList();
            sort = named.FirstOrDefault();
            if (named.Count == 0)
            {
                errors.Add("sort", "The sort is relevance, rating, responsive, experience, rate or newest.");
            }
            else if (sort == MentorSort.Relevance && text is null)
            {
                errors.Add("sort", "Sorting by relevance needs a search text (q).");
            }
        }

        var page = PageRequest.From(errors, parameters.Limit, parameters.Cursor,
            parts => MentorSortKey.Parse(sort.ToString(), KeyTypes(sort), parts));
        errors.ThrowIfAny();
        return new MentorSearch(expertise, text, parameters.MinYears, parameters.MaxRate, day, sort, page);
    }

    /// <summary>The topics as searched: trimmed, blanks dropped, each once whatever its case.</summary>
    public static List<string> Topics(IEnumerable<string>? expertise) =>
        (expertise ?? []).Select(term => term.Trim()).Where(term => term.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();

    /// <summary>Without a sort named: best match for a search text, else the highest rated first.</summary>
    public static MentorSort DefaultSort(string? text) => string.IsNullOrWhiteSpace(text) ? MentorSort.Rating : MentorSort.Relevance;

    private static bool HasControlCharacters(string text) => text.Any(char.IsControl);

    /// <summary>The types of a sort's key values, the id last.</summary>
    public static Type[] KeyTypes(MentorSort sort) => sort switch
    {
        MentorSort.Relevance => [typeof(float), typeof(Guid)], // ts_rank is a real
        MentorSort.Rating => [typeof(double), typeof(int), typeof(Guid)],
        MentorSort.Responsive => [typeof(double), typeof(int), typeof(Guid)],
        MentorSort.Experience => [typeof(int), typeof(Guid)],
        MentorSort.Rate => [typeof(decimal), typeof(Guid)],
        _ => [typeof(DateTime), typeof(Guid)],
    };
}
