
namespace Mentori.Tests.Database;

/// <summary>Locks are taken in one place, so two features can never lock the same thing under different keys.</summary>
public sealed class DatabaseLocksTests
{
    [Fact]
    public void Advisory_locks_are_written_only_in_DatabaseLocks() =>
        Assert.Equal(["DatabaseLocks.cs"], SourceFiles.Containing("pg_advisory"));
}
