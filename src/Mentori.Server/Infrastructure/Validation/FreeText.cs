using Mentori.Server.Infrastructure.Problems;

namespace Mentori.Server.Infrastructure.Validation;

/// <summary>
/// Text a user types: trimmed, blank is none, bounded. Multi-line text (bios, notes, messages) may hold line breaks
/// and tabs; single-line text (names, places, links, zones) holds no control character at all, so it can never
/// break out of the line it is written on (an iCalendar property, an email header).
/// </summary>
public static class FreeText
{
    /// <summary>The trimmed text or null; too long, or with control characters PostgreSQL may refuse, is a field error.</summary>
    public static string? Optional(ValidationErrors errors, string field, string? value, int maxLength)
    {
        var text = Bounded(errors, field, value, maxLength);
        if (text is not null && text.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t')))
        {
            errors.Add(field, "Control characters are not allowed.");
        }

        return text;
    }

    /// <summary>Like <see cref="Optional"/>, without line breaks, tabs or Unicode line separators.</summary>
    public static string? SingleLine(ValidationErrors errors, string field, string? value, int maxLength)
    {
        var text = Bounded(errors, field, value, maxLength);
        if (text is not null && !IsSingleLine(text))
        {
            errors.Add(field, "Line breaks and other control characters are not allowed.");
        }

        return text;
    }

    public static string? RequiredSingleLine(ValidationErrors errors, string field, string? value, int maxLength)
    {
        var text = SingleLine(errors, field, value, maxLength);
        errors.AddIf(text is null, field, "This field is required.");
        return text;
    }

    /// <summary>An absolute http or https URL on one line, or null when none is given.</summary>
    public static string? HttpUrl(ValidationErrors errors, string field, string? value, int maxLength)
    {
        var text = SingleLine(errors, field, value, maxLength);
        errors.AddIf(text is not null && IsSingleLine(text) && !IsHttpUrl(text), field, "An absolute http or https URL is needed.");
        return text;
    }

    public static bool IsSingleLine(string text) => !text.Any(c => char.IsControl(c) || c is '\u2028' or '\u2029');

    public static bool IsHttpUrl(string value) =>
        IsSingleLine(value)
        && Uri.TryCreate(value, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && uri.Host.Length > 0;

    private static string? Bounded(ValidationErrors errors, string field, string? value, int maxLength)
    {
        var text = string.IsNullOrWhiteSpace(value) ? null : value.Trim();
        errors.AddIf(text?.Length > maxLength, field, $"At most {maxLength} characters.");
        return text;
    }
}
