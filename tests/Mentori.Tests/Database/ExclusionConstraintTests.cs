using Mentori.Data;
using Npgsql;

namespace Mentori.Tests.Database;

/// <summary>
/// Decision 6 on PostgreSQL, step by step: the second of two open transactions that insert overlapping
/// accepted sessions waits for the first, and once the first commits, the second is refused with 23P01.
/// </summary>
public sealed class ExclusionConstraintTests(PostgresServer postgres)
{
    [Fact]
    public async Task Two_transactions_inserting_overlapping_accepted_sessions_cannot_both_commit()
    {
        await using var database = await postgres.CreateDatabaseAsync();
        var (mentorId, menteeId) = await AddMentorAndMenteeAsync(database);

        await using var first = new NpgsqlConnection(database.ConnectionString);
        await using var second = new NpgsqlConnection(database.ConnectionString);
        await first.OpenAsync();
        await second.OpenAsync();
        await using var firstTransaction = await first.BeginTransactionAsync();
        await using var secondTransaction = await second.BeginTransactionAsync();

        await InsertAcceptedAsync(first, mentorId, menteeId, "10:00");
        var secondInsert = InsertAcceptedAsync(second, mentorId, menteeId, "10:30");
        await WaitUntilBlockedAsync(database, second.ProcessID);

        await firstTransaction.CommitAsync();
        var refused = await Assert.ThrowsAsync<PostgresException>(() => secondInsert);

        Assert.Equal(PostgresErrorCodes.ExclusionViolation, refused.SqlState);
        Assert.Equal(DatabaseErrors.SessionOverlapConstraint, refused.ConstraintName);
    }

    private static async Task<(Guid Mentor, Guid Mentee)> AddMentorAndMenteeAsync(TestDatabase database)
    {
        var mentor = TestData.NewUser(Data.Entities.UserRole.Mentor);
        var mentee = TestData.NewUser(Data.Entities.UserRole.Mentee);
        await using var db = database.NewContext();
        db.Users.AddRange(mentor, mentee);
        await db.SaveChangesAsync();
        return (mentor.Id, mentee.Id);
    }

    private static async Task InsertAcceptedAsync(NpgsqlConnection connection, Guid mentorId, Guid menteeId, string time)
    {
        await using var insert = new NpgsqlCommand(
            $"INSERT INTO sessions (id, mentor_id, mentee_id, status, scheduled_at, duration) VALUES (gen_random_uuid(), @mentor, @mentee, 'accepted', '2030-03-04 {time}', 60)",
            connection);
        insert.Parameters.AddWithValue("mentor", mentorId);
        insert.Parameters.AddWithValue("mentee", menteeId);
        await insert.ExecuteNonQueryAsync();
    }

    /// <summary>Waits for the condition itself (the backend waiting on a lock), not for an amount of time.</summary>
    private static async Task WaitUntilBlockedAsync(TestDatabase database, int processId)
    {
        await using var observer = new NpgsqlConnection(database.ConnectionString);
        await observer.OpenAsync();
        await using var query = new NpgsqlCommand("SELECT wait_event_type = 'Lock' FROM pg_stat_activity WHERE pid = @pid", observer);
        query.Parameters.AddWithValue("pid", processId);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (await query.ExecuteScalarAsync(timeout.Token) is not true)
        {
            await Task.Yield();
        }
    }
}
