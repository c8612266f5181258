using Mentori.Server.Infrastructure.Problems;

namespace Mentori.Server.Infrastructure.Validation;

/// <summary>Free text a user types (names, bios, notes, reasons): trimmed, blank is none, bounded, no control characters.</summary>
public static class FreeText
{
    /// <summary>The trimmed text or null; too long, or with control characters PostgreSQL may refuse, is a field error.</summary>
    public static string? Optional(ValidationErrors errors, string field, string? value, int maxLength)
    {
        var text = string.IsNullOrWhiteSpace(value) ? null : value.Trim();
        if (text is not null && text.Length > maxLength)
        {
            errors.Add(field, $"At most {maxLength} characters.");
        }

        if (text is not null && text.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t')))
        {
            errors.Add(field, "Control characters are not allowed.");
        }

        return text;
    }

    public static bool IsHttpUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}
