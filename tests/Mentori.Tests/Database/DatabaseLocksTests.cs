namespace Mentori.Tests.Database;

/// <summary>Locks are taken in one place, so two features can never lock the same thing under different keys.</summary>
public sealed class DatabaseLocksTests
{
    [Fact]
    public void Advisory_locks_are_written_only_in_DatabaseLocks()
    {
        var source = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../src"));

        var writers = Directory.EnumerateFiles(source, "*.cs", SearchOption.AllDirectories)
            .Where(file => !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !file.Contains("Migrations", StringComparison.Ordinal)
                && File.ReadAllText(file).Contains("pg_advisory", StringComparison.Ordinal))
            .Select(Path.GetFileName)
            .ToList();

        Assert.Equal(["DatabaseLocks.cs"], writers);
    }
}
