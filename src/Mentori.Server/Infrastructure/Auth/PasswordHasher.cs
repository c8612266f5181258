using Microsoft.Extensions.Options;

namespace Mentori.Server.Infrastructure.Auth;

/// <summary>bcrypt with the configured work factor.</summary>
public sealed class PasswordHasher(IOptions<AuthOptions> options)
{
    public string Hash(string password) =>
        BCrypt.Net.BCrypt.HashPassword(password, options.Value.BcryptWorkFactor);

    public bool Verify(string password, string hash) => BCrypt.Net.BCrypt.Verify(password, hash);

    /// <summary>
    /// Spends the time of a real check and fails: signing in with an unknown email must take as long as with
    /// a wrong password, or the answer's timing tells which emails have accounts.
    /// </summary>
    public bool VerifyAgainstNothing(string password)
    {
        Verify(password, _unmatchable.Value);
        return false;
    }

    private readonly Lazy<string> _unmatchable = new(() =>
        BCrypt.Net.BCrypt.HashPassword(Guid.NewGuid().ToString(), options.Value.BcryptWorkFactor));
}
