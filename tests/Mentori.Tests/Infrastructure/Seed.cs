using Mentori.Data.Entities;

namespace Mentori.Tests.Infrastructure;

/// <summary>Rows written straight into a test's database, for tests about what comes after them.</summary>
public static class Seed
{
    private static readonly Lazy<string> RealHash = new(() => BCrypt.Net.BCrypt.HashPassword(Api.Password, 10));

    /// <summary>Saves the rows in one go and returns them.</summary>
    public static async Task<T[]> SeedAsync<T>(this TestDatabase database, params T[] rows)
        where T : class
    {
        await using var db = database.NewContext();
        db.AddRange(rows);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return rows;
    }

    /// <summary>A user who can sign in with <see cref="Api.Password"/>; a mentor is a listed one.</summary>
    public static async Task<User> SeedUserAsync(this TestDatabase database, UserRole role, bool verified = true,
        Dictionary<string, List<string>>? availability = null, string? timezone = null, string firstName = "Test")
    {
        var user = role == UserRole.Mentor ? TestData.NewMentor(availability: availability, timezone: timezone) : TestData.NewUser(role);
        user.Profile!.FirstName = firstName;
        user.PasswordHash = RealHash.Value;
        user.IsVerified = verified;
        await database.SeedAsync(user);
        return user;
    }

    public static async Task<Session> SeedSessionAsync(this TestDatabase database, User mentor, User mentee, DateTime start,
        SessionStatus status = SessionStatus.Pending, int duration = 60)
    {
        var session = TestData.NewSession(mentor, mentee, start, status, duration);
        await database.SeedAsync(session);
        return session;
    }

    /// <summary>A mentor and a mentee who share a session, both able to sign in.</summary>
    public static async Task<(User Mentor, User Mentee, Session Session)> SeedPairAsync(this TestDatabase database,
        SessionStatus status = SessionStatus.Pending)
    {
        var mentor = await database.SeedUserAsync(UserRole.Mentor);
        var mentee = await database.SeedUserAsync(UserRole.Mentee);
        return (mentor, mentee, await database.SeedSessionAsync(mentor, mentee, TestData.NextYearAt(10), status));
    }

    /// <summary>For each score, a completed session with <paramref name="mentor"/> and its rating by a new mentee.</summary>
    public static async Task SeedRatingsAsync(this TestDatabase database, User mentor, params int[] scores)
    {
        foreach (var score in scores)
        {
            var mentee = TestData.NewUser(UserRole.Mentee);
            var (session, rating) = TestData.CompletedAndRated(mentor, mentee, mentee, score);
            await database.SeedAsync<object>(mentee, session, rating);
        }
    }

    public static async Task<SessionStatus> StoredStatusAsync(this TestDatabase database, Guid sessionId)
    {
        await using var db = database.NewContext();
        return (await db.Sessions.FindAsync([sessionId], TestContext.Current.CancellationToken))!.Status;
    }
}
