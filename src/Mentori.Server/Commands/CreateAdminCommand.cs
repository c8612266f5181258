using Mentori.Data;
using Mentori.Data.Entities;
using Mentori.Server.Features.Accounts;
using Mentori.Server.Infrastructure.Auth;
using Microsoft.EntityFrameworkCore;

namespace Mentori.Server.Commands;

/// <summary>
/// The only way to make an admin from nothing (decision 10): creates a verified admin, or promotes the user who
/// already has that email (verified and active, password unchanged).
/// </summary>
public sealed class CreateAdminCommand(MentoriDb db, PasswordHasher hasher)
{
    public async Task<string> RunAsync(string? email, string? password)
    {
        if (EmailAddress.Problem(email) is { } emailProblem)
        {
            throw new AdminCommandException($"--email: {emailProblem}");
        }

        if (PasswordPolicy.Problems(password) is [var passwordProblem, ..])
        {
            throw new AdminCommandException($"--password: {passwordProblem}");
        }

        var normalized = EmailAddress.Normalize(email!);
        var user = await db.Users.SingleOrDefaultAsync(u => u.Email == normalized);
        if (user is null)
        {
            db.Users.Add(new User
            {
                Email = normalized,
                PasswordHash = await hasher.HashAsync(password!),
                Role = UserRole.Admin,
                IsVerified = true,
            });
            await db.SaveChangesAsync();
            return $"Created admin {normalized}.";
        }

        var previous = user.Role;
        user.Role = UserRole.Admin;
        user.IsVerified = true;
        user.IsActive = true;
        await db.SaveChangesAsync();
        return previous == UserRole.Admin
            ? $"{normalized} is already an admin; the password is unchanged."
            : $"Promoted {normalized} from {previous.ToString().ToLowerInvariant()} to admin; the password is unchanged.";
    }
}
