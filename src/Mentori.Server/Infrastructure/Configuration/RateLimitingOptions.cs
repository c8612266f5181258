namespace Mentori.Server.Infrastructure.Configuration;

/// <summary><c>RateLimiting:Enabled</c>: every limit on or off, for operators with their own limiter in front and for load tests.</summary>
public sealed class RateLimitingOptions
{
    public const string Section = "RateLimiting";

    public bool Enabled { get; set; } = true;
}
