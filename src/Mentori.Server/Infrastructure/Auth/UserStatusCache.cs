using Mentori.Data;
using Mentori.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Mentori.Server.Infrastructure.Auth;

public sealed record UserStatus(bool IsActive, bool IsVerified, UserRole Role);

/// <summary>
/// Whether a signed-in user is still active, asked on every authenticated request. An answer is trusted for at
/// most <see cref="MaxAge"/> by the injected clock, so a deactivation reaches access tokens on every server
/// instance within that time; the instance that makes a change forgets the entry at once.
/// </summary>
public sealed class UserStatusCache(IMemoryCache cache, IServiceScopeFactory scopes, TimeProvider clock)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(30);

    private sealed record Entry(UserStatus? Status, DateTimeOffset FetchedAt);

    public async Task<UserStatus?> GetAsync(Guid userId, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        if (cache.TryGetValue(Key(userId), out Entry? entry) && entry is not null && now - entry.FetchedAt < MaxAge)
        {
            return entry.Status;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MentoriDb>();
        var status = await db.Users.AsNoTracking()
            .Where(u => u.Id == userId)
            .Select(u => new UserStatus(u.IsActive, u.IsVerified, u.Role))
            .SingleOrDefaultAsync(cancellationToken);
        cache.Set(Key(userId), new Entry(status, now), MaxAge);
        return status;
    }

    public void Forget(Guid userId) => cache.Remove(Key(userId));

    private static string Key(Guid userId) => $"user-status:{userId}";
}
