namespace Mentori.Server.Infrastructure.Hosting;

public static class RequestLimits
{
    /// <summary>
    /// JSON bodies are small; a megabyte is far more than any of them needs. Endpoints that take files raise
    /// their own limit. A larger body is refused with 413 before it is read.
    /// </summary>
    public const long MaxJsonBodyBytes = 1024 * 1024;

    public static IWebHostBuilder LimitRequestBodies(this IWebHostBuilder webHost) =>
        webHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = MaxJsonBodyBytes);
}
