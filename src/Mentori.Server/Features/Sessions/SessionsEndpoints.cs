using System.Security.Claims;
using Mentori.Server.Infrastructure.Pagination;
using Mentori.Server.Infrastructure.RateLimiting;
using Mentori.Server.Infrastructure.Validation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Mentori.Server.Features.Sessions;

/// <summary>The HTTP surface of sessions: api.md, "Sessions".</summary>
public static class SessionsEndpoints
{
    public static IEndpointRouteBuilder MapSessions(this IEndpointRouteBuilder api)
    {
        var sessions = api.MapGroup("/sessions").WithTags("Sessions").RequireAuthorization()
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        sessions.MapPost("/", async Task<Results<Created<SessionResponse>, Ok<SessionResponse>>> (RequestSessionRequest request, ClaimsPrincipal user, SessionService service, CancellationToken cancellationToken) =>
            {
                var session = await service.RequestAsync(user, request, cancellationToken);
                return session.ToResult($"/api/v1/sessions/{session.Value.Id}");
            })
            .RequireRateLimiting(RateLimitingRegistration.SessionRequests)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .WithName("requestSession")
            .WithSummary("Request a session with a mentor (verified mentees).")
            .WithDescription("""
                `scheduledAt` must be at least `Sessions:AnswerBeforeStart` (one hour by default) ahead, so that the mentor
                can answer in time, and, when the mentor has a weekly availability, lie with its whole `duration` (30–180
                minutes, default 60) inside it; any minute is allowed. 409 `session-overlap` when it overlaps one of the
                mentor's accepted sessions or one of the caller's own pending or accepted sessions (a request past its
                deadline does not count). A request unanswered by its deadline (`Sessions:RequestTtl`, 48 hours, after it
                was made, or `AnswerBeforeStart` before its start, whichever comes first) is declined by Mentori with
                `declineReason: "expired"`. With a client-chosen `id` (a UUID of version 7) the same request sent again
                is answered 200 with the stored session as it is now, and is neither stored nor emailed twice; another
                request under a stored id is 409 `id-in-use`.
                """);

        sessions.MapGet("/", async Task<Ok<Page<SessionResponse>>> (ClaimsPrincipal user, SessionQueries queries, string? status,
                    UtcTimestamp? from, UtcTimestamp? to, bool? all, int? limit, string? cursor, CancellationToken cancellationToken) =>
                TypedResults.Ok(await queries.ListAsync(user, status, from?.Value, to?.Value, all, limit, cursor, cancellationToken)))
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .WithName("listSessions")
            .WithSummary("The caller's sessions, newest start first.")
            .WithDescription("Filters: `status`, and a start within [`from`, `to`). Admins pass `all=true` for every session. Paginated.");

        sessions.MapGet("/{id:guid}", async Task<Ok<SessionResponse>> (Guid id, ClaimsPrincipal user, SessionQueries queries, CancellationToken cancellationToken) =>
                TypedResults.Ok(await queries.GetAsync(user, id, cancellationToken)))
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("getSession")
            .WithSummary("One session, for its participants and admins.");

        sessions.MapPost("/{id:guid}/accept", async Task<Ok<SessionResponse>> (Guid id, [FromBody] AcceptSessionRequest? request, ClaimsPrincipal user, SessionService service, CancellationToken cancellationToken) =>
                TypedResults.Ok(await service.AcceptAsync(user, id, request, cancellationToken)))
            .WithTransitionResponses()
            .WithName("acceptSession")
            .WithSummary("The mentor accepts a pending request whose deadline is still ahead.")
            .WithDescription("409 `request-expired` once the request's deadline has passed, even before Mentori has declined it; 409 `session-overlap` when another accepted session of the mentor overlaps.");

        sessions.MapPost("/{id:guid}/decline", async Task<Ok<SessionResponse>> (Guid id, [FromBody] SessionReasonRequest? request, ClaimsPrincipal user, SessionService service, CancellationToken cancellationToken) =>
                TypedResults.Ok(await service.DeclineAsync(user, id, request, cancellationToken)))
            .WithTransitionResponses()
            .WithName("declineSession")
            .WithSummary("The mentor declines a pending request (`declineReason: \"mentor\"`); 409 `request-expired` past its deadline.");

        sessions.MapPost("/{id:guid}/cancel", async Task<Ok<SessionResponse>> (Guid id, [FromBody] SessionReasonRequest? request, ClaimsPrincipal user, SessionService service, CancellationToken cancellationToken) =>
                TypedResults.Ok(await service.CancelAsync(user, id, request, cancellationToken)))
            .WithTransitionResponses()
            .WithName("cancelSession")
            .WithSummary("Either side cancels an accepted session; the mentee may also withdraw a pending request before its deadline.");

        sessions.MapPost("/{id:guid}/complete", async Task<Ok<SessionResponse>> (Guid id, [FromBody] CompleteSessionRequest? request, ClaimsPrincipal user, SessionService service, CancellationToken cancellationToken) =>
                TypedResults.Ok(await service.CompleteAsync(user, id, request, cancellationToken)))
            .WithTransitionResponses()
            .WithName("completeSession")
            .WithSummary("The mentor marks an accepted session completed, once its start has passed.");

        sessions.MapPatch("/{id:guid}/notes", async Task<Ok<SessionResponse>> (Guid id, SessionNotesRequest request, ClaimsPrincipal user, SessionService service, CancellationToken cancellationToken) =>
                TypedResults.Ok(await service.UpdateNotesAsync(user, id, request, cancellationToken)))
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("updateSessionNotes")
            .WithSummary("Write the shared notes, or the caller's own (menteeNotes for the mentee, mentorNotes for the mentor).");

        sessions.MapGet("/{id:guid}/calendar.ics", async Task<FileContentHttpResult> (Guid id, ClaimsPrincipal user, SessionService service, SessionQueries queries, CancellationToken cancellationToken) =>
            {
                await service.SideOfAsync(user, id, cancellationToken);
                var session = await queries.GetAsync(user, id, cancellationToken);
                return TypedResults.File(SessionCalendar.Download(session), SessionCalendar.ContentType, $"mentori-session-{id}.ics");
            })
            .Produces(StatusCodes.Status200OK, contentType: "text/calendar")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithName("getSessionCalendar")
            .WithSummary("An accepted session as an iCalendar (RFC 5545) event, for the participants; a cancelled one as STATUS:CANCELLED.");

        return api;
    }

    private static RouteHandlerBuilder WithTransitionResponses(this RouteHandlerBuilder builder) => builder
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status403Forbidden)
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status409Conflict);
}
