using System.Text;
using Mentori.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Mentori.Tests.Fuzzing;

/// <summary>The rules the database must keep whatever was sent: each one broken is a line.</summary>
public static class FuzzInvariants
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static async Task<List<string>> BrokenAsync(TestDatabase database, CancellationToken cancellationToken)
    {
        await using var db = database.NewContext();
        var broken = new List<string>();
        var sessions = await db.Sessions.AsNoTracking().ToListAsync(cancellationToken);
        foreach (var mentor in sessions.Where(s => s.Status == SessionStatus.Accepted).GroupBy(s => s.MentorId))
        {
            var accepted = mentor.OrderBy(s => s.ScheduledAt).ToList();
            broken.AddRange(accepted.Zip(accepted.Skip(1)).Where(p => p.First.ScheduledAt.AddMinutes(p.First.Duration) > p.Second.ScheduledAt)
                .Select(p => $"accepted sessions {p.First.Id} and {p.Second.Id} of one mentor overlap"));
        }

        var byId = sessions.ToDictionary(s => s.Id);
        var ratings = await db.Ratings.AsNoTracking().ToListAsync(cancellationToken);
        foreach (var rating in ratings)
        {
            var session = byId[rating.SessionId];
            var participants = new[] { session.MentorId, session.MenteeId };
            if (session.Status != SessionStatus.Completed || !participants.Contains(rating.RaterId) || rating.RatedId == rating.RaterId
                || !participants.Contains(rating.RatedId) || rating.Score is < 1 or > 5)
            {
                broken.Add($"rating {rating.Id} does not fit its session {session.Id} ({session.Status})");
            }
        }

        var summaries = await db.RatingSummaries.AsNoTracking().ToDictionaryAsync(s => s.UserId, cancellationToken);
        var users = summaries.Keys.Union(ratings.Select(r => r.RatedId));
        foreach (var user in users)
        {
            var received = ratings.Where(r => r.RatedId == user).ToList();
            var (count, sum) = summaries.TryGetValue(user, out var summary) ? (summary.RatingCount, summary.RatingSum) : (-1, -1);
            if (count != received.Count || sum != received.Sum(r => r.Score))
            {
                broken.Add($"the rating summary of {user} says {count} ratings summing to {sum} (-1: no summary), "
                    + $"the ratings are {received.Count} summing to {received.Sum(r => r.Score)}");
            }
        }

        var messages = await db.Messages.AsNoTracking().ToListAsync(cancellationToken);
        broken.AddRange(messages.Where(m => m.SenderId == m.ReceiverId || m.Content.Length is 0 or > Message.MaxContentLength)
            .Select(m => $"message {m.Id} breaks the message rules"));
        var texts = messages.Select(m => m.Content)
            .Concat(sessions.SelectMany(s => new[] { s.Notes, s.MenteeNotes, s.MentorNotes, s.MeetingLink }))
            .Concat(ratings.Select(r => r.Feedback))
            .Concat((await db.Profiles.AsNoTracking().ToListAsync(cancellationToken))
                .SelectMany(p => new[] { p.FirstName, p.LastName, p.Bio, p.Location, p.Phone, p.Timezone, p.Goals }
                    .Concat(p.Expertise ?? []).Concat(p.Interests ?? [])));
        broken.AddRange(texts.OfType<string>().Where(t => !IsText(t)).Select(t => $"stored text that is no text: {Escaped(t)}"));
        return broken;
    }

    /// <summary>Valid UTF-16 (no lone surrogate) without NUL.</summary>
    private static bool IsText(string text)
    {
        try
        {
            StrictUtf8.GetByteCount(text);
            return !text.Contains('\0', StringComparison.Ordinal);
        }
        catch (EncoderFallbackException)
        {
            return false;
        }
    }

    private static string Escaped(string text) => string.Concat(text.Take(80).Select(c => c < ' ' || char.IsSurrogate(c) ? $"\\u{(int)c:x4}" : c.ToString()));
}
