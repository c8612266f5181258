using Mentori.Data.Entities;
using Mentori.Server.Infrastructure;
using Mentori.Server.Infrastructure.Email;
using Microsoft.Extensions.Options;

namespace Mentori.Server.Features.Accounts;

/// <summary>The account emails: plain text, with the token on a line of its own and a link to the page that uses it.</summary>
public sealed class AccountEmails(EmailOutbox outbox, IOptions<EmailOptions> options)
{
    public void SendVerification(string email, string firstName, string token) => outbox.Enqueue(email, "Confirm your email for Mentori", $"""
        Hi {firstName},

        Welcome to Mentori! Please confirm that this is your email address by opening this link:

        {Link("verify-email", token)}

        Or paste this token where the app asks for it:

        Token: {token}

        The link works once and expires in {Lifetime(EmailTokenPurpose.VerifyEmail)}. If you did not sign up for Mentori, ignore this email.

        — The Mentori team
        """);

    public void SendPasswordReset(string email, string token) => outbox.Enqueue(email, "Reset your Mentori password", $"""
        Hi,

        Someone (hopefully you) asked to reset the password of your Mentori account. Choose a new password here:

        {Link("reset-password", token)}

        Or paste this token where the app asks for it:

        Token: {token}

        The link works once and expires in {Lifetime(EmailTokenPurpose.ResetPassword)}. If you did not ask for this, ignore this email: your password
        stays as it is.

        — The Mentori team
        """);

    /// <summary>How long a token lasts, in words, from the one place that decides it.</summary>
    public static string Lifetime(EmailTokenPurpose purpose) => Durations.InWords(EmailTokens.LifetimeOf(purpose));

    private string Link(string page, string token) => options.Value.PageUrl($"/{page}?token={Uri.EscapeDataString(token)}");
}
