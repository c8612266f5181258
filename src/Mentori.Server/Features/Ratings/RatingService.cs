using System.Security.Claims;
using Mentori.Data;
using Mentori.Data.Entities;
using Mentori.Server.Features.Mentors;
using Mentori.Server.Features.Profiles;
using Mentori.Server.Features.Sessions;
using Mentori.Server.Infrastructure.Auth;
using Mentori.Server.Infrastructure.Database;
using Mentori.Server.Infrastructure.Idempotency;
using Mentori.Server.Infrastructure.Pagination;
using Mentori.Server.Infrastructure.Problems;
using Mentori.Server.Infrastructure.Validation;
using Microsoft.EntityFrameworkCore;

namespace Mentori.Server.Features.Ratings;

/// <summary>
/// Ratings (decision 4 in docs/decisions.md): each participant of a completed session rates the other once, 1–5 with
/// optional feedback. The key (session_id, rater_id) refuses a second rating, however many arrive at once; the
/// summary the directory shows is kept by the database's triggers.
/// </summary>
public sealed class RatingService(MentoriDb db, VerifiedEmailRule verified)
{
    public const int MaxFeedbackLength = 2000;
    private const string ListName = "ratings";

    public async Task<Written<RatingResponse>> RateAsync(ClaimsPrincipal caller, Guid sessionId, RateSessionRequest request, CancellationToken cancellationToken)
    {
        var me = caller.GetUserId();
        var session = await db.Sessions.AsNoTracking().Where(s => s.Id == sessionId && (s.MentorId == me || s.MenteeId == me))
            .Select(s => new { s.MentorId, s.MenteeId, s.Status })
            .SingleOrDefaultAsync(cancellationToken) ?? throw SessionQueries.NotFound();
        await verified.EnsureAsync(me, cancellationToken);

        var errors = new ValidationErrors();
        var id = ClientId.Check(errors, request.Id);
        errors.AddIf(request.Rating is null, "rating", "This field is required.");
        errors.AddIf(request.Rating is < 1 or > 5, "rating", "A rating is 1 to 5.");
        var feedback = FreeText.Optional(errors, "feedback", request.Feedback, MaxFeedbackLength);
        errors.ThrowIfAny();

        // Completed is final (decision 5), so this check cannot go stale before the insert.
        if (session.Status != SessionStatus.Completed)
        {
            throw ProblemException.Conflict(ProblemTypes.InvalidTransition, "Only completed sessions are rated",
                $"The session is {session.Status.ToString().ToLowerInvariant()}.");
        }

        var rating = new Rating
        {
            Id = id ?? Guid.CreateVersion7(), SessionId = sessionId, RaterId = me, RatedId = session.MentorId == me ? session.MenteeId : session.MentorId,
            Score = request.Rating!.Value, Feedback = feedback,
        };
        if (id is not null && await StoredAsync(rating, cancellationToken) is { } before)
        {
            return before;
        }

        db.Ratings.Add(rating);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (DatabaseErrors.IsUniqueViolation(exception))
        {
            db.ChangeTracker.Clear();
            return await StoredAsync(rating, cancellationToken) // the same rating, sent twice at once
                ?? throw ProblemException.Conflict(ProblemTypes.AlreadyRated, "You have rated this session", "Each participant rates a session once.");
        }

        return new Written<RatingResponse>(await WithRaterAsync(rating, cancellationToken), WasStoredBefore: false);
    }

    /// <summary>The rating stored under <paramref name="given"/>'s id, when it is the same one; another under that id is 409.</summary>
    private async Task<Written<RatingResponse>?> StoredAsync(Rating given, CancellationToken cancellationToken)
    {
        var stored = await db.Ratings.AsNoTracking().SingleOrDefaultAsync(r => r.Id == given.Id, cancellationToken);
        if (stored is null)
        {
            return null;
        }

        var same = stored.RaterId == given.RaterId && stored.SessionId == given.SessionId && stored.Score == given.Score && stored.Feedback == given.Feedback;
        return same ? new Written<RatingResponse>(await WithRaterAsync(stored, cancellationToken), WasStoredBefore: true) : throw ClientId.InUse();
    }

    private async Task<RatingResponse> WithRaterAsync(Rating rating, CancellationToken cancellationToken)
    {
        var rater = await db.Profiles.AsNoTracking().Where(p => p.UserId == rating.RaterId)
            .Select(p => new UserSummary(p.UserId, p.FirstName, p.LastName, p.ProfileImage)).SingleOrDefaultAsync(cancellationToken);
        return RatingResponse.From(rating, rater ?? new UserSummary(rating.RaterId, null, null, null));
    }

    /// <summary>The score the caller gave this session, or null while they have not rated it.</summary>
    public async Task<int?> GivenAsync(ClaimsPrincipal caller, Guid sessionId, CancellationToken cancellationToken)
    {
        var me = caller.GetUserId();
        return await db.Ratings.AsNoTracking().Where(r => r.SessionId == sessionId && r.RaterId == me).Select(r => (int?)r.Score)
            .SingleOrDefaultAsync(cancellationToken);
    }

    /// <summary>Ratings a user has received, newest first; the average and count come from the maintained summary.</summary>
    public async Task<ReceivedRatings> ReceivedAsync(Guid userId, int? limit, string? cursor, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var page = PageRequest.From(errors, limit, cursor, TimeKey.Parser(ListName));
        errors.ThrowIfAny();
        var summary = await db.RatingSummaries.AsNoTracking().Where(s => s.UserId == userId)
            .Select(s => new { s.RatingAverage, s.RatingCount }).SingleOrDefaultAsync(cancellationToken)
            ?? throw ProblemException.NotFound("There is no user with this id.");

        var rows = await db.Ratings.NewestFirst(r => r.CreatedAt, page.After).AsNoTracking().Where(r => r.RatedId == userId)
            .Take(page.FetchCount)
            .Select(r => new
            {
                Rating = r,
                Rater = new UserSummary(r.RaterId, r.Rater.Profile!.FirstName, r.Rater.Profile.LastName, r.Rater.Profile.ProfileImage),
            })
            .ToListAsync(cancellationToken);
        var items = page.ToPage(rows, row => RatingResponse.From(row.Rating, row.Rater),
            row => new TimeKey(row.Rating.CreatedAt, row.Rating.Id).ToParts(ListName));
        return new ReceivedRatings(MentorSummary.ShownAverage(summary.RatingAverage, summary.RatingCount), summary.RatingCount, items.Items, items.NextCursor);
    }
}
