using System.Net;
using System.Net.Http.Json;
using Mentori.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Mentori.Tests.Host;

/// <summary>
/// A connection that PostgreSQL drops in the middle of a write (a restart, a failover, an idle-killer): the write is a
/// 503 `database-unavailable` that stored nothing, not a 500, and the next request gets a fresh connection.
/// </summary>
public sealed class BrokenConnectionTests(PostgresServer server) : DatabaseTest(server)
{
    [Fact]
    public async Task A_connection_dropped_during_SaveChanges_is_a_503_and_the_next_write_succeeds()
    {
        var cancel = TestContext.Current.CancellationToken;
        var (mentor, mentee, _) = await Database.SeedPairAsync(SessionStatus.Accepted);
        await using var app = new MentoriApp(Database);
        var client = await SignInAsync(app, mentee);
        await using (var db = Database.NewContext())
        {
            // The server ends the connection that inserts this message, as an administrator's pg_terminate_backend would.
            await db.Database.ExecuteSqlRawAsync("""
                CREATE FUNCTION drop_the_connection() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF NEW.content = 'dropped' THEN PERFORM pg_terminate_backend(pg_backend_pid()); END IF;
                    RETURN NEW;
                END $$;
                CREATE TRIGGER drop_the_connection BEFORE INSERT ON messages FOR EACH ROW EXECUTE FUNCTION drop_the_connection();
                """, cancel);
        }

        var dropped = await client.PostAsJsonAsync("/api/v1/messages", new { receiverId = mentor.Id, content = "dropped" }, cancel);
        var next = await client.PostAsJsonAsync("/api/v1/messages", new { receiverId = mentor.Id, content = "next" }, cancel);

        var problem = await AssertProblemAsync(dropped, HttpStatusCode.ServiceUnavailable);
        Assert.EndsWith(":database-unavailable", problem.GetProperty("type").GetString());
        Assert.Equal(HttpStatusCode.Created, next.StatusCode);
        await using var check = Database.NewContext();
        Assert.Equal(["next"], await check.Messages.Select(m => m.Content).ToListAsync(cancel));
    }
}
