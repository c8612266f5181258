using System.Text;

namespace Mentori.Server.Features.Accounts;

/// <summary>The schema document's password rules, plus bcrypt's limit of 72 bytes (it ignores the rest).</summary>
public static class PasswordPolicy
{
    public const int MinLength = 8;
    public const int MaxBytes = 72;

    /// <summary>
    /// A password given to be checked (sign-in, confirmation): present and within bcrypt's 72 bytes, which no password
    /// Mentori accepted can exceed. Checked before any hashing, so a huge text costs nothing.
    /// </summary>
    public static string? CheckableProblem(string? password) =>
        string.IsNullOrEmpty(password) ? "Password is required."
        : password.Length > MaxBytes || Encoding.UTF8.GetByteCount(password) > MaxBytes ? $"Password must be at most {MaxBytes} bytes in UTF-8."
        : null;

    /// <summary>
    /// The rules a new password must keep, each with how the server checks it and the same rule as a JavaScript
    /// regular expression, which the sign-up page's script checks as the user types. Letters and digits are read as
    /// Unicode characters (runes) and the length in UTF-16 units, on both sides: the letter patterns take the
    /// <c>u</c> flag, the length pattern must not.
    /// </summary>
    public static readonly IReadOnlyList<PasswordRule> Rules =
    [
        new($"At least {MinLength} characters", $"Password must be at least {MinLength} characters.", p => p.Length >= MinLength, $"^[\\s\\S]{{{MinLength},}}$", ""),
        new("An upper-case letter", "Password must contain an upper-case letter.", p => p.EnumerateRunes().Any(Rune.IsUpper), "\\p{Lu}", "u"),
        new("A lower-case letter", "Password must contain a lower-case letter.", p => p.EnumerateRunes().Any(Rune.IsLower), "\\p{Ll}", "u"),
        new("A digit", "Password must contain a digit.", p => p.EnumerateRunes().Any(Rune.IsDigit), "\\p{Nd}", "u"),
    ];

    /// <summary>Every rule <paramref name="password"/> breaks; empty when it is acceptable.</summary>
    public static IReadOnlyList<string> Problems(string? password)
    {
        if (string.IsNullOrEmpty(password))
        {
            return ["Password is required."];
        }

        if (password.Length > MaxBytes)
        {
            return [$"Password must be at most {MaxBytes} bytes in UTF-8."];
        }

        var problems = Rules.Where(rule => !rule.IsMet(password)).Select(rule => rule.Problem).ToList();
        if (Encoding.UTF8.GetByteCount(password) > MaxBytes)
        {
            problems.Insert(Rules[0].IsMet(password) ? 0 : 1, $"Password must be at most {MaxBytes} bytes in UTF-8.");
        }

        return problems;
    }
}

/// <summary>One rule of <see cref="PasswordPolicy"/>: as a requirement to show, as a problem to report, and as a check in both places.</summary>
public sealed record PasswordRule(string Requirement, string Problem, Func<string, bool> IsMet, string BrowserPattern, string BrowserFlags);
