using System.ComponentModel;
using Mentori.Data.Entities;
using Mentori.Server.Features.Profiles;
using Mentori.Server.Infrastructure.Idempotency;

namespace Mentori.Server.Features.Ratings;

/// <summary>
/// <c>POST /sessions/{id}/rating</c>. Nullable, so a missing rating is a field error. <c>id</c> is the client's own
/// (<see cref="ClientId"/>), or null for one Mentori chooses.
/// </summary>
public sealed record RateSessionRequest(int? Rating, string? Feedback = null, [property: Description(ClientId.Description)] Guid? Id = null);

/// <summary>A rating as the API shows it; <c>rater</c> is who gave it.</summary>
public sealed record RatingResponse(Guid Id, Guid SessionId, Guid RatedId, int Rating, string? Feedback, DateTime CreatedAt, UserSummary Rater)
{
    public static RatingResponse From(Rating rating, UserSummary rater) =>
        new(rating.Id, rating.SessionId, rating.RatedId, rating.Score, rating.Feedback, rating.CreatedAt, rater);
}

/// <summary><c>GET /users/{id}/ratings</c>: the summary of every rating received, and one page of them, newest first.</summary>
public sealed record ReceivedRatings(double? Average, int Count, IReadOnlyList<RatingResponse> Items, string? NextCursor);
