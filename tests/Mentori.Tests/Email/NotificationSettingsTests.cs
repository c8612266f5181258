using System.Net;
using System.Net.Http.Json;
using Mentori.Data.Entities;
using Mentori.Server.Features.Sessions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Mentori.Tests.Email;

/// <summary>A user turns reminders off and gets none, while the other side of the session still gets theirs.</summary>
public abstract class NotificationSettingsTests(ITestDatabaseServer server) : DatabaseTest(server)
{
    [Fact]
    public async Task Settings_default_to_on_need_every_field_and_are_kept()
    {
        var mentee = await Database.SeedUserAsync(UserRole.Mentee);
        await using var app = new MentoriApp(Database);
        var client = await SignInAsync(app, mentee);

        var initial = await GetOkAsync(client, "/api/v1/me/notifications");
        var incomplete = await client.PutAsJsonAsync("/api/v1/me/notifications", new { }, TestContext.Current.CancellationToken);
        var partial = await client.PutAsJsonAsync("/api/v1/me/notifications", new { reminders = false }, TestContext.Current.CancellationToken);
        var changed = await client.PutAsJsonAsync("/api/v1/me/notifications", new { reminders = false, unreadMessages = true }, TestContext.Current.CancellationToken);
        var after = await GetOkAsync(client, "/api/v1/me/notifications");

        Assert.True(initial.GetProperty("reminders").GetBoolean());
        Assert.True(initial.GetProperty("unreadMessages").GetBoolean());
        var errors = (await AssertProblemAsync(incomplete, HttpStatusCode.BadRequest)).GetProperty("errors");
        Assert.True(errors.TryGetProperty("reminders", out _));
        Assert.True(errors.TryGetProperty("unreadMessages", out _));
        var missing = (await AssertProblemAsync(partial, HttpStatusCode.BadRequest)).GetProperty("errors");
        Assert.Equal(["unreadMessages"], missing.EnumerateObject().Select(e => e.Name));
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.False(after.GetProperty("reminders").GetBoolean());
        Assert.True(after.GetProperty("unreadMessages").GetBoolean());
    }

    [Fact]
    public async Task Who_turned_reminders_off_gets_none_and_the_other_side_still_does()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2030, 5, 1, 9, 0, 0, TimeSpan.Zero));
        var mentor = await Database.SeedUserAsync(UserRole.Mentor);
        var mentee = await Database.SeedUserAsync(UserRole.Mentee);
        await Database.SeedAsync(new NotificationPreferences { UserId = mentor.Id, Reminders = false });
        await Database.SeedSessionAsync(mentor, mentee, new DateTime(2030, 5, 2, 8, 0, 0, DateTimeKind.Utc), SessionStatus.Accepted);
        await using var app = new MentoriApp(Database).WithClock(clock);
        app.StartServer();

        await app.WaitForEmailAsync(mentee.Email, "Coming up: your session");
        Assert.Equal(0, await app.Services.GetRequiredService<SessionReminders>().SendDueAsync(TestContext.Current.CancellationToken));

        await using var db = Database.NewContext();
        Assert.False(await db.EmailOutbox.AnyAsync(e => e.Recipient == mentor.Email, TestContext.Current.CancellationToken));
    }
}

public sealed class NotificationSettingsOnPostgres(PostgresServer server) : NotificationSettingsTests(server);

public sealed class NotificationSettingsOnSqlite(SqliteFiles server) : NotificationSettingsTests(server);
