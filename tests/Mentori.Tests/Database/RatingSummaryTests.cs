using Mentori.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Mentori.Tests.Database;

/// <summary>
/// rating_summaries is written only by the database's triggers; whatever happens to ratings (inserts, a changed
/// score, deletions, cascades, many at once) it equals the aggregate of the ratings table.
/// </summary>
public abstract class RatingSummaryTests(ITestDatabaseServer server) : DatabaseTest(server)
{
    private async Task<(int Count, int Sum, double Average)> SummaryAsync(Guid userId)
    {
        await using var db = Database.NewContext();
        var summary = await db.RatingSummaries.AsNoTracking().SingleAsync(s => s.UserId == userId, TestContext.Current.CancellationToken);
        return (summary.RatingCount, summary.RatingSum, summary.RatingAverage);
    }

    private async Task<(int Count, int Sum)> AggregateAsync(Guid userId)
    {
        await using var db = Database.NewContext();
        var scores = await db.Ratings.Where(r => r.RatedId == userId).Select(r => r.Score).ToListAsync(TestContext.Current.CancellationToken);
        return (scores.Count, scores.Sum());
    }

    private async Task<(User Mentor, Rating[] Ratings)> MentorRatedAsync(params int[] scores)
    {
        var mentor = TestData.NewMentor();
        await using var db = Database.NewContext();
        db.Add(mentor);
        var ratings = new List<Rating>();
        foreach (var score in scores)
        {
            var mentee = TestData.NewUser(UserRole.Mentee);
            var (session, rating) = TestData.CompletedAndRated(mentor, mentee, mentee, score);
            db.AddRange(mentee, session, rating);
            ratings.Add(rating);
        }

        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return (mentor, [.. ratings]);
    }

    [Fact]
    public async Task Every_new_user_starts_with_an_empty_summary()
    {
        var (mentor, _) = await MentorRatedAsync();

        Assert.Equal((0, 0, 0.0), await SummaryAsync(mentor.Id));
    }

    [Fact]
    public async Task New_changed_and_deleted_ratings_keep_the_summary_equal_to_the_ratings()
    {
        var (mentor, ratings) = await MentorRatedAsync(5, 4, 2);
        Assert.Equal((3, 11, 11 / 3.0), await SummaryAsync(mentor.Id));

        await using (var db = Database.NewContext())
        {
            await db.Ratings.Where(r => r.Id == ratings[2].Id).ExecuteUpdateAsync(set => set.SetProperty(r => r.Score, 5), TestContext.Current.CancellationToken);
            await db.Ratings.Where(r => r.Id == ratings[0].Id).ExecuteDeleteAsync(TestContext.Current.CancellationToken);
        }

        var (count, sum, average) = await SummaryAsync(mentor.Id);
        Assert.Equal((2, 9, 4.5), (count, sum, average));
        Assert.Equal(await AggregateAsync(mentor.Id), (count, sum));
    }

    [Fact]
    public async Task Deleting_the_raters_account_takes_its_ratings_out_of_the_summary()
    {
        var (mentor, ratings) = await MentorRatedAsync(1, 5);

        await using (var db = Database.NewContext())
        {
            await db.Users.Where(u => u.Id == ratings[0].RaterId).ExecuteDeleteAsync(TestContext.Current.CancellationToken);
        }

        Assert.Equal((1, 5, 5.0), await SummaryAsync(mentor.Id));
    }

    [Fact(Timeout = 120_000)]
    public async Task Concurrent_ratings_are_all_counted()
    {
        const int raters = 32;
        var (mentor, _) = await MentorRatedAsync();
        var pairs = Enumerable.Range(0, raters).Select(i =>
        {
            var mentee = TestData.NewUser(UserRole.Mentee);
            var (session, rating) = TestData.CompletedAndRated(mentor, mentee, mentee, 1 + (i % 5));
            return (mentee, session, rating);
        }).ToList();
        await using (var db = Database.NewContext())
        {
            db.AddRange(pairs.SelectMany(p => new object[] { p.mentee, p.session }));
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        var cancellation = TestContext.Current.CancellationToken;
        using var go = new ManualResetEventSlim();
        var inserts = pairs.Select(pair => Task.Run(async () =>
        {
            await using var db = Database.NewContext();
            await db.Database.OpenConnectionAsync(cancellation);
            go.Wait(cancellation);
            db.Ratings.Add(pair.rating);
            await db.SaveChangesAsync(cancellation);
        })).ToList();
        go.Set();
        await Task.WhenAll(inserts);

        var expectedSum = pairs.Sum(p => p.rating.Score);
        Assert.Equal((raters, expectedSum, expectedSum / (double)raters), await SummaryAsync(mentor.Id));
    }
}

public sealed class RatingSummaryOnPostgres(PostgresServer server) : RatingSummaryTests(server);

public sealed class RatingSummaryOnSqlite(SqliteFiles server) : RatingSummaryTests(server);
