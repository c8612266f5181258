using Mentori.Data.Entities;

namespace Mentori.Tests.Infrastructure;

/// <summary>Builders for rows the tests need, with valid defaults and only the interesting parts spelled out.</summary>
public static class TestData
{
    /// <summary>Free every hour of every day: a mentor whose week never stands in a test's way.</summary>
    public static Dictionary<string, List<string>> AllWeek() => new[] { "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday" }
        .ToDictionary(day => day, _ => new List<string> { "00:00-24:00" });

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

    /// <summary>A listed mentor: active, verified, with a profile holding what a test cares about.</summary>
    public static User NewMentor(
        string firstName = "Test",
        string lastName = "Mentor",
        string[]? expertise = null,
        int? years = null,
        decimal? rate = null,
        string? bio = null,
        string? timezone = null,
        Dictionary<string, List<string>>? availability = null)
    {
        var mentor = NewUser(UserRole.Mentor);
        mentor.Profile = new Profile
        {
            FirstName = firstName,
            LastName = lastName,
            Bio = bio,
            Expertise = expertise?.ToList(),
            YearsExperience = years,
            HourlyRate = rate,
            Timezone = timezone,
            Availability = availability,
        };
        return mentor;
    }

    /// <summary>A completed session between the two and the rating <paramref name="rater"/> gave for it.</summary>
    public static (Session Session, Rating Rating) CompletedAndRated(User mentor, User mentee, User rater, int score)
    {
        var session = NewSession(mentor, mentee, NextYearAt(9).AddYears(-2), SessionStatus.Completed);
        var rated = rater == mentor ? mentee : mentor;
        return (session, new Rating { SessionId = session.Id, RaterId = rater.Id, RatedId = rated.Id, Score = score });
    }

    public static Session NewSession(User mentor, User mentee, DateTime start, SessionStatus status = SessionStatus.Pending, int duration = 60) => new()
    {
        MentorId = mentor.Id,
        MenteeId = mentee.Id,
        ScheduledAt = start,
        Duration = duration,
        Status = status,
        DeclineReason = status == SessionStatus.Declined ? DeclineReason.Mentor : null,
    };

    /// <summary>A whole hour well in the future, so nothing about "now" gets in the way.</summary>
    public static DateTime NextYearAt(int hour, int minute = 0) =>
        new(DateTime.UtcNow.Year + 1, 3, 2, hour, minute, 0, DateTimeKind.Utc);
}
