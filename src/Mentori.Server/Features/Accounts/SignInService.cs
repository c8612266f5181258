using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Mentori.Data;
using Mentori.Data.Entities;
using Mentori.Server.Infrastructure.Auth;
using Mentori.Server.Infrastructure.Problems;
using Mentori.Server.Infrastructure.RateLimiting;
using Microsoft.EntityFrameworkCore;

namespace Mentori.Server.Features.Accounts;

/// <summary>Signing in and staying signed in: passwords, access tokens and the rotation of refresh tokens.</summary>
public sealed class SignInService(
    MentoriDb db,
    PasswordHasher passwords,
    AccessTokenIssuer accessTokens,
    AccountRateLimits limits,
    SignInEndings endings,
    TimeProvider clock)
{
    public static readonly TimeSpan RefreshTokenLifetime = TimeSpan.FromDays(30);

    private const string BadCredentials = "The email or password is incorrect.";

    private readonly List<SignInEnded> _ended = [];

    public async Task<AuthResponse> LoginAsync(LoginRequest request, CancellationToken cancellationToken) =>
        await IssueAsync(await AuthenticateAsync(request, cancellationToken), familyId: null, cancellationToken);

    /// <summary>Checks the email and password and records the sign-in; the caller then issues tokens or a cookie.</summary>
    public async Task<User> AuthenticateAsync(LoginRequest request, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        if (EmailAddress.Problem(request.Email) is { } emailProblem)
        {
            errors.Add("email", emailProblem);
        }

        if (PasswordPolicy.CheckableProblem(request.Password) is { } passwordProblem)
        {
            errors.Add("password", passwordProblem);
        }

        errors.ThrowIfAny();

        var email = EmailAddress.Normalize(request.Email!);
        User? user = null;
        var passwordMatches = await limits.CheckPasswordAsync(email, async () =>
        {
            user = await db.Users.SingleOrDefaultAsync(u => u.Email == email, cancellationToken);

            // An unknown email costs the same bcrypt work as a wrong password, so timing tells nothing.
            return user is null
                ? await passwords.VerifyAgainstNothingAsync(request.Password!, cancellationToken)
                : await passwords.VerifyAsync(request.Password!, user.PasswordHash, cancellationToken);
        });
        if (user is null || !passwordMatches)
        {
            throw ProblemException.Unauthorized(BadCredentials);
        }

        ThrowIfDeactivated(user);
        user.LastLogin = Now;
        await db.SaveChangesAsync(cancellationToken);
        return user;
    }

    /// <summary>
    /// Spends the refresh token and issues the next pair of its family. The token is spent by one conditional
    /// update, so of two uses at the same moment one wins; the other is a reuse and revokes the family.
    /// </summary>
    public async Task<AuthResponse> RefreshAsync(RefreshRequest request, CancellationToken cancellationToken)
    {
        ThrowIfNotAToken(request.RefreshToken);
        var hash = SecureToken.Hash(request.RefreshToken!);
        var now = Now;

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var spent = await db.RefreshTokens
            .Where(t => t.TokenHash == hash && t.UsedAt == null && t.RevokedAt == null && t.ExpiresAt > now)
            .ExecuteUpdateAsync(set => set.SetProperty(t => t.UsedAt, now), cancellationToken);
        var token = await db.RefreshTokens.AsNoTracking().SingleOrDefaultAsync(t => t.TokenHash == hash, cancellationToken);
        if (token is null)
        {
            throw ProblemException.Unauthorized("The refresh token is not valid.");
        }

        if (spent == 0)
        {
            if (token.UsedAt is not null || token.RevokedAt is not null)
            {
                // A spent token presented again: whoever holds it may have stolen it, so the whole family goes.
                await RevokeFamilyAsync(token.FamilyId, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                AnnounceEndings();
            }

            throw ProblemException.Unauthorized("The refresh token is not valid.");
        }

        var user = await db.Users.SingleAsync(u => u.Id == token.UserId, cancellationToken);
        if (!user.IsActive)
        {
            await RevokeFamilyAsync(token.FamilyId, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            AnnounceEndings();
            ThrowIfDeactivated(user);
        }

        var response = await IssueAsync(user, token.FamilyId, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return response;
    }

    /// <summary>Revokes the family of the caller's refresh token; an unknown token or someone else's changes nothing.</summary>
    public async Task LogoutAsync(ClaimsPrincipal caller, RefreshRequest request, CancellationToken cancellationToken)
    {
        var userId = caller.GetUserId();
        ThrowIfNotAToken(request.RefreshToken);
        var hash = SecureToken.Hash(request.RefreshToken!);
        var familyId = await db.RefreshTokens
            .Where(t => t.TokenHash == hash && t.UserId == userId)
            .Select(t => (Guid?)t.FamilyId)
            .SingleOrDefaultAsync(cancellationToken);
        if (familyId is { } family)
        {
            await RevokeFamilyAsync(family, cancellationToken);
        }
    }

    /// <summary>
    /// Ends every sign-in of the user: refresh tokens at once, access tokens and cookies within 30 seconds
    /// (at once on this instance), chat connections at once. Joins the caller's transaction, if any; the caller
    /// then calls <see cref="AnnounceEndings"/> after committing.
    /// </summary>
    public async Task RevokeAllAsync(Guid userId, CancellationToken cancellationToken)
    {
        var families = await db.RefreshTokens
            .Where(t => t.UserId == userId && t.RevokedAt == null)
            .Select(t => t.FamilyId)
            .Distinct()
            .ToListAsync(cancellationToken);
        // Each ending names the user too: another instance may take them in any order (Redis handlers run
        // concurrently), and one that closed a connection on a sign-in's ending while still holding the user's status
        // as active would tell a deactivated user "sign in again" (401) instead of "deactivated" (403).
        foreach (var family in families)
        {
            await RevokeFamilyAsync(family, cancellationToken, userId);
        }

        Ended(new SignInEnded(userId, FamilyId: null)); // also for a user with no live sign-in (cookies, access tokens)
    }

    /// <summary>
    /// Tells the status caches and open chat connections that sign-ins ended: at once, or, inside a transaction, when
    /// the caller calls <see cref="AnnounceEndings"/> after committing it. Told before the commit, a request or a chat
    /// reconnect in between would read the old rows and be let in again.
    /// </summary>
    public void Ended(SignInEnded ended)
    {
        _ended.Add(ended);
        if (db.Database.CurrentTransaction is null)
        {
            AnnounceEndings();
        }
    }

    /// <summary>Announces the endings recorded during the transaction just committed.</summary>
    public void AnnounceEndings()
    {
        foreach (var ended in _ended)
        {
            endings.Publish(ended);
        }

        _ended.Clear();
    }

    /// <summary>
    /// A sign-in for the web UI's cookie: a refresh-token family whose token is never handed out, so that logout
    /// and "sign out everywhere" end cookie sign-ins exactly as they end token ones.
    /// </summary>
    public async Task<Guid> StartCookieSignInAsync(User user, CancellationToken cancellationToken)
    {
        var signIn = new RefreshToken
        {
            UserId = user.Id,
            FamilyId = Guid.CreateVersion7(),
            TokenHash = SecureToken.Hash(SecureToken.New()),
            ExpiresAt = Now + RefreshTokenLifetime,
        };
        db.RefreshTokens.Add(signIn);
        await db.SaveChangesAsync(cancellationToken);
        return signIn.FamilyId;
    }

    /// <summary>Ends one cookie or token sign-in.</summary>
    public Task EndSignInAsync(Guid familyId, CancellationToken cancellationToken) => RevokeFamilyAsync(familyId, cancellationToken);

    /// <summary>Ends the cookie sign-in of the request (its token family, so every instance refuses it) and drops the cookie.</summary>
    public async Task EndCookieSignInAsync(HttpContext context, CancellationToken cancellationToken)
    {
        await EndSignInAsync(Guid.Parse(context.User.FindFirstValue(MentoriClaims.SignInId)!), cancellationToken);
        await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
    }

    /// <summary>Ends every sign-in of the request's user (other browsers, apps and chat connections too) and drops the cookie.</summary>
    public async Task EndEveryCookieSignInAsync(HttpContext context, CancellationToken cancellationToken)
    {
        await RevokeAllAsync(context.User.GetUserId(), cancellationToken);
        await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
    }

    /// <summary>A new access token and a new refresh token, of a new family unless one is given. Saves pending changes.</summary>
    public async Task<AuthResponse> IssueAsync(User user, Guid? familyId, CancellationToken cancellationToken)
    {
        var refreshToken = SecureToken.New();
        var family = familyId ?? Guid.CreateVersion7();
        db.RefreshTokens.Add(new RefreshToken
        {
            UserId = user.Id,
            FamilyId = family,
            TokenHash = SecureToken.Hash(refreshToken),
            ExpiresAt = Now + RefreshTokenLifetime,
        });
        await db.SaveChangesAsync(cancellationToken);
        return new AuthResponse(UserResponse.From(user), accessTokens.Issue(user, family), refreshToken, (int)AccessTokenIssuer.Lifetime.TotalSeconds);
    }

    private static void ThrowIfNotAToken(string? refreshToken)
    {
        if (SecureToken.Problem(refreshToken) is { } problem)
        {
            throw ProblemException.Validation("refreshToken", problem);
        }
    }

    public static void ThrowIfDeactivated(User user)
    {
        if (!user.IsActive)
        {
            throw ProblemException.AccountDeactivated();
        }
    }

    /// <summary>Ends one sign-in; with <paramref name="everyOneOf"/>, as part of ending all of that user's.</summary>
    private async Task RevokeFamilyAsync(Guid familyId, CancellationToken cancellationToken, Guid? everyOneOf = null)
    {
        var now = Now;
        await db.RefreshTokens
            .Where(t => t.FamilyId == familyId && t.RevokedAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(t => t.RevokedAt, now), cancellationToken);
        Ended(new SignInEnded(everyOneOf, familyId));
    }

    private DateTime Now => clock.StoredUtcNow();
}
