namespace Mentori.Data.Entities;

/// <summary>Stored as <c>verify_email</c> / <c>reset_password</c> in <c>email_tokens.purpose</c>.</summary>
public enum EmailTokenPurpose
{
    VerifyEmail,
    ResetPassword,
}
