namespace Mentori.Server.Infrastructure.Configuration;

/// <summary><c>Redis:ConnectionString</c>: the SignalR backplane when several server instances run.</summary>
public sealed class RedisOptions
{
    public const string Section = "Redis";

    public string? ConnectionString { get; set; }
}
