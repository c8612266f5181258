using Mentori.Data;
using Mentori.Server.Features.Mentors;
using Mentori.Server.Infrastructure.Auth;
using Mentori.Server.Infrastructure.Database;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Mentori.Server.Commands.Generation;

/// <summary>
/// <c>generate --mentors N --mentees N --sessions N --messages N --ratings N --seed S</c>: fills an empty PostgreSQL
/// or SQLite database with valid, realistic data for benchmarks, in one transaction (a failure leaves it empty), then
/// has it analysed so plans are those of a settled database. Everyone's password is the sample password.
/// </summary>
public sealed class GenerateCommand(MentoriDb db, PasswordHasher hasher, TimeProvider clock, ResponseSummaries responses)
{
    public async Task<string> RunAsync(IReadOnlyDictionary<string, string> options, TextWriter progress, CancellationToken cancellationToken)
    {
        var plan = GenerationPlan.Parse(options);
        if (await db.Users.AnyAsync(cancellationToken))
        {
            throw new AdminCommandException("generate fills an empty database; this one has users. Create a new database for generated data.");
        }

        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var hash = await hasher.HashAsync(SampleData.Password, cancellationToken); // one hash for all: bcrypt is slow on purpose
        var now = clock.StoredUtcNow();
        var anchor = new DateTime(now.Year, now.Month, now.Day, now.Hour, 0, 0, DateTimeKind.Unspecified);
        var generator = new DataGenerator(plan, hash, anchor, progress);
        if (db.Provider == DatabaseProvider.Postgres)
        {
            await OnPostgresAsync(generator, progress, cancellationToken);
        }
        else
        {
            await OnSqliteAsync(generator, progress, cancellationToken);
        }

        var seconds = System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds;
        return $"Generated {plan.Mentors:N0} mentors, {plan.Mentees:N0} mentees, {plan.Sessions:N0} sessions, {plan.Messages:N0} messages and "
            + $"up to {plan.Ratings:N0} ratings (seed {plan.Seed}) in {seconds:F0} s. Sign in as mentor1@example.com or mentee1@example.com "
            + $"(the most active of each) with the password {SampleData.Password}.";
    }

    /// <summary>COPY with the plain indexes and foreign keys set aside, then a vacuum, so plans are a settled database's.</summary>
    private async Task OnPostgresAsync(DataGenerator generator, TextWriter progress, CancellationToken cancellationToken)
    {
        // A connection of its own without a command timeout: COPY of millions of rows, and the vacuum, take minutes.
        var configured = (NpgsqlConnection)db.Database.GetDbConnection();
        await using var connection = configured.CloneWith(new NpgsqlConnectionStringBuilder(configured.ConnectionString) { CommandTimeout = 0 }.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
        {
            var setAside = await SetAsideIndexesAndKeys.DropAsync(connection, DataGenerator.Tables, cancellationToken);
            await generator.WriteAsync(connection, transaction, cancellationToken);
            await setAside.RestoreAsync(connection, progress, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        await SummariseResponsesAsync(progress, cancellationToken);
        await progress.WriteLineAsync("vacuum and analyse…");
        await using var vacuum = new NpgsqlCommand("VACUUM ANALYZE", connection);
        await vacuum.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Prepared inserts into the indexed tables in one transaction, then statistics for the planner.</summary>
    private async Task OnSqliteAsync(DataGenerator generator, TextWriter progress, CancellationToken cancellationToken)
    {
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        await connection.OpenAsync(cancellationToken);
        await using (var cache = connection.CreateCommand())
        {
            // The load's pages stay in memory until it commits, instead of spilling to the journal every 2 MB.
            cache.CommandText = "PRAGMA cache_size = -262144";
            await cache.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
        {
            await generator.WriteAsync(connection, transaction, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        await SummariseResponsesAsync(progress, cancellationToken);
        await progress.WriteLineAsync("analyse…");
        await using var analyse = connection.CreateCommand();
        analyse.CommandText = "ANALYZE";
        analyse.CommandTimeout = 0;
        await analyse.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Inserted sessions are no decisions, so no trigger marked the mentors' response summaries: all are computed now.</summary>
    private async Task SummariseResponsesAsync(TextWriter progress, CancellationToken cancellationToken)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        await responses.MarkAllStaleAsync(cancellationToken);
        var computed = await responses.RefreshDueAsync(cancellationToken);
        await progress.WriteLineAsync(string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"response_summaries: {computed:N0} mentors computed, {System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s"));
    }
}
