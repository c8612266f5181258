using System.Security.Cryptography;
using Mentori.Server.Infrastructure.Configuration;
using Microsoft.Extensions.Options;

namespace Mentori.Server.Infrastructure.Auth;

/// <summary>
/// In Development a missing signing key is made once and kept under <c>data/</c>, so tokens survive a restart
/// without anyone configuring a secret. Elsewhere the key must be configured.
/// </summary>
public sealed class DevelopmentSigningKey(IHostEnvironment environment) : IPostConfigureOptions<JwtOptions>
{
    public void PostConfigure(string? name, JwtOptions options)
    {
        if (!environment.IsDevelopment() || !string.IsNullOrEmpty(options.SigningKey))
        {
            return;
        }

        var file = Path.Combine(ContentPaths.DataDirectory(environment), "jwt-signing-key");
        if (!File.Exists(file))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            File.WriteAllText(file, Convert.ToBase64String(RandomNumberGenerator.GetBytes(64)));
        }

        options.SigningKey = File.ReadAllText(file).Trim();
    }
}
