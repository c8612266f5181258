using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Mentori.Tests.Host;
using Microsoft.EntityFrameworkCore;

namespace Mentori.Tests.Profiles;

/// <summary>Names, places, phones and zones are one line each, by one rule at sign-up and in the profile.</summary>
public abstract class SingleLineFieldTests(ITestDatabaseServer server) : DatabaseTest(server)
{
    public static TheoryData<string> BreakingCharacters => ["\n", "\r", "\r\n", "\0", "\t", "\u001b", "\u0085", "\u009b", "\u2028"];

    [Theory]
    [MemberData(nameof(BreakingCharacters))]
    public async Task Registration_refuses_a_name_that_is_not_one_line(string breaking)
    {
        await using var app = new MentoriApp(Database);

        var response = await app.CreateClient().PostAsJsonAsync("/api/v1/auth/register",
            new { email = NewEmail(), password = Password, role = "mentee", firstName = $"Ada{breaking}Eve", lastName = "Lovelace" });

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("firstName", out _), problem.ToString());
        await using var db = Database.NewContext();
        Assert.Equal(0, await db.Users.CountAsync(TestContext.Current.CancellationToken));
    }

    [Theory]
    [MemberData(nameof(BreakingCharacters))]
    public async Task The_profile_refuses_single_line_fields_that_are_not_one_line(string breaking)
    {
        await using var app = new MentoriApp(Database);
        var me = app.CreateClient().WithBearer(AccessToken(await RegisterAsync(app.CreateClient(), NewEmail(), "mentor")));
        var profile = new JsonObject
        {
            ["firstName"] = $"Ada{breaking}Eve",
            ["lastName"] = $"Love{breaking}lace",
            ["location"] = $"London{breaking}Paris",
            ["phone"] = $"+44{breaking}1",
            ["timezone"] = $"Europe/{breaking}London",
            ["profileImage"] = $"https://images.example/a{breaking}b.png",
            ["expertise"] = new JsonArray($"C#{breaking}Go"),
        };

        var response = await me.PutAsJsonAsync("/api/v1/me/profile", profile);

        var errors = (await AssertProblemAsync(response, HttpStatusCode.BadRequest)).GetProperty("errors");
        string[] fields = ["firstName", "lastName", "location", "phone", "timezone", "profileImage", "expertise[0]"];
        Assert.All(fields, field => Assert.True(errors.TryGetProperty(field, out _), $"{field}: {errors}"));
        var stored = await (await me.GetAsync("/api/v1/me/profile")).JsonAsync();
        Assert.Equal("Ada", stored.GetProperty("firstName").GetString());
    }

    [Fact]
    public async Task Registration_and_the_profile_give_a_name_the_same_limits()
    {
        await using var app = new MentoriApp(Database);
        var me = app.CreateClient().WithBearer(AccessToken(await RegisterAsync(app.CreateClient(), NewEmail())));
        var longest = new string('n', 100);

        var registered = await app.CreateClient().PostAsJsonAsync("/api/v1/auth/register",
            new { email = NewEmail(), password = Password, role = "mentee", firstName = longest, lastName = longest + "n" });
        var updated = await me.PutAsJsonAsync("/api/v1/me/profile", new { firstName = longest, lastName = longest + "n" });

        var atSignUp = (await AssertProblemAsync(registered, HttpStatusCode.BadRequest)).GetProperty("errors");
        var inProfile = (await AssertProblemAsync(updated, HttpStatusCode.BadRequest)).GetProperty("errors");
        Assert.Equal(atSignUp.ToString(), inProfile.ToString());
        Assert.False(atSignUp.TryGetProperty("firstName", out _));
    }
}

public sealed class SingleLineFieldOnPostgres(PostgresServer server) : SingleLineFieldTests(server);

public sealed class SingleLineFieldOnSqlite(SqliteFiles server) : SingleLineFieldTests(server);
