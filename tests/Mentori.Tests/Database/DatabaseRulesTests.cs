using Mentori.Data;
using Mentori.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Mentori.Tests.Database;

/// <summary>What the database itself guarantees, whatever the application does, on both providers.</summary>
public abstract class DatabaseRulesTests(ITestDatabaseServer server) : DatabaseTest(server)
{
    private User _mentor = null!;
    private User _mentee = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        _mentor = TestData.NewUser(UserRole.Mentor);
        _mentee = TestData.NewUser(UserRole.Mentee);
        await using var db = Database.NewContext();
        db.Users.AddRange(_mentor, _mentee);
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task A_mentor_cannot_have_two_overlapping_accepted_sessions()
    {
        await AddAsync(TestData.NewSession(_mentor, _mentee, TestData.NextYearAt(10), SessionStatus.Accepted));

        var overlapping = await Assert.ThrowsAsync<DbUpdateException>(() =>
            AddAsync(TestData.NewSession(_mentor, _mentee, TestData.NextYearAt(10, 30), SessionStatus.Accepted)));

        Assert.True(DatabaseErrors.IsSessionOverlap(overlapping), overlapping.InnerException?.Message);
        Assert.Equal(1, await CountAsync(SessionStatus.Accepted));
    }

    [Fact]
    public async Task Back_to_back_and_non_accepted_sessions_may_share_times()
    {
        await AddAsync(TestData.NewSession(_mentor, _mentee, TestData.NextYearAt(10), SessionStatus.Accepted));

        await AddAsync(TestData.NewSession(_mentor, _mentee, TestData.NextYearAt(11), SessionStatus.Accepted));
        await AddAsync(TestData.NewSession(_mentor, _mentee, TestData.NextYearAt(9), SessionStatus.Accepted));
        await AddAsync(TestData.NewSession(_mentor, _mentee, TestData.NextYearAt(10, 30), SessionStatus.Pending));
        await AddAsync(TestData.NewSession(_mentor, _mentee, TestData.NextYearAt(10, 30), SessionStatus.Cancelled));

        Assert.Equal(3, await CountAsync(SessionStatus.Accepted));
    }

    [Fact]
    public async Task Another_mentors_accepted_session_may_overlap()
    {
        var otherMentor = TestData.NewUser(UserRole.Mentor);
        await using (var db = Database.NewContext())
        {
            db.Users.Add(otherMentor);
            await db.SaveChangesAsync();
        }

        await AddAsync(TestData.NewSession(_mentor, _mentee, TestData.NextYearAt(10), SessionStatus.Accepted));
        await AddAsync(TestData.NewSession(otherMentor, _mentee, TestData.NextYearAt(10), SessionStatus.Accepted));

        Assert.Equal(2, await CountAsync(SessionStatus.Accepted));
    }

    [Fact]
    public async Task Accepting_a_pending_session_that_overlaps_an_accepted_one_is_refused()
    {
        await AddAsync(TestData.NewSession(_mentor, _mentee, TestData.NextYearAt(10), SessionStatus.Accepted, duration: 90));
        var pending = TestData.NewSession(_mentor, _mentee, TestData.NextYearAt(11), SessionStatus.Pending);
        await AddAsync(pending);

        await using var db = Database.NewContext();
        var refused = await Assert.ThrowsAnyAsync<Exception>(() => db.Sessions
            .Where(s => s.Id == pending.Id)
            .ExecuteUpdateAsync(set => set.SetProperty(s => s.Status, SessionStatus.Accepted)));

        Assert.True(DatabaseErrors.IsSessionOverlap(refused), refused.Message);
        Assert.Equal(1, await CountAsync(SessionStatus.Accepted));
    }

    [Theory]
    [InlineData(29)]
    [InlineData(181)]
    public async Task Duration_outside_30_to_180_minutes_is_refused(int minutes)
    {
        await Assert.ThrowsAsync<DbUpdateException>(() =>
            AddAsync(TestData.NewSession(_mentor, _mentee, TestData.NextYearAt(10), duration: minutes)));
    }

    [Fact]
    public async Task A_mentor_cannot_book_themselves()
    {
        await Assert.ThrowsAsync<DbUpdateException>(() => AddAsync(TestData.NewSession(_mentor, _mentor, TestData.NextYearAt(10))));
    }

