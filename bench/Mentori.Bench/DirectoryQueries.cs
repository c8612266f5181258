using Mentori.Data;
using Mentori.Server.Features.Mentors;
using Mentori.Server.Infrastructure.Pagination;

namespace Mentori.Bench;

/// <summary>
/// One query shape of the mentor directory, built by the application's own code, and the indexes PostgreSQL may
/// serve it with: the filter's own index, or, when the filter matches many mentors, the sort's index walked in
/// order until a page is full. Which one wins is the planner's choice from the statistics.
/// </summary>
public sealed record DirectoryQuery(string Name, string[] Indexes, Func<DatabaseProvider, DirectoryStatement> Build);

/// <summary>Every filter and sort of <c>GET /mentors</c> and the recommendations, first and deep pages.</summary>
public static class DirectoryQueries
{
    private const string ExpertiseIndex = "idx_profiles_expertise_lower";
    private const string RatingIndex = "idx_rating_summaries_rank";

    /// <summary>A key far into each sort's order, as a client paging deep into the directory sends it.</summary>
    private static readonly Guid Deep = Guid.Parse("00008000-0190-7000-8000-000000008000");

    public static IReadOnlyList<DirectoryQuery> All { get; } =
    [
        Search("default (rating), first page", ["idx_rating_summaries_rank"], new()),
        Search("rating, deep page", ["idx_rating_summaries_rank"], new(), new MentorSortKey([3.0, 1, Deep])),
        Search("responsive", ["idx_response_summaries_rank"], new(Sort: "responsive")),
        Search("responsive, deep page", ["idx_response_summaries_rank"], new(Sort: "responsive"), new MentorSortKey([0.5, -400, Deep])),
        Search("experience", ["idx_profiles_experience"], new(Sort: "experience")),
        Search("experience, deep page", ["idx_profiles_experience"], new(Sort: "experience"), new MentorSortKey([12, Deep])),
        Search("rate", ["idx_profiles_rate"], new(Sort: "rate")),
        Search("rate, deep page", ["idx_profiles_rate"], new(Sort: "rate"), new MentorSortKey([150m, Deep])),
        Search("newest", ["idx_users_listed_mentors_newest"], new(Sort: "newest")),
        Search("newest, deep page", ["idx_users_listed_mentors_newest"], new(Sort: "newest"), new MentorSortKey([DateTime.UtcNow.AddDays(-30), Deep])),
        Search("expertise=quantum computing (rare)", [ExpertiseIndex], new(Expertise: ["quantum computing"])),
        Search("expertise=rust", [ExpertiseIndex, RatingIndex], new(Expertise: ["rust"])),
        Search("expertise=python&expertise=MACHINE LEARNING", [ExpertiseIndex, RatingIndex], new(Expertise: ["python", "MACHINE LEARNING"])),
        Search("expertise=go&sort=newest", [ExpertiseIndex, "idx_users_listed_mentors_newest"], new(Expertise: ["go"], Sort: "newest")),
        Search("q=hopper kotlin (relevance)", ["idx_profiles_search"], new(Q: "hopper kotlin")),
        Search("q=a (a one-letter word matches whole)", ["idx_profiles_search"], new(Q: "a")),
        Search("q=lovelace&sort=rate", ["idx_profiles_search", "idx_profiles_rate"], new(Q: "lovelace", Sort: "rate")),
        Search("minYears=29", ["idx_profiles_experience"], new(MinYears: 29, Sort: "experience")),
        Search("maxRate=25&sort=rate", ["idx_profiles_rate"], new(MaxRate: 25m, Sort: "rate")),
        Search("day=sunday", ["idx_rating_summaries_rank"], new(Day: "sunday")),
        Search("expertise=sql&minYears=10&maxRate=100&day=monday", [ExpertiseIndex, RatingIndex, "idx_profiles_experience", "idx_profiles_rate"],
            new(Expertise: ["sql"], MinYears: 10, MaxRate: 100m, Day: "monday")),
        new("recommended for interests React, Go, Career Development", [ExpertiseIndex],
            provider => MentorDirectorySql.Recommended(provider, ["React", "Go", "Career Development"], PageRequest.DefaultLimit + 1, null)),
    ];

    private static DirectoryQuery Search(string name, string[] indexes, Filters filters, MentorSortKey? after = null) =>
        new(name, indexes, provider =>
        {
            var search = MentorSearch.From(new MentorSearchParameters(
                filters.Expertise, filters.Q, filters.MinYears, filters.MaxRate, filters.Day, filters.Sort, null, null));
            return MentorDirectorySql.Search(provider, search with { Page = search.Page with { After = after } });
        });

    private sealed record Filters(
        string[]? Expertise = null, string? Q = null, int? MinYears = null, decimal? MaxRate = null, string? Day = null, string? Sort = null);
}
