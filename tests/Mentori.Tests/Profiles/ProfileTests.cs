using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Mentori.Tests.Host;

namespace Mentori.Tests.Profiles;

public abstract class ProfileTests(SharedApp shared) : SharedAppTest(shared)
{
    private static JsonObject MentorProfile() => new()
    {
        ["firstName"] = " Jane ",
        ["lastName"] = "Smith",
        ["bio"] = "Senior software engineer",
        ["timezone"] = "America/New_York",
        ["location"] = "New York",
        ["phone"] = "+1 555 0100",
        ["profileImage"] = "https://images.example.com/jane.png",
        ["expertise"] = new JsonArray(" React ", "react", "Node.js", "Career Development"),
        ["availability"] = new JsonObject
        {
            ["Monday"] = new JsonArray("14:00-17:00", "09:00-12:00"),
            ["friday"] = new JsonArray("20:00-24:00"),
        },
        ["hourlyRate"] = 80.5,
        ["yearsExperience"] = 10,
    };

    [Fact]
    public async Task A_mentor_replaces_the_profile_and_reads_it_back_cleaned()
    {
        var app = App;
        var me = app.CreateClient().WithBearer(AccessToken(await RegisterAsync(app.CreateClient(), NewEmail(), "mentor")));

        var response = await me.PutAsJsonAsync("/api/v1/me/profile", MentorProfile());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var profile = await (await me.GetAsync("/api/v1/me/profile")).JsonAsync();
        Assert.Equal("Jane", profile.GetProperty("firstName").GetString());
        Assert.Equal(["React", "Node.js", "Career Development"], Strings(profile.GetProperty("expertise")));
        Assert.Equal(["9:00-12:00", "14:00-17:00"], Strings(profile.GetProperty("availability").GetProperty("monday")));
        Assert.Equal(["20:00-24:00"], Strings(profile.GetProperty("availability").GetProperty("friday")));
        Assert.Equal(80.5m, profile.GetProperty("hourlyRate").GetDecimal());
        Assert.Equal("America/New_York", profile.GetProperty("timezone").GetString());
    }

    [Fact]
    public async Task A_mentee_keeps_interests_goals_and_level()
    {
        var app = App;
        var me = app.CreateClient().WithBearer(AccessToken(await RegisterAsync(app.CreateClient(), NewEmail(), "mentee")));

        var response = await me.PutAsJsonAsync("/api/v1/me/profile", new
        {
            firstName = "John", lastName = "Doe", interests = new[] { "Web Development", "JavaScript" },
            goals = "Switch careers", experienceLevel = "Beginner",
        });

        var profile = await response.JsonAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("beginner", profile.GetProperty("experienceLevel").GetString());
        Assert.Equal(["Web Development", "JavaScript"], Strings(profile.GetProperty("interests")));
    }

    [Theory]
    [InlineData("mentee", "expertise", "[\"C#\"]")]
    [InlineData("mentee", "availability", "{\"monday\": [\"9:00-10:00\"]}")]
    [InlineData("mentee", "hourlyRate", "50")]
    [InlineData("mentee", "yearsExperience", "3")]
    [InlineData("mentor", "interests", "[\"C#\"]")]
    [InlineData("mentor", "goals", "\"Grow\"")]
    [InlineData("mentor", "experienceLevel", "\"beginner\"")]
    public async Task Fields_of_the_other_role_are_refused(string role, string field, string json)
    {
        var app = App;
        var me = app.CreateClient().WithBearer(AccessToken(await RegisterAsync(app.CreateClient(), NewEmail(), role)));
        var body = new JsonObject { ["firstName"] = "A", ["lastName"] = "B", [field] = JsonNode.Parse(json) };

        var response = await me.PutAsJsonAsync("/api/v1/me/profile", body);

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    public static TheoryData<string, string, string> BadFields => new()
    {
        { "firstName", "null", "firstName" },
        { "firstName", $"\"{new string('a', 101)}\"", "firstName" },
        { "lastName", "\"  \"", "lastName" },
        { "bio", $"\"{new string('b', 1001)}\"", "bio" },
        { "phone", $"\"{new string('1', 21)}\"", "phone" },
        { "location", $"\"{new string('l', 101)}\"", "location" },
        { "timezone", "\"Mars/Olympus_Mons\"", "timezone" },
        { "timezone", "\"W. Europe Standard Time\"", "timezone" },
        { "profileImage", "\"ftp://example.com/a.png\"", "profileImage" },
        { "profileImage", "\"javascript:alert(1)\"", "profileImage" },
        { "expertise", "[\"a\",\"b\",\"c\",\"d\",\"e\",\"f\",\"g\",\"h\",\"i\",\"j\",\"k\"]", "expertise" },
        { "expertise", "[\"  \"]", "expertise[0]" },
        { "expertise", $"[\"{new string('t', 51)}\"]", "expertise[0]" },
        { "availability", "{\"someday\": [\"9:00-10:00\"]}", "availability.someday" },
        { "availability", "{\"monday\": [\"12:00-9:00\"]}", "availability.monday[0]" },
        { "availability", "{\"monday\": [\"25:00-26:00\"]}", "availability.monday[0]" },
        { "availability", "{\"monday\": [\"9:60-10:00\"]}", "availability.monday[0]" },
        { "availability", "{\"monday\": [\"9-10\"]}", "availability.monday[0]" },
        { "availability", "{\"monday\": [\"9:00-12:00\", \"11:00-13:00\"]}", "availability.monday" },
        { "hourlyRate", "-1", "hourlyRate" },
        { "hourlyRate", "10.555", "hourlyRate" },
        { "yearsExperience", "71", "yearsExperience" },
        { "yearsExperience", "-1", "yearsExperience" },
    };

    [Theory]
    [MemberData(nameof(BadFields))]
    public async Task A_bad_mentor_profile_is_a_field_error_and_changes_nothing(string field, string json, string errorKey)
    {
        var app = App;
        var me = app.CreateClient().WithBearer(AccessToken(await RegisterAsync(app.CreateClient(), NewEmail(), "mentor")));
        Assert.Equal(HttpStatusCode.OK, (await me.PutAsJsonAsync("/api/v1/me/profile", MentorProfile())).StatusCode);
        var before = (await me.GetStringAsync("/api/v1/me/profile"));
        var body = MentorProfile();
        body[field] = JsonNode.Parse(json);

        var response = await me.PutAsJsonAsync("/api/v1/me/profile", body);

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(errorKey, out _), problem.ToString());
        Assert.Equal(before, await me.GetStringAsync("/api/v1/me/profile"));
    }