    [Theory]
    [InlineData("UPDATE users SET role = 'owner'")]
    [InlineData("UPDATE sessions SET status = 'maybe'")]
    [InlineData("UPDATE messages SET message_type = 'image'")]
    [InlineData("UPDATE messages SET content = ''")]
    [InlineData("UPDATE ratings SET rating = 0")]
    [InlineData("UPDATE ratings SET rating = 6")]
    public async Task Check_constraints_refuse_values_outside_the_schema(string update)
    {
        var session = TestData.NewSession(_mentor, _mentee, TestData.NextYearAt(10), SessionStatus.Completed);
        await AddAsync(session);
        await using var db = Database.NewContext();
        db.Messages.Add(new Message { SenderId = _mentee.Id, ReceiverId = _mentor.Id, SessionId = session.Id, Content = "Hello" });
        db.Ratings.Add(new Rating { SessionId = session.Id, RaterId = _mentee.Id, RatedId = _mentor.Id, Score = 5 });
        await db.SaveChangesAsync();

        await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync(update));
    }

    [Fact]
    public async Task A_message_longer_than_2000_characters_is_refused()
    {
        await using var db = Database.NewContext();
        db.Messages.Add(new Message { SenderId = _mentee.Id, ReceiverId = _mentor.Id, Content = new string('x', 2001) });

        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
    }

    [Fact]
    public async Task Each_participant_rates_a_session_once()
    {
        var session = TestData.NewSession(_mentor, _mentee, TestData.NextYearAt(10), SessionStatus.Completed);
        await AddAsync(session);
        await using (var db = Database.NewContext())
        {
            db.Ratings.Add(new Rating { SessionId = session.Id, RaterId = _mentee.Id, RatedId = _mentor.Id, Score = 5 });
            db.Ratings.Add(new Rating { SessionId = session.Id, RaterId = _mentor.Id, RatedId = _mentee.Id, Score = 4 });
            await db.SaveChangesAsync();
        }

        await using var again = Database.NewContext();
        again.Ratings.Add(new Rating { SessionId = session.Id, RaterId = _mentee.Id, RatedId = _mentor.Id, Score = 1 });
        var second = await Assert.ThrowsAsync<DbUpdateException>(() => again.SaveChangesAsync());

        Assert.True(DatabaseErrors.IsUniqueViolation(second), second.InnerException?.Message);
    }

    [Fact]
    public async Task An_email_belongs_to_one_user()
    {
        await using var db = Database.NewContext();
        db.Users.Add(TestData.NewUser(UserRole.Mentee, email: _mentee.Email));

        var duplicate = await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());

        Assert.True(DatabaseErrors.IsUniqueViolation(duplicate), duplicate.InnerException?.Message);
    }

    [Fact]
    public async Task Deleting_a_user_deletes_everything_that_belongs_to_them()
    {
        var session = TestData.NewSession(_mentor, _mentee, TestData.NextYearAt(10), SessionStatus.Completed);
        await AddAsync(session);
        await using (var db = Database.NewContext())
        {
            db.Messages.Add(new Message { SenderId = _mentee.Id, ReceiverId = _mentor.Id, SessionId = session.Id, Content = "Thanks!" });
            db.Ratings.Add(new Rating { SessionId = session.Id, RaterId = _mentor.Id, RatedId = _mentee.Id, Score = 5 });
            await db.SaveChangesAsync();
        }

        await using (var db = Database.NewContext())
        {
            await db.Users.Where(u => u.Id == _mentee.Id).ExecuteDeleteAsync();
        }

        await using var check = Database.NewContext();
        Assert.Equal(0, await check.Profiles.CountAsync(p => p.UserId == _mentee.Id));
        Assert.Equal(0, await check.Sessions.CountAsync());
        Assert.Equal(0, await check.Messages.CountAsync());
        Assert.Equal(0, await check.Ratings.CountAsync());
        Assert.Equal(1, await check.Users.CountAsync());
    }

    [Fact]
    public async Task Timestamps_come_from_the_clock_and_read_back_as_utc()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 15, 0, 0, TimeSpan.Zero));
        var user = TestData.NewUser(UserRole.Mentor);
        await using (var db = Database.NewContext(clock))
        {
            db.Users.Add(user);
            await db.SaveChangesAsync();
            clock.Advance(TimeSpan.FromMinutes(5));
            user.IsVerified = false;
            await db.SaveChangesAsync();
        }

        await using var check = Database.NewContext();
        var stored = await check.Users.SingleAsync(u => u.Id == user.Id);
        Assert.Equal(new DateTime(2026, 12, 1, 15, 0, 0, DateTimeKind.Utc), stored.CreatedAt);
        Assert.Equal(new DateTime(2026, 12, 1, 15, 5, 0, DateTimeKind.Utc), stored.UpdatedAt);
        Assert.Equal(DateTimeKind.Utc, stored.CreatedAt.Kind);
    }

    [Fact]
    public async Task Updated_at_is_kept_current_by_updates_that_do_not_set_it()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var user = TestData.NewUser(UserRole.Mentor);
        await using (var db = Database.NewContext(clock))
        {
            db.Users.Add(user);
            await db.SaveChangesAsync();
        }

        var before = DateTime.UtcNow.AddSeconds(-5);
        await using (var db = Database.NewContext())
        {
            await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(set => set.SetProperty(u => u.IsVerified, false));
        }

        await using var check = Database.NewContext();
        var updatedAt = await check.Users.Where(u => u.Id == user.Id).Select(u => u.UpdatedAt).SingleAsync();
        Assert.InRange(updatedAt, before, DateTime.UtcNow.AddSeconds(5));
    }

    [Fact]
    public async Task Profile_lists_availability_and_rate_round_trip()
    {
        var mentor = TestData.NewUser(UserRole.Mentor);
        mentor.Profile!.Expertise = ["C#", "Career Development"];
        mentor.Profile.Availability = new() { ["monday"] = ["9:00-12:00", "14:00-17:00"], ["friday"] = ["9:00-13:00"] };
        mentor.Profile.HourlyRate = 72.5m;
        await using (var db = Database.NewContext())
        {
            db.Users.Add(mentor);
            await db.SaveChangesAsync();
        }

        await using var check = Database.NewContext();
        var profile = await check.Profiles.SingleAsync(p => p.UserId == mentor.Id);
        Assert.Equal(["C#", "Career Development"], profile.Expertise);
        Assert.Equal(["9:00-12:00", "14:00-17:00"], profile.Availability!["monday"]);
        Assert.Equal(72.5m, profile.HourlyRate);
    }

    private async Task AddAsync(Session session)
    {
        await using var db = Database.NewContext();
        db.Sessions.Add(session);
        await db.SaveChangesAsync();
    }

    private async Task<int> CountAsync(SessionStatus status)
    {
        await using var db = Database.NewContext();
        return await db.Sessions.CountAsync(s => s.Status == status);
    }
}

public sealed class DatabaseRulesOnPostgres(PostgresServer server) : DatabaseRulesTests(server);

public sealed class DatabaseRulesOnSqlite(SqliteFiles server) : DatabaseRulesTests(server);
