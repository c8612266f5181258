using System.Net.Mail;

namespace Mentori.Server.Features.Accounts;

/// <summary>How Mentori reads an email address: trimmed, compared case-insensitively, at most 255 characters.</summary>
public static class EmailAddress
{
    public const int MaxLength = 255;

    public static string Normalize(string email) => email.Trim().ToLowerInvariant();

    /// <summary>Null when <paramref name="email"/> is a usable address, otherwise why not.</summary>
    public static string? Problem(string? email)
    {
        if (string.IsNullOrWhiteSpace(email))
        {
            return "Email is required.";
        }

        var trimmed = email.Trim();
        if (trimmed.Length > MaxLength)
        {
            return $"Email must be at most {MaxLength} characters.";
        }

        if (trimmed.Any(char.IsControl))
        {
            return "Email is not a valid address.";
        }

        // MailAddress accepts display names and other forms no one types into a sign-up form; the address it
        // parses must be the whole input, and the domain must have a dot.
        var valid = MailAddress.TryCreate(trimmed, out var parsed)
            && parsed.Address == trimmed
            && parsed.Host.Contains('.', StringComparison.Ordinal)
            && !parsed.Host.StartsWith('.') && !parsed.Host.EndsWith('.')
            && MimeKit.MailboxAddress.TryParse(trimmed, out _); // the outbox addresses its emails with MimeKit
        return valid ? null : "Email is not a valid address.";
    }
}
