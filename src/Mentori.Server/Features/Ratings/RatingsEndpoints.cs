using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Mentori.Server.Features.Ratings;

/// <summary>The HTTP surface of ratings: api.md, "Ratings".</summary>
public static class RatingsEndpoints
{
    public static IEndpointRouteBuilder MapRatings(this IEndpointRouteBuilder api)
    {
        api.MapPost("/sessions/{id:guid}/rating", async Task<Created<RatingResponse>> (Guid id, RateSessionRequest request, ClaimsPrincipal user, RatingService ratings, CancellationToken cancellationToken) =>
            {
                var rating = await ratings.RateAsync(user, id, request, cancellationToken);
                return TypedResults.Created($"/api/v1/users/{rating.RatedId}/ratings", rating);
            })
            .RequireAuthorization()
            .WithTags("Ratings")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithName("rateSession")
            .WithSummary("Rate the other participant of a completed session (1–5, optional feedback), once.");

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
