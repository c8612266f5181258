using System.Text.Json;
using Mentori.Data.Entities;
using Mentori.Tests.Accounts;
using Mentori.Tests.Infrastructure;

namespace Mentori.Tests.Mentors;

/// <summary>Mentors written straight into the database, and the directory read through the real API.</summary>
public abstract class MentorsTestBase(ITestDatabaseServer server) : AccountsTestBase(server)
{
    protected async Task<T[]> SeedAsync<T>(params T[] rows)
        where T : class
    {
        await using var db = Database.NewContext();
        db.AddRange(rows);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return rows;
    }

    /// <summary>A completed session with <paramref name="mentor"/> and a rating of it by a new mentee.</summary>
    protected async Task RateAsync(User mentor, params int[] scores)
    {
        foreach (var score in scores)
        {
            var mentee = TestData.NewUser(UserRole.Mentee);
            var (session, rating) = TestData.CompletedAndRated(mentor, mentee, mentee, score);
            await using var db = Database.NewContext();
            db.AddRange(mentee, session, rating);
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }
    }

    protected static async Task<JsonElement> GetOkAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.JsonAsync();
    }

    protected static Guid[] Ids(JsonElement page) =>
        [.. page.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("id").GetGuid())];

    /// <summary>Follows nextCursor to the end, so a test sees the whole order exactly as a client pages through it.</summary>
    protected static async Task<List<Guid>> AllPagesAsync(HttpClient client, string path, int limit)
    {
        var ids = new List<Guid>();
        var separator = path.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        string? cursor = null;
        do
        {
            var page = await GetOkAsync(client, $"{path}{separator}limit={limit}" + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}"));
            ids.AddRange(Ids(page));
            Assert.True(page.GetProperty("items").GetArrayLength() <= limit);
            cursor = page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);
        return ids;
    }
}
