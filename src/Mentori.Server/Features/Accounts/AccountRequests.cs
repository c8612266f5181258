namespace Mentori.Server.Features.Accounts;

// Every field is nullable so that a missing one is a field error (400 with errors), not a body that fails to bind.

public sealed record RegisterRequest(string? Email, string? Password, string? Role, string? FirstName, string? LastName);

public sealed record LoginRequest(string? Email, string? Password);

public sealed record RefreshRequest(string? RefreshToken);

public sealed record EmailTokenRequest(string? Token);

public sealed record ForgotPasswordRequest(string? Email);

public sealed record ResetPasswordRequest(string? Token, string? NewPassword);

public sealed record ChangePasswordRequest(string? CurrentPassword, string? NewPassword);

public sealed record DeleteAccountRequest(string? Password);
