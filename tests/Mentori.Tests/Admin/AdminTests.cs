using System.Net;
using System.Net.Http.Json;
using Mentori.Data.Entities;
using Mentori.Tests.Host;
using Microsoft.EntityFrameworkCore;

namespace Mentori.Tests.Admin;

public abstract class AdminTests(ITestDatabaseServer server) : DatabaseTest(server)
{
    private static Task<HttpResponseMessage> PatchAsync(HttpClient client, Guid userId, object body) =>
        client.PatchAsJsonAsync($"/api/v1/admin/users/{userId}", body);

    [Fact]
    public async Task An_admin_deactivates_a_mentor_who_leaves_the_directory_and_is_signed_out_and_the_change_is_audited()
    {
        var admin = await Database.SeedUserAsync(UserRole.Admin);
        var mentor = await Database.SeedUserAsync(UserRole.Mentor);
        await using var app = new MentoriApp(Database);
        var mentorLogin = await (await LoginAsync(app.CreateClient(), mentor.Email)).JsonAsync();
        var adminClient = await SignInAsync(app, admin);

        var response = await PatchAsync(adminClient, mentor.Id, new { isActive = false });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False((await response.JsonAsync()).GetProperty("isActive").GetBoolean());
        Assert.Empty((await (await app.CreateClient().GetAsync("/api/v1/mentors")).JsonAsync()).GetProperty("items").EnumerateArray());
        Assert.NotEqual(HttpStatusCode.OK, (await RefreshAsync(app.CreateClient(), RefreshToken(mentorLogin))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, await MeStatusAsync(app, AccessToken(mentorLogin)));
        var audit = (await (await adminClient.GetAsync("/api/v1/admin/audit")).JsonAsync()).GetProperty("items")[0];
        Assert.Equal(admin.Id, audit.GetProperty("adminId").GetGuid());
        Assert.Equal(mentor.Id, audit.GetProperty("targetUserId").GetGuid());
        Assert.Contains("\"isActive\":true", audit.GetProperty("before").GetString());
        Assert.Contains("\"isActive\":false", audit.GetProperty("after").GetString());
    }

    [Fact]
    public async Task The_audit_log_keeps_one_admins_actions_or_one_users_changes_and_refuses_an_id_that_is_not_one()
    {
        var ada = await Database.SeedUserAsync(UserRole.Admin);
        var bob = await Database.SeedUserAsync(UserRole.Admin);
        var grace = await Database.SeedUserAsync(UserRole.Mentee);
        var alan = await Database.SeedUserAsync(UserRole.Mentor);
        await using var app = new MentoriApp(Database);
        var adaClient = await SignInAsync(app, ada);
        var bobClient = await SignInAsync(app, bob);
        Assert.Equal(HttpStatusCode.OK, (await PatchAsync(adaClient, grace.Id, new { isVerified = false })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PatchAsync(bobClient, alan.Id, new { isActive = false })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PatchAsync(bobClient, grace.Id, new { role = "mentor" })).StatusCode);

        async Task<(Guid Admin, Guid Target)[]> AuditAsync(string query) =>
            [.. (await GetOkAsync(adaClient, "/api/v1/admin/audit" + query)).GetProperty("items").EnumerateArray()
                .Select(e => (e.GetProperty("adminId").GetGuid(), e.GetProperty("targetUserId").GetGuid()))];

        Assert.Equal([(bob.Id, grace.Id), (bob.Id, alan.Id), (ada.Id, grace.Id)], await AuditAsync(""));
        Assert.Equal([(bob.Id, grace.Id), (bob.Id, alan.Id)], await AuditAsync($"?adminId={bob.Id}"));
        Assert.Equal([(bob.Id, grace.Id), (ada.Id, grace.Id)], await AuditAsync($"?targetUserId={grace.Id}"));
        Assert.Equal([(ada.Id, grace.Id)], await AuditAsync($"?adminId={ada.Id}&targetUserId={grace.Id}"));
        Assert.Empty(await AuditAsync($"?adminId={grace.Id}"));
        var problem = await AssertProblemAsync(await adaClient.GetAsync("/api/v1/admin/audit?targetUserId=grace"), HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("targetUserId", out _), problem.ToString());
    }

    [Fact]
    public async Task An_admin_cannot_deactivate_or_demote_itself_and_the_last_admin_stays()
    {
        var admin = await Database.SeedUserAsync(UserRole.Admin);
        var other = await Database.SeedUserAsync(UserRole.Admin);
        await using var app = new MentoriApp(Database);
        var client = await SignInAsync(app, admin);

        await AssertProblemAsync(await PatchAsync(client, admin.Id, new { isActive = false }), HttpStatusCode.Conflict);
        await AssertProblemAsync(await PatchAsync(client, admin.Id, new { role = "mentee" }), HttpStatusCode.Conflict);
        Assert.Equal(HttpStatusCode.OK, (await PatchAsync(client, other.Id, new { isActive = false })).StatusCode);
        var last = await PatchAsync(await SignInAsync(app, admin), other.Id, new { role = "mentor" });

        Assert.Equal(HttpStatusCode.OK, last.StatusCode); // "other" was deactivated: demoting it leaves "admin" active
        await using var db = Database.NewContext();
        Assert.Equal(1, await db.Users.CountAsync(u => u.Role == UserRole.Admin && u.IsActive, TestContext.Current.CancellationToken));
        Assert.Equal(2, await db.AdminAudit.CountAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task The_last_active_admin_cannot_delete_its_own_account_but_one_of_two_can()
    {
        var admin = await Database.SeedUserAsync(UserRole.Admin);
        await using var app = new MentoriApp(Database);
        var client = await SignInAsync(app, admin);

        var refused = await client.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "/api/v1/me") { Content = JsonContent.Create(new { password = Password }) });

        var problem = await AssertProblemAsync(refused, HttpStatusCode.Conflict);
        Assert.EndsWith("last-admin", problem.GetProperty("type").GetString());
        await Database.SeedUserAsync(UserRole.Admin);
        var allowed = await client.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "/api/v1/me") { Content = JsonContent.Create(new { password = Password }) });
        Assert.Equal(HttpStatusCode.NoContent, allowed.StatusCode);
        await using var db = Database.NewContext();
        Assert.False(await db.Users.AnyAsync(u => u.Id == admin.Id, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Verifying_promoting_and_searching_users()
    {
        var admin = await Database.SeedUserAsync(UserRole.Admin);
        var mentee = await Database.SeedUserAsync(UserRole.Mentee, verified: false);
        await Database.SeedUserAsync(UserRole.Mentor);
        await using var app = new MentoriApp(Database);
        var client = await SignInAsync(app, admin);

        var verified = await (await PatchAsync(client, mentee.Id, new { isVerified = true, role = "mentor" })).JsonAsync();
        var mentors = await (await client.GetAsync("/api/v1/admin/users?role=mentor")).JsonAsync();
        var found = await (await client.GetAsync($"/api/v1/admin/users?q={Uri.EscapeDataString(mentee.Email[..12].ToUpperInvariant())}")).JsonAsync();
        var inactive = await (await client.GetAsync("/api/v1/admin/users?isActive=false")).JsonAsync();

        Assert.True(verified.GetProperty("isVerified").GetBoolean());
        Assert.Equal("mentor", verified.GetProperty("role").GetString());
        Assert.Equal(2, mentors.GetProperty("items").GetArrayLength());
        Assert.Equal(mentee.Id, found.GetProperty("items").EnumerateArray().Single().GetProperty("id").GetGuid());
        Assert.Empty(inactive.GetProperty("items").EnumerateArray());
    }

    [Fact(Timeout = 120_000)]
    public async Task Two_admins_demoting_or_deactivating_each_other_at_once_leave_an_active_admin()
    {
        for (var round = 0; round < 5; round++)
        {
            TestContext.Current.CancellationToken.ThrowIfCancellationRequested();
            await using (var db = Database.NewContext())
            {
                await db.Users.Where(u => u.Role == UserRole.Admin).ExecuteUpdateAsync(set => set.SetProperty(u => u.Role, UserRole.Mentee)
                .SetProperty(u => u.IsActive, true));
            }

            var a = await Database.SeedUserAsync(UserRole.Admin);
            var b = await Database.SeedUserAsync(UserRole.Admin);
            await using var app = new MentoriApp(Database);
            var clientA = await SignInAsync(app, a);
            var clientB = await SignInAsync(app, b);
            using var go = new ManualResetEventSlim();

            // Even rounds demote, odd rounds deactivate: either way one active admin must remain.
            object change = round % 2 == 0 ? new { role = "mentee" } : new { isActive = false };
            var demotions = new[] { (clientA, b.Id), (clientB, a.Id) }.Select(pair => Task.Run(async () =>
            {
                go.Wait(TestContext.Current.CancellationToken);
                return (await PatchAsync(pair.Item1, pair.Item2, change)).StatusCode;
            })).ToList();
            go.Set();
            var statuses = await Task.WhenAll(demotions);

            Assert.Contains(HttpStatusCode.OK, statuses);
            await using var check = Database.NewContext();
            Assert.Equal(1, await check.Users.CountAsync(u => u.Role == UserRole.Admin && u.IsActive, TestContext.Current.CancellationToken));
        }
    }

    [Fact]
    public async Task A_search_with_control_characters_is_a_field_error()
    {
        var admin = await Database.SeedUserAsync(UserRole.Admin);
        await using var app = new MentoriApp(Database);

        var response = await (await SignInAsync(app, admin)).GetAsync("/api/v1/admin/users?q=a%00b");

        Assert.True((await AssertProblemAsync(response, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("q", out _));
    }

    [Theory]
    [InlineData("{}", "body")]
    [InlineData("""{"role": "owner"}""", "role")]
    [InlineData("""{"isActive": "no"}""", "isActive")]
    public async Task Bad_changes_are_field_errors(string json, string field)
    {
        var admin = await Database.SeedUserAsync(UserRole.Admin);
        var mentee = await Database.SeedUserAsync(UserRole.Mentee);
        await using var app = new MentoriApp(Database);

        var response = await (await SignInAsync(app, admin)).PatchAsync($"/api/v1/admin/users/{mentee.Id}",
            new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        Assert.True((await AssertProblemAsync(response, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task The_statistics_count_what_is_there()
    {
        var admin = await Database.SeedUserAsync(UserRole.Admin);
        var mentor = await Database.SeedUserAsync(UserRole.Mentor);
        var mentee = await Database.SeedUserAsync(UserRole.Mentee, verified: false);
        await Database.SeedSessionAsync(mentor, mentee, TestData.NextYearAt(10));
        await using (var db = Database.NewContext())
        {
            var rated = TestData.NewUser(UserRole.Mentee);
            var (session, rating) = TestData.CompletedAndRated(mentor, rated, rated, 4);
            db.AddRange(rated, session, rating, new Message { SenderId = mentee.Id, ReceiverId = mentor.Id, Content = "Hi" });
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        await using var app = new MentoriApp(Database);
        var stats = await (await (await SignInAsync(app, admin)).GetAsync("/api/v1/admin/stats")).JsonAsync();

        Assert.Equal(2, stats.GetProperty("usersByRole").GetProperty("mentee").GetInt32());
        Assert.Equal(1, stats.GetProperty("usersByRole").GetProperty("mentor").GetInt32());
        Assert.Equal(4, stats.GetProperty("activeUsers").GetInt32());
        Assert.Equal(3, stats.GetProperty("verifiedUsers").GetInt32());
        Assert.Equal(1, stats.GetProperty("sessionsByStatus").GetProperty("pending").GetInt32());
        Assert.Equal(1, stats.GetProperty("sessionsByStatus").GetProperty("completed").GetInt32());
        Assert.Equal(1, stats.GetProperty("messagesLast7Days").GetInt32());
        Assert.Equal(4.0, stats.GetProperty("averageRating").GetDouble());
        var weeks = stats.GetProperty("signUpsPerWeek").EnumerateArray().ToList();
        Assert.Equal(12, weeks.Count);
        Assert.Equal(4, weeks[^1].GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task Only_admins_reach_administration()
    {
        var mentor = await Database.SeedUserAsync(UserRole.Mentor);
        await using var app = new MentoriApp(Database);
        var client = await SignInAsync(app, mentor);

        var malformed = await client.PatchAsync($"/api/v1/admin/users/{mentor.Id}", new StringContent("{oops", System.Text.Encoding.UTF8, "application/json"));
        Assert.EndsWith(":wrong-role", (await AssertProblemAsync(malformed, HttpStatusCode.Forbidden)).GetProperty("type").GetString());
        await AssertProblemAsync(await client.GetAsync("/api/v1/admin/users?limit=x"), HttpStatusCode.Forbidden);
        foreach (var path in new[] { "/api/v1/admin/users", "/api/v1/admin/stats", "/api/v1/admin/audit" })
        {
            Assert.EndsWith(":wrong-role", (await AssertProblemAsync(await client.GetAsync(path), HttpStatusCode.Forbidden)).GetProperty("type").GetString());
            await AssertProblemAsync(await app.CreateClient().GetAsync(path), HttpStatusCode.Unauthorized);
        }
    }
}

public sealed class AdminOnPostgres(PostgresServer server) : AdminTests(server);

public sealed class AdminOnSqlite(SqliteFiles server) : AdminTests(server);
