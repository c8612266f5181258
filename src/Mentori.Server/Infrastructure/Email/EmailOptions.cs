using System.ComponentModel.DataAnnotations;

namespace Mentori.Server.Infrastructure.Email;

/// <summary>The <c>Email</c> section: SMTP when a host is set, otherwise <c>.eml</c> files in the pickup folder.</summary>
public sealed class EmailOptions : IValidatableObject
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

    /// <summary>The address of a page of the web UI, such as <c>/sessions/{id}</c>, for a link in an email.</summary>
    public string PageUrl(string path) => $"{PublicUrl.TrimEnd('/')}{path}";

    /// <summary>Refused at startup rather than at the first email, which would fail the change that queued it.</summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!MimeKit.MailboxAddress.TryParse(From, out var from) || string.IsNullOrEmpty(from.Domain))
        {
            yield return new ValidationResult("Email:From must be an address such as \"Mentori <no-reply@example.org>\".", [nameof(From)]);
        }

        if (Outbox.MaxAttempts < 1 || Outbox.BatchSize < 1 || Outbox.BatchSize > 1000
            || Outbox.FirstRetryDelay <= TimeSpan.Zero || Outbox.MaxRetryDelay < Outbox.FirstRetryDelay
            || Outbox.LeaseTime <= TimeSpan.Zero || Outbox.PollInterval <= TimeSpan.Zero || Outbox.Retention <= TimeSpan.Zero)
        {
            yield return new ValidationResult(
                "Email:Outbox needs MaxAttempts of at least 1, a BatchSize of 1 to 1000, positive FirstRetryDelay, LeaseTime, PollInterval and Retention, and MaxRetryDelay no shorter than FirstRetryDelay.",
                [nameof(Outbox)]);
        }
    }
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

    /// <summary>How long a sent or failed email's row is kept (for the statistics, the export and a retry) before it is deleted.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(30);
}
