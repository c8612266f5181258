using System.Net;
using System.Text.Json;
using Mentori.Data.Entities;
using Mentori.Tests.Host;
using Microsoft.Extensions.Time.Testing;

namespace Mentori.Tests.Mentors;

public abstract class MentorDirectoryTests(ITestDatabaseServer server) : DatabaseTest(server)
{
    [Fact]
    public async Task Lists_active_mentors_with_a_profile_and_nobody_else()
    {
        var listed = TestData.NewMentor("Listed");
        var deactivated = TestData.NewMentor("Gone");
        deactivated.IsActive = false;
        var withoutProfile = TestData.NewMentor();
        withoutProfile.Profile = null;
        var promoted = TestData.NewMentor("Promoted");
        promoted.Role = UserRole.Admin;
        await Database.SeedAsync(listed, deactivated, withoutProfile, promoted, TestData.NewUser(UserRole.Mentee));
        await using var app = new MentoriApp(Database);

        var page = await GetOkAsync(app.CreateClient(), "/api/v1/mentors");

        Assert.Equal([listed.Id], Ids(page));
        Assert.Equal(JsonValueKind.Null, page.GetProperty("nextCursor").ValueKind);
        var item = page.GetProperty("items")[0];
        Assert.Equal("Listed", item.GetProperty("firstName").GetString());
        Assert.False(item.TryGetProperty("phone", out _));
        Assert.Equal(JsonValueKind.Null, item.GetProperty("ratingAverage").ValueKind);
        Assert.Equal(0, item.GetProperty("ratingCount").GetInt32());
    }

    [Fact]
    public async Task Expertise_filters_match_every_topic_case_insensitively()
    {
        var both = TestData.NewMentor(expertise: ["Machine Learning", "Python", "Économie"]);
        var pythonOnly = TestData.NewMentor(expertise: ["python"]);
        var none = TestData.NewMentor();
        await Database.SeedAsync(both, pythonOnly, none);
        await using var app = new MentoriApp(Database);
        var client = app.CreateClient();

        Assert.Equal(new[] { both.Id, pythonOnly.Id }.Order(), (await AllPagesAsync(client, "/api/v1/mentors?expertise=PYTHON", 10)).Order());
        Assert.Equal([both.Id], await AllPagesAsync(client, "/api/v1/mentors?expertise=python&expertise=machine%20learning", 10));
        Assert.Equal([both.Id], await AllPagesAsync(client, "/api/v1/mentors?expertise=%20Machine%20Learning%20", 10));
        Assert.Empty(await AllPagesAsync(client, "/api/v1/mentors?expertise=python&expertise=rust", 10));
        Assert.Empty(await AllPagesAsync(client, "/api/v1/mentors?expertise=machine", 10));
    }

    [Fact]
    public async Task Expertise_filter_folds_letters_beyond_ascii()
    {
        // SQLite's own lower() folds ASCII only: Mentori gives each connection unicode_lower. PostgreSQL folds by
        // the database's LC_CTYPE (the test server uses C.UTF-8, as docs/mentors.md asks of operators).
        var mentor = TestData.NewMentor(expertise: ["Économie"]);
        await Database.SeedAsync(mentor);
        await using var app = new MentoriApp(Database);

        Assert.Equal([mentor.Id], await AllPagesAsync(app.CreateClient(), "/api/v1/mentors?expertise=%C3%89CONOMIE", 10));
        Assert.Equal([mentor.Id], await AllPagesAsync(app.CreateClient(), "/api/v1/mentors?expertise=%C3%A9conomie", 10));
    }

    [Fact]
    public async Task Text_search_finds_words_in_name_bio_and_expertise_as_prefixes()
    {
        var byName = TestData.NewMentor("Grace", "Hopper");
        var byBio = TestData.NewMentor(bio: "I teach compilers and debugging.");
        var byExpertise = TestData.NewMentor(expertise: ["Compiler Design"]);
        var unrelated = TestData.NewMentor(bio: "Gardening");
        await Database.SeedAsync(byName, byBio, byExpertise, unrelated);
        await using var app = new MentoriApp(Database);
        var client = app.CreateClient();

        Assert.Equal([byName.Id], await AllPagesAsync(client, "/api/v1/mentors?q=hopper", 10));
        Assert.Equal(new[] { byBio.Id, byExpertise.Id }.Order(), (await AllPagesAsync(client, "/api/v1/mentors?q=compil", 10)).Order());
        Assert.Equal([byBio.Id], await AllPagesAsync(client, "/api/v1/mentors?q=compil%20DEBUG", 10));
        Assert.Empty(await AllPagesAsync(client, "/api/v1/mentors?q=hopper%20gardening", 10));
        Assert.Empty(await AllPagesAsync(client, "/api/v1/mentors?q=opper", 10));
    }

