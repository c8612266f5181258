using Mentori.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Mentori.Server.Infrastructure.Auth;

/// <summary>
/// Whether a sign-in (a refresh-token family, named by the <c>sid</c> claim of access tokens and cookies)
/// is still alive. Like <see cref="UserStatusCache"/>, an answer is trusted for at most 30 seconds, and the
/// instance that revokes a sign-in forgets it at once.
/// </summary>
public sealed class SignInStatusCache(IMemoryCache cache, IServiceScopeFactory scopes, TimeProvider clock)
{
    private sealed record Entry(bool Alive, DateTimeOffset FetchedAt);

    public async Task<bool> IsAliveAsync(Guid familyId, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        if (cache.TryGetValue(Key(familyId), out Entry? entry) && entry is not null && now - entry.FetchedAt < UserStatusCache.MaxAge)
        {
            return entry.Alive;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MentoriDb>();
        // A sign-in ends when revoked or when its last token expires: cookie sign-ins have an absolute lifetime too.
        var utcNow = clock.StoredUtcNow();
        var alive = await db.RefreshTokens.AnyAsync(t => t.FamilyId == familyId && t.RevokedAt == null && t.ExpiresAt > utcNow, cancellationToken);
        cache.Set(Key(familyId), new Entry(alive, now), UserStatusCache.MaxAge);
        return alive;
    }

    public void Forget(Guid familyId) => cache.Remove(Key(familyId));

    private static string Key(Guid familyId) => $"sign-in-status:{familyId}";
}
