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

        var problems = new List<string>();
        if (password.Length < MinLength)
        {
            problems.Add($"Password must be at least {MinLength} characters.");
        }

        if (Encoding.UTF8.GetByteCount(password) > MaxBytes)
        {
            problems.Add($"Password must be at most {MaxBytes} bytes in UTF-8.");
        }

        if (!password.Any(char.IsUpper))
        {
            problems.Add("Password must contain an upper-case letter.");
        }

        if (!password.Any(char.IsLower))
        {
            problems.Add("Password must contain a lower-case letter.");
        }

        if (!password.Any(char.IsDigit))
        {
            problems.Add("Password must contain a digit.");
        }

        return problems;
    }
}