    [Fact]
    public async Task Words_shorter_than_three_letters_match_whole_words_only()
    {
        var ai = TestData.NewMentor(expertise: ["AI", "Économie"]);
        var aiden = TestData.NewMentor("Aiden");
        await Database.SeedAsync(ai, aiden);
        await using var app = new MentoriApp(Database);
        var client = app.CreateClient();

        Assert.Equal([ai.Id], await AllPagesAsync(client, "/api/v1/mentors?q=ai", 10));
        Assert.Equal([aiden.Id], await AllPagesAsync(client, "/api/v1/mentors?q=aid", 10));
        Assert.Equal([ai.Id], await AllPagesAsync(client, "/api/v1/mentors?q=%C3%A9conom", 10));
    }

    [Fact]
    public async Task Relevance_puts_a_match_in_the_name_before_one_in_the_bio()
    {
        var inBio = TestData.NewMentor(bio: "Ask me about Rust.");
        var inName = TestData.NewMentor("Rusty", "Nail");
        var inExpertise = TestData.NewMentor(expertise: ["Rust"]);
        await Database.SeedAsync(inBio, inName, inExpertise);
        await using var app = new MentoriApp(Database);

        var ids = await AllPagesAsync(app.CreateClient(), "/api/v1/mentors?q=rust", 1);

        Assert.Equal([inName.Id, inExpertise.Id, inBio.Id], ids);
    }

    [Fact]
    public async Task Years_rate_and_day_filter()
    {
        var senior = TestData.NewMentor(years: 12, rate: 120m, availability: new() { ["monday"] = ["9:00-12:00"] });
        var junior = TestData.NewMentor(years: 2, rate: 30m, availability: new() { ["tuesday"] = ["9:00-12:00"] });
        var unknown = TestData.NewMentor();
        await Database.SeedAsync(senior, junior, unknown);
        await using var app = new MentoriApp(Database);
        var client = app.CreateClient();

        Assert.Equal([senior.Id], await AllPagesAsync(client, "/api/v1/mentors?minYears=10", 10));
        Assert.Equal([junior.Id], await AllPagesAsync(client, "/api/v1/mentors?maxRate=30", 10));
        Assert.Equal(new[] { junior.Id, senior.Id }.Order(), (await AllPagesAsync(client, "/api/v1/mentors?maxRate=120.00", 10)).Order());
        Assert.Equal([senior.Id], await AllPagesAsync(client, "/api/v1/mentors?day=Monday", 10));
        Assert.Empty(await AllPagesAsync(client, "/api/v1/mentors?day=sunday", 10));
        Assert.Equal([senior.Id], await AllPagesAsync(client, "/api/v1/mentors?minYears=5&maxRate=200&day=monday", 10));
    }

    [Fact]
    public async Task Sorts_by_rating_then_count_with_unrated_mentors_last()
    {
        var fiveOnce = TestData.NewMentor("Five", "Once");
        var fiveTwice = TestData.NewMentor("Five", "Twice");
        var three = TestData.NewMentor("Three");
        var unrated = TestData.NewMentor("Unrated");
        await Database.SeedAsync(fiveOnce, fiveTwice, three, unrated);
        await Database.SeedRatingsAsync(fiveOnce, 5);
        await Database.SeedRatingsAsync(fiveTwice, 5, 5);
        await Database.SeedRatingsAsync(three, 4, 2);
        await using var app = new MentoriApp(Database);
        var client = app.CreateClient();

        var ids = await AllPagesAsync(client, "/api/v1/mentors?sort=rating", 1);
        var first = (await GetOkAsync(client, "/api/v1/mentors")).GetProperty("items")[0];

        Assert.Equal([fiveTwice.Id, fiveOnce.Id, three.Id, unrated.Id], ids);
        Assert.Equal(5.0, first.GetProperty("ratingAverage").GetDouble());
        Assert.Equal(2, first.GetProperty("ratingCount").GetInt32());
    }

