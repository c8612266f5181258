using System.Security.Claims;
using Mentori.Server.Infrastructure.Pagination;
using Mentori.Server.Infrastructure.Validation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Mentori.Server.Features.Mentors;

/// <summary>The HTTP surface of the mentor directory: api.md, "Profiles and mentors".</summary>
public static class MentorsEndpoints
{
    public static IEndpointRouteBuilder MapMentors(this IEndpointRouteBuilder api)
    {
        var mentors = api.MapGroup("/mentors").WithTags("Mentors");

        mentors.MapGet("/", async Task<Ok<Page<MentorSummary>>> ([AsParameters] MentorSearchParameters parameters, MentorDirectory directory, CancellationToken cancellationToken) =>
                TypedResults.Ok(await directory.SearchAsync(MentorSearch.From(parameters), cancellationToken)))
            .ProducesValidationProblem()
            .WithName("listMentors")
            .WithSummary("Active mentors, filtered and sorted.")
            .WithDescription("""
                Filters: `expertise` (repeatable; a mentor must have every one, compared case-insensitively), `q` (words in
                name, bio or expertise; each word matches as a prefix), `minYears` (0–70), `maxRate`, `day` (`monday`…`sunday`:
                has availability that weekday). `sort`: `relevance` (the default with `q`, and only with `q`), `rating` (the
                default without `q`; unrated mentors last), `responsive` (highest `responseRate` first, then the shortest
                `medianResponseMinutes`; mentors without figures last), `experience`, `rate` (lowest first; no rate last),
                `newest`. `limit` 1–100 (default 20) and the opaque `cursor` of the previous page.
                Each mentor's `responseRate` (0–1) is the share of the requests of the last 90 days the mentor answered
                (accepted or declined) of those decided (answered or expired; pending and withdrawn ones are not counted),
                `null` under 3; `medianResponseMinutes` is the median time to an answer, `null` with the rate or without
                an answer. Both are computed again within a minute of a change.
                """);

        mentors.MapGet("/recommended", async Task<Ok<Page<RecommendedMentor>>> (int? limit, string? cursor, ClaimsPrincipal user, MentorDirectory directory, CancellationToken cancellationToken) =>
                TypedResults.Ok(await directory.RecommendedAsync(user, limit, cursor, cancellationToken)))
            .RequireAuthorization()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .WithName("listRecommendedMentors")
            .WithSummary("Mentors for the signed-in mentee, by topics in common with the mentee's interests, then rating.")
            .WithDescription("""
                Only mentors with at least one topic in common are listed. `score` is the number of the mentee's interests the
                mentor's expertise covers (compared case-insensitively); `matchedTopics` are those topics as the mentor spells
                them. A mentee without interests gets an empty list. Paginated like every list.
                """);

        mentors.MapGet("/{id:guid}", async Task<Ok<MentorDetail>> (Guid id, MentorDirectory directory, CancellationToken cancellationToken) =>
                TypedResults.Ok(await directory.GetAsync(id, cancellationToken)))
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("getMentor")
            .WithSummary("One mentor, with weekly availability and rating. 404 for any id that is not an active mentor.");

        mentors.MapGet("/{id:guid}/slots", async Task<Ok<FreeSlots>> (Guid id, UtcTimestamp? from, UtcTimestamp? to, int? duration, MentorSlots slots, CancellationToken cancellationToken) =>
                TypedResults.Ok(await slots.FindAsync(id, from?.Value, to?.Value, duration, cancellationToken)))
            .RequireAuthorization()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("listMentorSlots")
            .WithSummary("A mentor's free slots in UTC within [from, to).")
            .WithDescription("""
                `from` defaults to now and `to` to 7 days after `from`; at most 31 days per request. `duration` 30–180 minutes
                (default 60). Slots start every 30 minutes from the start of each available stretch of the mentor's weekly
                availability, read in the mentor's time zone (daylight-saving aware), lie wholly inside it and inside
                [from, to), start in the future and overlap none of the mentor's accepted sessions. A mentor without
                availability has no slots.
                """);

        return api;
    }
}
