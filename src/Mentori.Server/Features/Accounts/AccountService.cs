using System.Security.Claims;
using Mentori.Data;
using Mentori.Data.Entities;
using Mentori.Server.Features.Admin;
using Mentori.Server.Features.Profiles;
using Mentori.Server.Infrastructure.Auth;
using Mentori.Server.Infrastructure.Problems;
using Mentori.Server.Infrastructure.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Mentori.Server.Features.Accounts;

/// <summary>An account's life: sign-up, email verification, passwords, and deletion.</summary>
public sealed class AccountService(
    MentoriDb db,
    PasswordHasher passwords,
    SignInService signIn,
    EmailTokens emailTokens,
    AccountEmails emails,
    AccountRateLimits limits,
    UserStatusCache statuses,
    ProfileImages images,
    PasswordResetRequests resets)
{
    public Task<AuthResponse> RegisterAsync(RegisterRequest request, CancellationToken cancellationToken) =>
        CreateAccountAsync(request, user => signIn.IssueAsync(user, familyId: null, cancellationToken), cancellationToken);

    /// <summary>
    /// The web UI's sign-up: the account with a cookie sign-in (a token family whose token is never handed out),
    /// saved with it; the caller sets the cookie.
    /// </summary>
    public Task<(User User, Guid SignInId)> RegisterWithCookieAsync(RegisterRequest request, CancellationToken cancellationToken) =>
        CreateAccountAsync(request, async user => (user, await signIn.StartCookieSignInAsync(user, cancellationToken)), cancellationToken);

    /// <summary>Checks the request, then saves the account, its verification email and the sign-in <paramref name="startSignIn"/> makes, together.</summary>
    private async Task<T> CreateAccountAsync<T>(RegisterRequest request, Func<User, Task<T>> startSignIn, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        if (EmailAddress.Problem(request.Email) is { } emailProblem)
        {
            errors.Add("email", emailProblem);
        }

        errors.AddAll("password", PasswordPolicy.Problems(request.Password));
        if (request.Role is not ("mentor" or "mentee"))
        {
            errors.Add("role", request.Role == "admin"
                ? "Admins cannot sign up; an administrator creates them."
                : "Role must be \"mentor\" or \"mentee\".");
        }

        var firstName = PersonName.Validate(errors, "firstName", request.FirstName);
        var lastName = PersonName.Validate(errors, "lastName", request.LastName);
        errors.ThrowIfAny();

        var email = EmailAddress.Normalize(request.Email!);
        await limits.ThrowIfRegisterExceededAsync(email);
        if (await db.Users.AnyAsync(u => u.Email == email, cancellationToken))
        {
            throw EmailTaken();
        }

        var user = new User
        {
            Email = email,
            PasswordHash = await passwords.HashAsync(request.Password!, cancellationToken),
            Role = request.Role == "mentor" ? UserRole.Mentor : UserRole.Mentee,
            Profile = new Profile { FirstName = firstName!, LastName = lastName! },
        };
        db.Users.Add(user);
        var token = emailTokens.Issue(user.Id, EmailTokenPurpose.VerifyEmail);
        emails.SendVerification(user.Email, user.Profile.FirstName, token); // saved with the account, or not at all

        T response;
        try
        {
            response = await startSignIn(user);
        }
        catch (DbUpdateException exception) when (DatabaseErrors.IsUniqueViolation(exception))
        {
            // Someone registered the same email between the check and the insert.
            throw EmailTaken();
        }

        return response;
    }

    public async Task VerifyEmailAsync(EmailTokenRequest request, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var userId = await ConsumeAsync(request.Token, EmailTokenPurpose.VerifyEmail, cancellationToken);
        await db.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(set => set.SetProperty(u => u.IsVerified, true), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        statuses.Forget(userId);
    }

    public async Task ResendVerificationAsync(ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var userId = caller.GetUserId();
        await limits.ThrowIfResendVerificationExceededAsync(userId);
        var user = await db.Users.Include(u => u.Profile).SingleAsync(u => u.Id == userId, cancellationToken);
        if (user.IsVerified)
        {
            return;
        }

        await emailTokens.ReissueAsync(user.Id, EmailTokenPurpose.VerifyEmail,
            token => emails.SendVerification(user.Email, user.Profile?.FirstName ?? "there", token), cancellationToken);
    }

    /// <summary>
    /// Always the same answer after the same work, whether or not the address has an account: the address is
    /// checked and queued, and <see cref="SendPasswordResetAsync"/> runs later, away from the request.
    /// </summary>
    public async Task ForgotPasswordAsync(ForgotPasswordRequest request, CancellationToken cancellationToken)
    {
        if (EmailAddress.Problem(request.Email) is { } problem)
        {
            throw ProblemException.Validation("email", problem);
        }

        var email = EmailAddress.Normalize(request.Email!);
        await limits.ThrowIfForgotPasswordExceededAsync(email);
        resets.Enqueue(email);
    }

    /// <summary>Emails a reset token to the active account with this address, if there is one.</summary>
    public async Task SendPasswordResetAsync(string email, CancellationToken cancellationToken)
    {
        var user = await db.Users.SingleOrDefaultAsync(u => u.Email == email && u.IsActive, cancellationToken);
        if (user is null)
        {
            return;
        }

        await emailTokens.ReissueAsync(user.Id, EmailTokenPurpose.ResetPassword, token => emails.SendPasswordReset(user.Email, token), cancellationToken);
    }

    /// <summary>
    /// Sets the new password and ends every sign-in, in one transaction: a failure half-way leaves the
    /// token unspent and the old password in place. Following the emailed link also proves the address.
    /// </summary>
    public async Task ResetPasswordAsync(ResetPasswordRequest request, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors().AddAll("newPassword", PasswordPolicy.Problems(request.NewPassword));
        if (SecureToken.Problem(request.Token) is { } tokenProblem)
        {
            errors.Add("token", tokenProblem);
        }

        errors.ThrowIfAny();
        var hash = await passwords.HashAsync(request.NewPassword!, cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var userId = await ConsumeAsync(request.Token, EmailTokenPurpose.ResetPassword, cancellationToken);
        var user = await db.Users.SingleAsync(u => u.Id == userId, cancellationToken);
        user.IsVerified = true;
        await ReplacePasswordAsync(user, hash, transaction, cancellationToken);
    }

    /// <summary>
    /// Changes the password and ends every sign-in, this one included, in one transaction; the client
    /// signs in again with the new password.
    /// </summary>
    public async Task ChangePasswordAsync(ClaimsPrincipal caller, ChangePasswordRequest request, CancellationToken cancellationToken)
    {
        var userId = caller.GetUserId();
        var errors = new ValidationErrors().AddAll("newPassword", PasswordPolicy.Problems(request.NewPassword));
        if (PasswordPolicy.CheckableProblem(request.CurrentPassword) is { } problem)
        {
            errors.Add("currentPassword", problem);
        }

        errors.ThrowIfAny();

        var user = await db.Users.SingleAsync(u => u.Id == userId, cancellationToken);
        await CheckPasswordAsync(user, request.CurrentPassword!, "currentPassword");
        var hash = await passwords.HashAsync(request.NewPassword!, cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await ReplacePasswordAsync(user, hash, transaction, cancellationToken);
    }

    /// <summary>
    /// Deletes the account and, by the schema's cascades, everything that belongs to it, and the emails addressed
    /// to it. The last active admin cannot delete itself (409), as it cannot be demoted: someone must be left to
    /// administer.
    /// </summary>
    public async Task DeleteAsync(ClaimsPrincipal caller, DeleteAccountRequest request, CancellationToken cancellationToken)
    {
        var userId = caller.GetUserId();
        if (PasswordPolicy.CheckableProblem(request.Password) is { } problem)
        {
            throw ProblemException.Validation("password", problem);
        }

        var user = await db.Users.SingleAsync(u => u.Id == userId, cancellationToken);
        await CheckPasswordAsync(user, request.Password!, "password");

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (user is { Role: UserRole.Admin, IsActive: true })
        {
            await db.LockAdminsAsync(cancellationToken);
            await AdminService.ThrowIfLastAdminAsync(db, userId, cancellationToken);
        }

        var photo = await db.Profiles.Where(p => p.UserId == userId).Select(p => p.ProfileImage).SingleOrDefaultAsync(cancellationToken);
        await db.Users.Where(u => u.Id == userId).ExecuteDeleteAsync(cancellationToken);

        // The emails to the address go too: queued ones are no longer wanted, sent ones name the person.
        await db.EmailOutbox.Where(e => e.Recipient == user.Email).ExecuteDeleteAsync(cancellationToken);
        signIn.Ended(new SignInEnded(userId, FamilyId: null));
        await transaction.CommitAsync(cancellationToken);
        signIn.AnnounceEndings();
        images.DeleteStored(photo);
    }

    public async Task<MeResponse> GetMeAsync(ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var userId = caller.GetUserId();
        var user = await db.Users.AsNoTracking().Include(u => u.Profile).SingleAsync(u => u.Id == userId, cancellationToken);
        return new MeResponse(UserResponse.From(user), user.Profile is null ? null : ProfileResponse.From(user.Profile));
    }

    /// <summary>
    /// Stores the new password and ends every sign-in of the user in the caller's transaction, then commits it; the
    /// endings are announced (chat connections closed) only once committed.
    /// </summary>
    private async Task ReplacePasswordAsync(User user, string hash, IDbContextTransaction transaction, CancellationToken cancellationToken)
    {
        user.PasswordHash = hash;
        await db.SaveChangesAsync(cancellationToken);
        await signIn.RevokeAllAsync(user.Id, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        signIn.AnnounceEndings();
    }

    /// <summary>
    /// Confirms a signed-in user's password. Failures count against the same per-account limit as failed sign-ins,
    /// so a stolen session cannot be used to guess the password.
    /// </summary>
    private async Task CheckPasswordAsync(User user, string password, string field)
    {
        if (!await limits.CheckPasswordAsync(user.Email, () => passwords.VerifyAsync(password, user.PasswordHash)))
        {
            throw ProblemException.Validation(field, "The password is incorrect.");
        }
    }

    private async Task<Guid> ConsumeAsync(string? token, EmailTokenPurpose purpose, CancellationToken cancellationToken)
    {
        if (SecureToken.Problem(token) is { } problem)
        {
            throw ProblemException.Validation("token", problem);
        }

        return await emailTokens.ConsumeAsync(token!.Trim(), purpose, cancellationToken)
            ?? throw ProblemException.Validation("token", "The token is not valid: it may have expired or been used already.");
    }

    private static ProblemException EmailTaken() =>
        ProblemException.Conflict(ProblemTypes.EmailTaken, "The email is taken", "An account with this email already exists.");
}
