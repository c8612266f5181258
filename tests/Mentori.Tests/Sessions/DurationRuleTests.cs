using System.Net;
using Mentori.Data.Entities;
using Mentori.Tests.Host;

namespace Mentori.Tests.Sessions;

/// <summary>A session's length is one rule: what a request refuses, the free-slot search refuses with the same words.</summary>
public abstract class DurationRuleTests(SharedApp shared) : SharedAppTest(shared)
{
    [Theory]
    [InlineData(29)]
    [InlineData(181)]
    [InlineData(0)]
    public async Task Requests_and_free_slots_refuse_the_same_durations_with_the_same_message(int duration)
    {
        var mentor = await Database.SeedUserAsync(UserRole.Mentor);
        var mentee = await Database.SeedUserAsync(UserRole.Mentee);
        var app = App;
        var client = await SignInAsync(app, mentee);

        var request = await RequestAsync(client, mentor.Id, TestData.NextYearAt(10), duration);
        var slots = await client.GetAsync($"/api/v1/mentors/{mentor.Id}/slots?duration={duration}");

        var fromRequest = (await AssertProblemAsync(request, HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("duration")[0].GetString();
        var fromSlots = (await AssertProblemAsync(slots, HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("duration")[0].GetString();
        Assert.Equal(fromRequest, fromSlots);
    }

    [Theory]
    [InlineData(30)]
    [InlineData(180)]
    public async Task Requests_and_free_slots_take_the_same_limits(int duration)
    {
        var mentor = await Database.SeedUserAsync(UserRole.Mentor);
        var mentee = await Database.SeedUserAsync(UserRole.Mentee);
        var app = App;
        var client = await SignInAsync(app, mentee);

        var request = await RequestAsync(client, mentor.Id, TestData.NextYearAt(10), duration);
        var slots = await client.GetAsync($"/api/v1/mentors/{mentor.Id}/slots?duration={duration}");

        Assert.Equal(HttpStatusCode.Created, request.StatusCode);
        Assert.Equal(HttpStatusCode.OK, slots.StatusCode);
    }
}

public sealed class DurationRuleOnPostgres(SharedApp<PostgresServer> shared) : DurationRuleTests(shared), IClassFixture<SharedApp<PostgresServer>>;

public sealed class DurationRuleOnSqlite(SharedApp<SqliteFiles> shared) : DurationRuleTests(shared), IClassFixture<SharedApp<SqliteFiles>>;
