using Mentori.Data.Entities;

namespace Mentori.Tests.Infrastructure;

/// <summary>Builders for rows the tests need, with valid defaults and only the interesting parts spelled out.</summary>
public static class TestData
{
    /// <summary>A fixed hash: the tests that use these users never sign in with a password.</summary>
    private const string AnyHash = "$2a$11$0000000000000000000000000000000000000000000000000000";

    public static User NewUser(UserRole role, string? email = null) => new()
    {
        Email = email ?? $"{role.ToString().ToLowerInvariant()}-{Guid.NewGuid():N}@example.com",
        PasswordHash = AnyHash,
        Role = role,
        IsVerified = true,
        Profile = new Profile { FirstName = "Test", LastName = role.ToString() },
    };

    public static Session NewSession(User mentor, User mentee, DateTime start, SessionStatus status = SessionStatus.Pending, int duration = 60) => new()
    {
        MentorId = mentor.Id,
        MenteeId = mentee.Id,
        ScheduledAt = start,
        Duration = duration,
        Status = status,
    };

    /// <summary>A whole hour well in the future, so nothing about "now" gets in the way.</summary>
    public static DateTime NextYearAt(int hour, int minute = 0) =>
        new(DateTime.UtcNow.Year + 1, 3, 2, hour, minute, 0, DateTimeKind.Utc);
}