    [Fact]
    public async Task Sorts_by_experience_rate_and_newest_with_missing_values_last()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var a = TestData.NewMentor("A", years: 5, rate: 50m);
        var b = TestData.NewMentor("B", years: 20, rate: 10m);
        var c = TestData.NewMentor("C");
        foreach (var mentor in new[] { a, b, c })
        {
            await using var db = Database.NewContext(clock);
            db.Add(mentor);
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
            clock.Advance(TimeSpan.FromHours(1));
        }

        await using var app = new MentoriApp(Database);
        var client = app.CreateClient();

        Assert.Equal([b.Id, a.Id, c.Id], await AllPagesAsync(client, "/api/v1/mentors?sort=experience", 1));
        Assert.Equal([b.Id, a.Id, c.Id], await AllPagesAsync(client, "/api/v1/mentors?sort=rate", 1));
        Assert.Equal([c.Id, b.Id, a.Id], await AllPagesAsync(client, "/api/v1/mentors?sort=newest", 1));
    }

    [Theory]
    [InlineData("rating")]
    [InlineData("experience")]
    [InlineData("rate")]
    [InlineData("newest")]
    [InlineData("relevance")]
    public async Task Paging_through_ties_returns_every_mentor_exactly_once(string sort)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var mentors = Enumerable.Range(0, 13)
            .Select(i => TestData.NewMentor(bio: "Kotlin", years: i % 3, rate: i % 2 == 0 ? 40m : null))
            .ToArray();
        await using (var db = Database.NewContext(clock))
        {
            db.AddRange(mentors);
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        await Database.SeedRatingsAsync(mentors[0], 4);
        await Database.SeedRatingsAsync(mentors[1], 4);
        await using var app = new MentoriApp(Database);
        var client = app.CreateClient();
        var path = $"/api/v1/mentors?sort={sort}&q=kotlin";

        var paged = await AllPagesAsync(client, path, 2);
        var whole = Ids(await GetOkAsync(client, path + "&limit=100"));

        Assert.Equal(13, paged.Distinct().Count());
        Assert.Equal(whole, paged);
    }

    [Fact]
    public async Task Paging_with_filters_keeps_the_filters()
    {
        var mentors = Enumerable.Range(0, 7).Select(i => TestData.NewMentor(expertise: [i % 2 == 0 ? "Go" : "Java"], years: i)).ToArray();
        await Database.SeedAsync(mentors);
        await using var app = new MentoriApp(Database);

        var ids = await AllPagesAsync(app.CreateClient(), "/api/v1/mentors?expertise=go&sort=experience", 2);

        Assert.Equal(mentors.Where((_, i) => i % 2 == 0).Select(m => m.Id).Reverse(), ids);
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=101", "limit")]
    [InlineData("limit=abc", "limit")]
    [InlineData("cursor=not-a-cursor!", "cursor")]
    [InlineData("cursor=cmF0aW5nCjEKMgp4", "cursor")]
    [InlineData("minYears=-1", "minYears")]
    [InlineData("minYears=71", "minYears")]
    [InlineData("minYears=ten", "minYears")]
    [InlineData("maxRate=-0.01", "maxRate")]
    [InlineData("maxRate=1e30", "maxRate")]
    [InlineData("day=funday", "day")]
    [InlineData("sort=price", "sort")]
    [InlineData("sort=1", "sort")]
    [InlineData("sort=relevance", "sort")]
    [InlineData("q=%21%21%21", "q")]
    [InlineData("q=ab%00c", "q")]
    [InlineData("expertise=a%00b", "expertise")]
    [InlineData("sort=relevance&q=kotlin&cursor=UmVsZXZhbmNlCjFlMzAwCjAwMDAwMDAwLTAwMDAtMDAwMC0wMDAwLTAwMDAwMDAwMDAwMA", "cursor")]
    [InlineData("sort=rating&cursor=UmF0aW5nCk5hTgoxCjAwMDAwMDAwLTAwMDAtMDAwMC0wMDAwLTAwMDAwMDAwMDAwMA", "cursor")]
    [InlineData("expertise=a&expertise=b&expertise=c&expertise=d&expertise=e&expertise=f&expertise=g&expertise=h&expertise=i&expertise=j&expertise=k", "expertise")]
    public async Task Bad_query_values_are_field_errors(string query, string field)
    {
        await using var app = new MentoriApp(Database);

        var response = await app.CreateClient().GetAsync($"/api/v1/mentors?{query}");

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task A_search_text_longer_than_200_characters_is_refused()
    {
        await using var app = new MentoriApp(Database);

        var response = await app.CreateClient().GetAsync($"/api/v1/mentors?q={new string('a', 201)}");

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("q", out _));
    }

    [Fact]
    public async Task A_cursor_of_one_sort_is_refused_by_another()
    {
        await Database.SeedAsync(TestData.NewMentor(), TestData.NewMentor());
        await using var app = new MentoriApp(Database);
        var client = app.CreateClient();
        var cursor = (await GetOkAsync(client, "/api/v1/mentors?sort=rating&limit=1")).GetProperty("nextCursor").GetString()!;

        var response = await client.GetAsync($"/api/v1/mentors?sort=newest&cursor={cursor}");

        await AssertProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_mentor_page_shows_availability_and_rating()
    {
        var mentor = TestData.NewMentor("Ada", expertise: ["Math"], timezone: "Europe/London",
            availability: new() { ["monday"] = ["9:00-12:00"] });
        await Database.SeedAsync(mentor);
        await Database.SeedRatingsAsync(mentor, 5, 4, 4);
        await using var app = new MentoriApp(Database);

        var page = await GetOkAsync(app.CreateClient(), $"/api/v1/mentors/{mentor.Id}");

        Assert.Equal("Ada", page.GetProperty("firstName").GetString());
        Assert.Equal("9:00-12:00", page.GetProperty("availability").GetProperty("monday")[0].GetString());
        Assert.Equal(4.33, page.GetProperty("ratingAverage").GetDouble());
        Assert.Equal(3, page.GetProperty("ratingCount").GetInt32());
    }

    [Fact]
    public async Task Anything_but_an_active_mentor_is_not_found()
    {
        var mentee = TestData.NewUser(UserRole.Mentee);
        var deactivated = TestData.NewMentor();
        deactivated.IsActive = false;
        await Database.SeedAsync(mentee, deactivated);
        await using var app = new MentoriApp(Database);
        var client = app.CreateClient();

        foreach (var path in new[] { mentee.Id.ToString(), deactivated.Id.ToString(), Guid.NewGuid().ToString(), "not-a-guid" })
        {
            await AssertProblemAsync(await client.GetAsync($"/api/v1/mentors/{path}"), HttpStatusCode.NotFound);
        }
    }

    [Fact]
    public async Task A_mentor_who_is_deactivated_leaves_the_directory_at_once()
    {
        var mentor = TestData.NewMentor();
        await Database.SeedAsync(mentor);
        await using var app = new MentoriApp(Database);
        var client = app.CreateClient();
        Assert.Equal([mentor.Id], Ids(await GetOkAsync(client, "/api/v1/mentors")));

        await using (var db = Database.NewContext())
        {
            var stored = await db.Users.FindAsync([mentor.Id], TestContext.Current.CancellationToken);
            stored!.IsActive = false;
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        Assert.Empty(Ids(await GetOkAsync(client, "/api/v1/mentors")));
    }

    [Fact]
    public async Task The_search_follows_each_change_of_role_and_activity_both_ways()
    {
        var mentor = TestData.NewMentor("Grace");
        var mentee = TestData.NewUser(UserRole.Mentee);
        mentee.Profile!.FirstName = "Grace";
        await Database.SeedAsync(mentor, mentee);
        await using var app = new MentoriApp(Database);
        var client = app.CreateClient();
        async Task<Guid[]> FoundAsync() => Ids(await GetOkAsync(client, "/api/v1/mentors?q=grace"));
        async Task ChangeAsync(Guid id, Action<User> change)
        {
            await using var db = Database.NewContext();
            change((await db.Users.FindAsync([id], TestContext.Current.CancellationToken))!);
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        Assert.Equal([mentor.Id], await FoundAsync());

        await ChangeAsync(mentor.Id, user => user.IsActive = false);
        Assert.Empty(await FoundAsync());
        await ChangeAsync(mentor.Id, user => user.IsActive = true);
        Assert.Equal([mentor.Id], await FoundAsync());

        await ChangeAsync(mentee.Id, user => user.Role = UserRole.Mentor);
        Assert.Equal(new[] { mentor.Id, mentee.Id }.Order(), (await FoundAsync()).Order());
        await ChangeAsync(mentor.Id, user => user.Role = UserRole.Mentee);
        Assert.Equal([mentee.Id], await FoundAsync());
    }
}

public sealed class MentorDirectoryOnPostgres(PostgresServer server) : MentorDirectoryTests(server);

public sealed class MentorDirectoryOnSqlite(SqliteFiles server) : MentorDirectoryTests(server);
