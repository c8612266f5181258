using Mentori.Data;
using Mentori.Server.Infrastructure.Auth;
using Mentori.Server.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Mentori.Server.Commands.Generation;

/// <summary>
/// <c>generate --mentors N --mentees N --sessions N --messages N --ratings N --seed S</c>: fills an empty PostgreSQL
/// database with valid, realistic data for benchmarks, in one transaction (a failure leaves it empty), then
/// vacuums and analyses it so plans are those of a settled database. Everyone's password is the sample password.
/// </summary>
public sealed class GenerateCommand(MentoriDb db, PasswordHasher hasher, TimeProvider clock)
{
    public async Task<string> RunAsync(IReadOnlyDictionary<string, string> options, TextWriter progress, CancellationToken cancellationToken)
    {
        var plan = GenerationPlan.Parse(options);
        if (db.Provider != DatabaseProvider.Postgres)
        {
            throw new AdminCommandException("generate fills PostgreSQL (Database:Provider=postgres) with COPY; SQLite is not supported.");
        }

        if (await db.Users.AnyAsync(cancellationToken))
        {
            throw new AdminCommandException("generate fills an empty database; this one has users. Create a new database for generated data.");
        }

        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var hash = await hasher.HashAsync(SampleData.Password, cancellationToken); // one hash for all: bcrypt is slow on purpose
        var now = clock.StoredUtcNow();
        var anchor = new DateTime(now.Year, now.Month, now.Day, now.Hour, 0, 0, DateTimeKind.Unspecified);

        // A connection of its own without a command timeout: COPY of millions of rows, and the vacuum, take minutes.
        var configured = (NpgsqlConnection)db.Database.GetDbConnection();
        await using var connection = configured.CloneWith(new NpgsqlConnectionStringBuilder(configured.ConnectionString) { CommandTimeout = 0 }.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
        {
            var setAside = await SetAsideIndexesAndKeys.DropAsync(connection, DataGenerator.Tables, cancellationToken);
            await new DataGenerator(plan, hash, anchor, progress).WriteAsync(connection, cancellationToken);
            await setAside.RestoreAsync(connection, progress, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        await progress.WriteLineAsync("vacuum and analyse…");
        await using var vacuum = new NpgsqlCommand("VACUUM ANALYZE", connection);
        await vacuum.ExecuteNonQueryAsync(cancellationToken);

        var seconds = System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds;
        return $"Generated {plan.Mentors:N0} mentors, {plan.Mentees:N0} mentees, {plan.Sessions:N0} sessions, {plan.Messages:N0} messages and "
            + $"up to {plan.Ratings:N0} ratings (seed {plan.Seed}) in {seconds:F0} s. Sign in as mentor1@example.com or mentee1@example.com "
            + $"(the most active of each) with the password {SampleData.Password}.";
    }
}