    [Theory]
    [InlineData("experienceLevel", "\"expert\"")]
    [InlineData("goals", null)]
    public async Task A_bad_mentee_profile_is_a_field_error(string field, string? json)
    {
        var app = App;
        var me = app.CreateClient().WithBearer(AccessToken(await RegisterAsync(app.CreateClient(), NewEmail(), "mentee")));
        var body = new JsonObject { ["firstName"] = "A", ["lastName"] = "B", [field] = JsonNode.Parse(json ?? $"\"{new string('g', 1001)}\"") };

        var response = await me.PutAsJsonAsync("/api/v1/me/profile", body);

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task Blank_fields_of_the_other_role_are_taken_as_absent()
    {
        var app = App;
        var me = app.CreateClient().WithBearer(AccessToken(await RegisterAsync(app.CreateClient(), NewEmail(), "mentor")));

        var response = await me.PutAsJsonAsync("/api/v1/me/profile", new
        {
            firstName = "A", lastName = "B", expertise = new[] { "Go" }, interests = Array.Empty<string>(), goals = " ", experienceLevel = "",
        });

        var profile = await response.JsonAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(JsonValueKind.Null, profile.GetProperty("interests").ValueKind);
        Assert.Equal(JsonValueKind.Null, profile.GetProperty("goals").ValueKind);
        Assert.Equal(["Go"], Strings(profile.GetProperty("expertise")));
    }

    [Fact]
    public async Task Fields_a_caller_may_not_set_are_ignored()
    {
        var app = App;
        var auth = await RegisterAsync(app.CreateClient(), NewEmail(), "mentee");
        var me = app.CreateClient().WithBearer(AccessToken(auth));
        var body = new JsonObject
        {
            ["firstName"] = "A", ["lastName"] = "B", ["role"] = "admin", ["userId"] = Guid.NewGuid().ToString(),
            ["id"] = Guid.NewGuid().ToString(), ["createdAt"] = "2000-01-01T00:00:00Z",
        };

        var profile = await (await me.PutAsJsonAsync("/api/v1/me/profile", body)).JsonAsync();

        Assert.Equal(auth.GetProperty("user").GetProperty("id").GetString(), profile.GetProperty("userId").GetString());
        Assert.NotEqual(2000, profile.GetProperty("createdAt").GetDateTime().Year);
        var account = await (await me.GetAsync("/api/v1/me")).JsonAsync();
        Assert.Equal("mentee", account.GetProperty("user").GetProperty("role").GetString());
    }

    private static string[] Strings(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetString()!)];
}

public sealed class ProfileOnPostgres(SharedApp<PostgresServer> shared) : ProfileTests(shared), IClassFixture<SharedApp<PostgresServer>>;

public sealed class ProfileOnSqlite(SharedApp<SqliteFiles> shared) : ProfileTests(shared), IClassFixture<SharedApp<SqliteFiles>>;
