namespace Mentori.Server.Infrastructure.Configuration;

public static class SecretFiles
{
    /// <summary>Where container platforms (Docker and Compose secrets, Kubernetes volumes) put secrets, one file each.</summary>
    public const string DefaultFolder = "/run/secrets";

    /// <summary>
    /// Each file of the folder <c>Secrets:Folder</c> (<see cref="DefaultFolder"/>), when it exists, is a setting named
    /// like an environment variable (<c>Auth__Jwt__SigningKey</c>, <c>ConnectionStrings__Mentori</c>) whose value is the
    /// file's content, so secrets need not sit in the environment, where every process of the container and
    /// <c>docker inspect</c> can read them. They override the environment.
    /// </summary>
    public static ConfigurationManager AddSecretFiles(this ConfigurationManager configuration)
    {
        var folder = configuration["Secrets:Folder"] is { Length: > 0 } configured ? configured : DefaultFolder;
        configuration.AddKeyPerFile(Path.GetFullPath(folder), optional: true, reloadOnChange: false);
        return configuration;
    }
}
