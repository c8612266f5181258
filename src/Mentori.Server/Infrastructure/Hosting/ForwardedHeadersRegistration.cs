using System.ComponentModel.DataAnnotations;
using System.Net;
using IPNetwork = System.Net.IPNetwork;
using Mentori.Server.Infrastructure.Email;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace Mentori.Server.Infrastructure.Hosting;

/// <summary>
/// The <c>ForwardedHeaders</c> section: the reverse proxies whose <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c>
/// are believed. A header from any other address is ignored, so no client can pick the address that per-IP limits see.
/// </summary>
public sealed class ForwardedHeadersSettings : IValidatableObject
{
    public const string Section = "ForwardedHeaders";

    /// <summary>Addresses of the proxies, such as <c>10.0.0.5</c>.</summary>
    public string[] KnownProxies { get; set; } = [];

    /// <summary>Networks the proxies are in, in CIDR notation, such as <c>10.0.0.0/24</c>.</summary>
    public string[] KnownNetworks { get; set; } = [];

    /// <summary>ASP.NET Core's own switch (<c>ASPNETCORE_FORWARDEDHEADERS_ENABLED</c>), which believes every sender.</summary>
    public bool TrustsEveryone { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (TrustsEveryone)
        {
            yield return new ValidationResult(
                "ASPNETCORE_FORWARDEDHEADERS_ENABLED believes forwarded headers from anyone; remove it and set " +
                "ForwardedHeaders:KnownProxies or ForwardedHeaders:KnownNetworks to the reverse proxy's address.");
        }

        foreach (var proxy in KnownProxies.Where(p => !IPAddress.TryParse(p, out _)))
        {
            yield return new ValidationResult($"ForwardedHeaders:KnownProxies: \"{proxy}\" is not an IP address.");
        }

        foreach (var network in KnownNetworks.Where(n => !IPNetwork.TryParse(n, out _)))
        {
            yield return new ValidationResult($"ForwardedHeaders:KnownNetworks: \"{network}\" is not a network such as 10.0.0.0/24.");
        }
    }
}

public static class ForwardedHeadersRegistration
{
    public static IServiceCollection AddMentoriForwardedHeaders(this IServiceCollection services)
    {
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ForwardedHeadersSettings>>((options, settings) =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var proxy in settings.Value.KnownProxies)
            {
                options.KnownProxies.Add(IPAddress.Parse(proxy));
            }

            foreach (var network in settings.Value.KnownNetworks)
            {
                options.KnownIPNetworks.Add(IPNetwork.Parse(network));
            }
        });
        return services;
    }

    /// <summary>
    /// First in the pipeline, so that everything after it sees the client's address and scheme. When the public URL
    /// is https, people reach Mentori over TLS whatever the last hop is (a TLS proxy in front speaks http to it), so
    /// every request is treated as https: cookies are marked Secure and the antiforgery check accepts them.
    /// </summary>
    public static WebApplication UseMentoriForwardedHeaders(this WebApplication app)
    {
        var settings = app.Services.GetRequiredService<IOptions<ForwardedHeadersSettings>>().Value;
        if (settings.KnownProxies.Length > 0 || settings.KnownNetworks.Length > 0)
        {
            app.UseForwardedHeaders();
        }

        if (app.Services.GetRequiredService<IOptions<EmailOptions>>().Value.PublicUrl.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            app.Use((context, next) =>
            {
                context.Request.Scheme = Uri.UriSchemeHttps;
                return next(context);
            });
        }

        return app;
    }
}
