using System.Net;
using System.Net.Http.Json;
using Mentori.Data.Entities;
using Mentori.Tests.Host;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Mentori.Tests.Accounts;

/// <summary>What Mentori keeps about an account, what it gives back, and what it forgets.</summary>
public abstract class AccountDataTests(ITestDatabaseServer server) : DatabaseTest(server)
{
    [Fact]
    public async Task The_export_holds_every_row_about_the_caller_and_no_secret()
    {
        await using var app = new MentoriApp(Database);
        var auth = await RegisterAsync(app.CreateClient(), NewEmail(), "mentee");
        var menteeId = Guid.Parse(auth.GetProperty("user").GetProperty("id").GetString()!);
        var mentor = TestData.NewUser(UserRole.Mentor);
        await using (var db = Database.NewContext())
        {
            db.Users.Add(mentor);
            var session = new Session { MentorId = mentor.Id, MenteeId = menteeId, ScheduledAt = TestData.NextYearAt(10), Status = SessionStatus.Completed };
            db.Sessions.Add(session);
            db.Messages.Add(new Message { SenderId = menteeId, ReceiverId = mentor.Id, SessionId = session.Id, Content = "See you then" });
            db.Ratings.Add(new Rating { SessionId = session.Id, RaterId = mentor.Id, RatedId = menteeId, Score = 5, Feedback = "Great questions" });
            await db.SaveChangesAsync();
        }

        var response = await app.CreateClient().WithBearer(AccessToken(auth)).GetAsync("/api/v1/me/export");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        var export = await response.JsonAsync();
        Assert.Equal("Confirm your email for Mentori", export.GetProperty("emails")[0].GetProperty("subject").GetString());
        Assert.Equal(1, export.GetProperty("sessions").GetArrayLength());
        Assert.Equal("See you then", export.GetProperty("messages")[0].GetProperty("content").GetString());
        Assert.Equal("Great questions", export.GetProperty("ratings")[0].GetProperty("feedback").GetString());
        Assert.Equal(1, export.GetProperty("signIns").GetArrayLength());
        Assert.Equal("Ada", export.GetProperty("profile").GetProperty("firstName").GetString());
        Assert.DoesNotContain("hash", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(RefreshToken(auth), body);
    }

    [Fact]
    public async Task Deleting_the_account_needs_the_password_and_removes_everything()
    {
        await using var app = new MentoriApp(Database);
        var client = app.CreateClient();
        var email = NewEmail();
        var auth = await RegisterAsync(client, email);
        var me = app.CreateClient().WithBearer(AccessToken(auth));

        var refused = await me.DeleteJsonAsync("/api/v1/me", new { password = "Wrong-passw0rd" });
        await AssertProblemAsync(refused, HttpStatusCode.BadRequest);

        var deleted = await me.DeleteJsonAsync("/api/v1/me", new { password = Password });

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await MeStatusAsync(app, AccessToken(auth)));
        Assert.Equal(HttpStatusCode.Unauthorized, (await RefreshAsync(client, RefreshToken(auth))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(client, email)).StatusCode);
        await using var db = Database.NewContext();
        Assert.Equal(0, await db.Users.CountAsync());
        Assert.Equal(0, await db.Profiles.CountAsync());
        Assert.Equal(0, await db.RefreshTokens.CountAsync());
        Assert.Equal(0, await db.EmailTokens.CountAsync());
        Assert.Equal(0, await db.EmailOutbox.CountAsync(e => e.Recipient == email));
    }

    [Fact]
    public async Task Passwords_and_tokens_are_never_stored_or_logged_in_clear()
    {
        var logs = new CapturedLogs();
        await using var app = new MentoriApp(Database).WithServices(services => services.AddSingleton<ILoggerProvider>(logs));
        var client = app.CreateClient();
        var email = NewEmail();
        var auth = await RegisterAsync(client, email);
        var verification = (await app.WaitForEmailAsync(email, "Confirm your email")).Token();
        await client.PostAsJsonAsync("/api/v1/auth/forgot-password", new { email });
        var reset = (await app.WaitForEmailAsync(email, "Reset your Mentori password")).Token();
        await LoginAsync(client, email, "Wrong-passw0rd");

        string[] secrets = [Password, "Wrong-passw0rd", RefreshToken(auth), AccessToken(auth), verification, reset];
        var stored = await DumpAsync();
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(secret, stored, StringComparison.Ordinal);
            Assert.DoesNotContain(logs.Messages, message => message.Contains(secret, StringComparison.Ordinal));
        }
    }

    /// <summary>Every value of every column of every table, as text.</summary>
    private async Task<string> DumpAsync()
    {
        await using var db = Database.NewContext();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        var dump = new System.Text.StringBuilder();
        foreach (var table in db.Model.GetEntityTypes().Select(type => type.GetTableName()).Distinct())
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM {table}";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                for (var column = 0; column < reader.FieldCount; column++)
                {
                    dump.Append(reader.GetValue(column)).Append('\n');
                }
            }
        }

        Assert.Contains("$2", dump.ToString(), StringComparison.Ordinal);
        return dump.ToString();
    }

    private sealed class CapturedLogs : ILoggerProvider
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<string> _messages = new();

        public IEnumerable<string> Messages => _messages;

        public ILogger CreateLogger(string categoryName) => new Logger(_messages);

        public void Dispose()
        {
        }

        private sealed class Logger(System.Collections.Concurrent.ConcurrentQueue<string> messages) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                messages.Enqueue(formatter(state, exception) + exception);
        }
    }
}

public sealed class AccountDataOnPostgres(PostgresServer server) : AccountDataTests(server);

public sealed class AccountDataOnSqlite(SqliteFiles server) : AccountDataTests(server);
