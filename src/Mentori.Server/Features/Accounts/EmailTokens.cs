using Mentori.Data;
using Mentori.Data.Entities;
using Mentori.Server.Infrastructure.Auth;
using Microsoft.EntityFrameworkCore;

namespace Mentori.Server.Features.Accounts;

/// <summary>Single-use tokens sent by email, each lasting <see cref="LifetimeOf"/> its purpose.</summary>
public sealed class EmailTokens(MentoriDb db, TimeProvider clock)
{
    public static TimeSpan LifetimeOf(EmailTokenPurpose purpose) =>
        purpose == EmailTokenPurpose.VerifyEmail ? TimeSpan.FromHours(24) : TimeSpan.FromHours(1);

    /// <summary>
    /// A new token in place of the user's unused ones of that purpose, and the email that carries it (queued by
    /// <paramref name="email"/>), committed in one transaction: the last email sent is the only one whose link works.
    /// </summary>
    public async Task ReissueAsync(Guid userId, EmailTokenPurpose purpose, Action<string> email, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await InvalidateUnusedAsync(userId, purpose, cancellationToken);
        email(Issue(userId, purpose));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private async Task InvalidateUnusedAsync(Guid userId, EmailTokenPurpose purpose, CancellationToken cancellationToken)
    {
        var now = Now;
        await db.EmailTokens
            .Where(t => t.UserId == userId && t.Purpose == purpose && t.UsedAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(t => t.UsedAt, now), cancellationToken);
    }

    /// <summary>A new token for the user, saved with the caller's next save.</summary>
    public string Issue(Guid userId, EmailTokenPurpose purpose)
    {
        var now = Now;
        var token = SecureToken.New();
        db.EmailTokens.Add(new EmailToken
        {
            UserId = userId,
            Purpose = purpose,
            TokenHash = SecureToken.Hash(token),
            ExpiresAt = now + LifetimeOf(purpose),
        });
        return token;
    }

    /// <summary>
    /// Spends the token and answers whose it was, or null when it is unknown, spent or expired. The spending is one
    /// conditional update, so a token used twice at the same moment works once.
    /// </summary>
    public async Task<Guid?> ConsumeAsync(string token, EmailTokenPurpose purpose, CancellationToken cancellationToken)
    {
        var hash = SecureToken.Hash(token);
        var now = Now;
        var spent = await db.EmailTokens
            .Where(t => t.TokenHash == hash && t.Purpose == purpose && t.UsedAt == null && t.ExpiresAt > now)
            .ExecuteUpdateAsync(set => set.SetProperty(t => t.UsedAt, now), cancellationToken);
        if (spent == 0)
        {
            return null;
        }

        return await db.EmailTokens.Where(t => t.TokenHash == hash).Select(t => t.UserId).SingleAsync(cancellationToken);
    }

    private DateTime Now => clock.StoredUtcNow();
}
