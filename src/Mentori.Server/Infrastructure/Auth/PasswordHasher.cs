using Microsoft.Extensions.Options;

namespace Mentori.Server.Infrastructure.Auth;

/// <summary>bcrypt with the configured work factor.</summary>
public sealed class PasswordHasher(IOptions<AuthOptions> options)
{
    public string Hash(string password) =>
        BCrypt.Net.BCrypt.HashPassword(password, options.Value.BcryptWorkFactor);

    public bool Verify(string password, string hash) => BCrypt.Net.BCrypt.Verify(password, hash);
}
