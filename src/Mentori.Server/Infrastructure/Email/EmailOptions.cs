using System.ComponentModel.DataAnnotations;

namespace Mentori.Server.Infrastructure.Email;

/// <summary>The <c>Email</c> section: SMTP when a host is set, otherwise <c>.eml</c> files in the pickup folder.</summary>
public sealed class EmailOptions
{
    public const string Section = "Email";

    [Required]
    public string PickupDirectory { get; set; } = "data/outbox";

    [Required]
    public string From { get; set; } = "Mentori <no-reply@mentori.local>";

    public SmtpOptions Smtp { get; set; } = new();

    public OutboxOptions Outbox { get; set; } = new();

    /// <summary>Where the web UI is reached, for the links in emails. Never taken from the request's Host header.</summary>
    [Required]
    [Url]
    public string PublicUrl { get; set; } = "http://localhost:5080";
}

public sealed class SmtpOptions
{
    public string? Host { get; set; }

    public int Port { get; set; } = 587;

    /// <summary>
    /// Refuse to send unless the connection is encrypted (TLS on port 465, STARTTLS otherwise), so neither the SMTP
    /// password nor the tokens in the emails cross the network in clear. Only for a server on the same host: false.
    /// </summary>
    public bool RequireTls { get; set; } = true;

    public string? User { get; set; }
    public string? Password { get; set; }
}

/// <summary>
/// <c>Email:Outbox</c>: how queued emails are retried. A failed send waits <see cref="FirstRetryDelay"/>, then twice as
/// long each time up to <see cref="MaxRetryDelay"/> (with up to half of it taken off at random, so instances do not
/// retry in step); after <see cref="MaxAttempts"/> attempts, about a day with the defaults, the email is failed.
/// </summary>
public sealed class OutboxOptions
{
    public int MaxAttempts { get; set; } = 12;

    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(6);

    /// <summary>How long a claimed email is left to its sender before another instance may take it.</summary>
    public TimeSpan LeaseTime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often the sender looks for due emails when nothing woke it (other instances' emails, retries).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    public int BatchSize { get; set; } = 20;
}
