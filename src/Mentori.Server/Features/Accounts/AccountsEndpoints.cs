using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Mentori.Server.Infrastructure.Auth;
using Mentori.Server.Infrastructure.RateLimiting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Mentori.Server.Features.Accounts;

/// <summary>The HTTP surface of accounts: api.md, "Accounts".</summary>
public static class AccountsEndpoints
{
    private const long SmallBodyBytes = 16 * 1024;

    public static IEndpointRouteBuilder MapAccounts(this IEndpointRouteBuilder api)
    {
        // Every body here is a few fields; anything larger is refused (413) before it is read.
        var auth = api.MapGroup("/auth").WithTags("Accounts")
            .WithMetadata(new RequestSizeLimitAttribute(SmallBodyBytes))
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        auth.MapPost("/register", async Task<Created<AuthResponse>> (RegisterRequest request, AccountService accounts, CancellationToken cancellationToken) =>
                TypedResults.Created("/api/v1/me", await accounts.RegisterAsync(request, cancellationToken)))
            .RequireRateLimiting(RateLimitingRegistration.Register)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithName("register")
            .WithSummary("Create a mentor or mentee account; sends a verification email.");
        auth.MapPost("/login", async Task<Results<Ok<AuthResponse>, Ok<CookieSignInResponse>>> (
                LoginRequest request, bool? useCookies, HttpContext context, SignInService signIn, CancellationToken cancellationToken) =>
            {
                if (useCookies != true)
                {
                    return TypedResults.Ok(await signIn.LoginAsync(request, cancellationToken));
                }

                var user = await signIn.AuthenticateAsync(request, cancellationToken);
                var familyId = await signIn.StartCookieSignInAsync(user, cancellationToken);
                await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, MentoriClaims.CookiePrincipal(user, familyId));
                return TypedResults.Ok(new CookieSignInResponse(UserResponse.From(user)));
            })
            .RequireRateLimiting(RateLimitingRegistration.SignIn)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithName("login")
            .WithSummary("Sign in with email and password: a token pair, or with ?useCookies=true the web UI's cookie.");
        auth.MapGet("/antiforgery", (HttpContext context, IAntiforgery antiforgery) =>
            {
                var tokens = antiforgery.GetAndStoreTokens(context);
                return TypedResults.Ok(new AntiforgeryResponse(tokens.RequestToken!, CookieAntiforgery.HeaderName));
            })
            .WithName("getAntiforgeryToken")
            .WithSummary("The token that cookie-authenticated requests which change something send in the X-CSRF-TOKEN header.");
        auth.MapPost("/refresh", async Task<Ok<AuthResponse>> (RefreshRequest request, SignInService signIn, CancellationToken cancellationToken) =>
                TypedResults.Ok(await signIn.RefreshAsync(request, cancellationToken)))
            .RequireRateLimiting(RateLimitingRegistration.Refresh)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .WithName("refresh")
            .WithSummary("Spend a refresh token for a new pair.");
        auth.MapPost("/logout", async Task<NoContent> (RefreshRequest? request, HttpContext context, SignInService signIn, CancellationToken cancellationToken) =>
            {
                if (context.IsCookieAuthenticated())
                {
                    await signIn.EndCookieSignInAsync(context, cancellationToken);
                    if (request?.RefreshToken is null)
                    {
                        return TypedResults.NoContent();
                    }
                }

                await signIn.LogoutAsync(context.User, request ?? new RefreshRequest(null), cancellationToken);
                return TypedResults.NoContent();
            })
            .RequireAuthorization()
            .WithName("logout")
            .WithSummary("Revoke the refresh token's family; with the cookie, end the cookie sign-in.");
        auth.MapPost("/verify-email", async Task<NoContent> (EmailTokenRequest request, AccountService accounts, CancellationToken cancellationToken) =>
            {
                await accounts.VerifyEmailAsync(request, cancellationToken);
                return TypedResults.NoContent();
            })
            .RequireRateLimiting(RateLimitingRegistration.VerifyEmail)
            .WithName("verifyEmail")
            .WithSummary("Confirm the email address with the emailed token.");
        auth.MapPost("/resend-verification", async Task<Accepted> (ClaimsPrincipal user, AccountService accounts, CancellationToken cancellationToken) =>
            {
                await accounts.ResendVerificationAsync(user, cancellationToken);
                return TypedResults.Accepted((string?)null);
            })
            .RequireAuthorization()
            .RequireRateLimiting(RateLimitingRegistration.ResendVerification)
            .WithName("resendVerification")
            .WithSummary("Send the verification email again.");
        auth.MapPost("/forgot-password", async Task<Accepted> (ForgotPasswordRequest request, AccountService accounts, CancellationToken cancellationToken) =>
            {
                await accounts.ForgotPasswordAsync(request, cancellationToken);
                return TypedResults.Accepted((string?)null);
            })
            .RequireRateLimiting(RateLimitingRegistration.ForgotPassword)
            .WithName("forgotPassword")
            .WithSummary("Email a password-reset token; the answer never tells whether the address has an account.");
        auth.MapPost("/reset-password", async Task<NoContent> (ResetPasswordRequest request, AccountService accounts, CancellationToken cancellationToken) =>
            {
                await accounts.ResetPasswordAsync(request, cancellationToken);
                return TypedResults.NoContent();
            })
            .RequireRateLimiting(RateLimitingRegistration.ForgotPassword)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithName("resetPassword")
            .WithSummary("Set a new password with the emailed token; signs out every device.");

        var me = api.MapGroup("/me").WithTags("Accounts").RequireAuthorization()
            .WithMetadata(new RequestSizeLimitAttribute(SmallBodyBytes))
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        me.MapGet("/", async Task<Ok<MeResponse>> (ClaimsPrincipal user, AccountService accounts, CancellationToken cancellationToken) =>
                TypedResults.Ok(await accounts.GetMeAsync(user, cancellationToken)))
            .WithName("getMe")
            .WithSummary("The signed-in user and their profile.");
        me.MapPut("/password", async Task<NoContent> (ChangePasswordRequest request, ClaimsPrincipal user, AccountService accounts, CancellationToken cancellationToken) =>
            {
                await accounts.ChangePasswordAsync(user, request, cancellationToken);
                return TypedResults.NoContent();
            })
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithName("changePassword")
            .WithSummary("Change the password; every sign-in, this one included, must sign in again.");
        me.MapGet("/export", async Task<Ok<object>> (ClaimsPrincipal user, AccountExport export, CancellationToken cancellationToken) =>
                TypedResults.Ok(await export.ExportAsync(user, cancellationToken)))
            .WithName("exportMyData")
            .WithSummary("Every row about the signed-in user, as one JSON document.");
        me.MapDelete("/", async Task<NoContent> ([FromBody] DeleteAccountRequest request, ClaimsPrincipal user, AccountService accounts, CancellationToken cancellationToken) =>
            {
                await accounts.DeleteAsync(user, request, cancellationToken);
                return TypedResults.NoContent();
            })
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithName("deleteMe")
            .WithSummary("Delete the account and everything that belongs to it; the password confirms it.")
            .WithDescription("409 `last-admin` when the caller is the only active admin.");
        return api;
    }
}
