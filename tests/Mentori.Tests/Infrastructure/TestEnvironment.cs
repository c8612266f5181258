namespace Mentori.Tests.Infrastructure;

public static class TestEnvironment
{
    /// <summary>In CI a missing dependency is a failure, never a skip.</summary>
    public static bool IsCI => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
}
