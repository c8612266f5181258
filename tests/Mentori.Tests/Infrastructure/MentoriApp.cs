using Mentori.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Mentori.Tests.Infrastructure;

/// <summary>
/// The real host, its whole pipeline and its own startup (migrations included), on a test database. The
/// environment is "Testing" unless a test asks for another, so no sample data is added.
/// </summary>
public sealed class MentoriApp(TestDatabase database, string environment = "Testing") : WebApplicationFactory<Program>
{
    public const string SigningKey = "test-signing-key-that-is-long-enough-for-hs256";

    private readonly DirectoryInfo _dataFolder = Directory.CreateTempSubdirectory("mentori-app-");
    private readonly List<Action<IServiceCollection>> _services = [];
    private bool _staticWebAssets;
    private readonly Dictionary<string, string?> _settings = new()
    {
        ["Database:Provider"] = database.Provider == DatabaseProvider.Postgres ? "postgres" : "sqlite",
        ["ConnectionStrings:Mentori"] = database.ConnectionString,
        ["Auth:Jwt:SigningKey"] = SigningKey,
        ["Auth:BcryptWorkFactor"] = "10",
        ["RateLimiting:Enabled"] = "false",
        ["Backups:Enabled"] = "false",
        // The in-memory test server has no request size limit to apply; a warning of it on every request is noise.
        ["Logging:LogLevel:Microsoft.AspNetCore.Routing.EndpointRoutingMiddleware"] = "Error",
    };

    public TestDatabase Database { get; } = database;

    /// <summary>Where the app keeps uploaded profile photos.</summary>
    public string ProfileImageFolder => Path.Combine(_dataFolder.FullName, "profile-images");

    /// <summary>Where the app writes its backups.</summary>
    public string BackupFolder => Path.Combine(_dataFolder.FullName, "backups");

    /// <summary>Where the app writes its emails (no SMTP host is configured in tests).</summary>
    public string OutboxFolder => Path.Combine(_dataFolder.FullName, "outbox");

    public MentoriApp WithSetting(string key, string? value)
    {
        _settings[key] = value;
        return this;
    }

    /// <summary>The app's clock; the JWT library checks lifetimes against the real clock, so start it near now.</summary>
    public MentoriApp WithClock(TimeProvider clock) => WithServices(services => services.AddSingleton(clock));

    /// <summary>
    /// Serves the web UI's framework files (blazor.web.js) from the build's static web assets, as the host does on
    /// its own only in Development; with them comes Development's fallback route for files added after the build.
    /// </summary>
    public MentoriApp WithStaticWebAssets()
    {
        _staticWebAssets = true;
        return this;
    }

    public MentoriApp WithServices(Action<IServiceCollection> configure)
    {
        _services.Add(configure);
        return this;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(environment);
        if (_staticWebAssets)
        {
            builder.UseStaticWebAssets();
        }
        builder.UseSetting("Email:PickupDirectory", OutboxFolder);
        builder.UseSetting("ProfileImages:Directory", ProfileImageFolder);
        builder.UseSetting("Backups:Directory", BackupFolder);
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureServices(services => _services.ForEach(configure => configure(services)));
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        _dataFolder.Delete(recursive: true);
    }
}
