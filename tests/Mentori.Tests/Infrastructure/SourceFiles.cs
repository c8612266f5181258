namespace Mentori.Tests.Infrastructure;

/// <summary>The server's own C# files (migrations and build output aside), for tests that hold a rule to one place.</summary>
public static class SourceFiles
{
    private static readonly string Root = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../src"));

    /// <summary>The names of the files whose text contains any of <paramref name="texts"/>.</summary>
    public static List<string> Containing(params string[] texts) =>
        Directory.EnumerateFiles(Root, "*.cs", SearchOption.AllDirectories)
            .Where(file => !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !file.Contains("Migrations", StringComparison.Ordinal))
            .Where(file => File.ReadAllText(file) is var text && texts.Any(t => text.Contains(t, StringComparison.Ordinal)))
            .Select(file => Path.GetFileName(file))
            .Order()
            .ToList();
}
