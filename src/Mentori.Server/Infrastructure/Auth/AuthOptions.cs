using System.ComponentModel.DataAnnotations;

namespace Mentori.Server.Infrastructure.Auth;

/// <summary>The <c>Auth</c> section, less its <c>Jwt</c> part (<see cref="JwtOptions"/>).</summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary>Requesting, accepting, messaging and rating need a verified email unless this is false.</summary>
    public bool RequireVerifiedEmail { get; set; } = true;

    /// <summary>bcrypt cost: each step doubles the time a hash takes (11 ≈ 0.15 s on one core).</summary>
    [Range(10, 16)]
    public int BcryptWorkFactor { get; set; } = 11;

    /// <summary>How many bcrypt hashes run at once: all cores but one, so one is always left for everything else.</summary>
    [Range(1, 1024)]
    public int BcryptConcurrency { get; set; } = Math.Max(1, Environment.ProcessorCount - 1);

    /// <summary>How many more may wait for a turn; beyond that, 503 at once.</summary>
    [Range(0, 100_000)]
    public int BcryptQueueLimit { get; set; } = 32;

    /// <summary>How long one waits for a turn before 503.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:01:00")]
    public TimeSpan BcryptMaxWait { get; set; } = TimeSpan.FromSeconds(2);
}
