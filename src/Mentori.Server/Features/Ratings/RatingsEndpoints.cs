using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Mentori.Server.Features.Ratings;

/// <summary>The HTTP surface of ratings: api.md, "Ratings".</summary>
public static class RatingsEndpoints
{
    public static IEndpointRouteBuilder MapRatings(this IEndpointRouteBuilder api)
    {
        api.MapPost("/sessions/{id:guid}/rating", async Task<Results<Created<RatingResponse>, Ok<RatingResponse>>> (Guid id, RateSessionRequest request, ClaimsPrincipal user, RatingService ratings, CancellationToken cancellationToken) =>
            {
                var rating = await ratings.RateAsync(user, id, request, cancellationToken);
                return rating.ToResult($"/api/v1/users/{rating.Value.RatedId}/ratings");
            })
            .RequireAuthorization()
            .WithTags("Ratings")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithName("rateSession")
            .WithSummary("Rate the other participant of a completed session (1–5, optional feedback), once.")
            .WithDescription("""
                409 `already-rated` for a second rating of the same session. With a client-chosen `id` (a UUID of
                version 7) the same rating sent again is answered 200 with the stored one; another rating under a stored
                id is 409 `id-in-use`.
                """);

        api.MapGet("/users/{id:guid}/ratings", async Task<Ok<ReceivedRatings>> (Guid id, int? limit, string? cursor, RatingService ratings, CancellationToken cancellationToken) =>
                TypedResults.Ok(await ratings.ReceivedAsync(id, limit, cursor, cancellationToken)))
            .WithTags("Ratings")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("listUserRatings")
            .WithSummary("Ratings a user has received, newest first, with their average and count.");

        return api;
    }
}
