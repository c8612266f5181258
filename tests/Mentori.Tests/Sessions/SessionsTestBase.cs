using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mentori.Data.Entities;
using Mentori.Tests.Accounts;
using Mentori.Tests.Infrastructure;

namespace Mentori.Tests.Sessions;

/// <summary>Users written into the database with a real password hash, signed in through the API like any client.</summary>
public abstract class SessionsTestBase(ITestDatabaseServer server) : AccountsTestBase(server)
{
    private static readonly Lazy<string> RealHash = new(() => BCrypt.Net.BCrypt.HashPassword(Password, 10));

    protected async Task<User> SeedUserAsync(UserRole role, bool verified = true, Dictionary<string, List<string>>? availability = null, string? timezone = null)
    {
        var user = role == UserRole.Mentor ? TestData.NewMentor(availability: availability, timezone: timezone) : TestData.NewUser(role);
        user.PasswordHash = RealHash.Value;
        user.IsVerified = verified;
        await using var db = Database.NewContext();
        db.Add(user);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return user;
    }

    protected async Task<Session> SeedSessionAsync(User mentor, User mentee, DateTime start, SessionStatus status = SessionStatus.Pending, int duration = 60)
    {
        var session = TestData.NewSession(mentor, mentee, start, status, duration);
        await using var db = Database.NewContext();
        db.Add(session);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return session;
    }

    protected static async Task<HttpClient> SignInAsync(MentoriApp app, User user)
    {
        var response = await LoginAsync(app.CreateClient(), user.Email);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return app.CreateClient().WithBearer(AccessToken(await response.JsonAsync()));
    }

    protected static Task<HttpResponseMessage> RequestAsync(HttpClient client, Guid mentorId, DateTime start, int? duration = 60, string? menteeNotes = null) =>
        client.PostAsJsonAsync("/api/v1/sessions", new { mentorId, scheduledAt = start, duration, menteeNotes });

    protected static Task<HttpResponseMessage> ActAsync(HttpClient client, Guid sessionId, string action, object? body = null) =>
        body is null
            ? client.PostAsync($"/api/v1/sessions/{sessionId}/{action}", null)
            : client.PostAsJsonAsync($"/api/v1/sessions/{sessionId}/{action}", body);

    protected async Task<SessionStatus> StoredStatusAsync(Guid sessionId)
    {
        await using var db = Database.NewContext();
        return (await db.Sessions.FindAsync([sessionId], TestContext.Current.CancellationToken))!.Status;
    }

    protected static string Status(JsonElement session) => session.GetProperty("status").GetString()!;
}
