namespace Mentori.Server.Infrastructure.Configuration;

/// <summary>Relative paths in configuration (the SQLite file, the outbox, the development key) are read against the content root.</summary>
public static class ContentPaths
{
    public static string Resolve(IHostEnvironment environment, string path) =>
        Path.GetFullPath(Path.IsPathRooted(path) ? path : Path.Combine(environment.ContentRootPath, path));

    public static string DataDirectory(IHostEnvironment environment) => Resolve(environment, "data");
}
