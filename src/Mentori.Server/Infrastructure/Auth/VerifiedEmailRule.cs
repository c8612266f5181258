using Mentori.Server.Infrastructure.Problems;
using Microsoft.Extensions.Options;

namespace Mentori.Server.Infrastructure.Auth;

/// <summary>
/// api.md: requesting, accepting, messaging and rating need a verified email (403 <c>email-not-verified</c>),
/// unless <c>Auth:RequireVerifiedEmail</c> is false. Read through the same short-lived cache as every request's
/// status check; verifying forgets the entry at once on the instance that verifies.
/// </summary>
public sealed class VerifiedEmailRule(UserStatusCache statuses, IOptions<AuthOptions> options)
{
    public async Task EnsureAsync(Guid userId, CancellationToken cancellationToken)
    {
        if (!options.Value.RequireVerifiedEmail)
        {
            return;
        }

        if (await statuses.GetAsync(userId, cancellationToken) is not { IsVerified: true })
        {
            throw ProblemException.Forbidden(ProblemTypes.EmailNotVerified, "Verify your email address first",
                "Confirm your email with the link Mentori sent you (POST /api/v1/auth/resend-verification sends a new one).");
        }
    }
}
