using Mentori.Data;
using Microsoft.AspNetCore.DataProtection;

namespace Mentori.Server.Infrastructure.Hosting;

public static class DataProtectionRegistration
{
    /// <summary>
    /// The keys that sign the sign-in cookie and the antiforgery tokens live in the database, under one application
    /// name: every instance reads the same key ring, whatever folder it runs from, and a restart (or a container with a
    /// read-only file system) signs nobody out. The default, a folder of the user's profile, is neither shared nor kept.
    /// </summary>
    public static IServiceCollection AddMentoriDataProtection(this IServiceCollection services)
    {
        services.AddDataProtection().SetApplicationName("Mentori").PersistKeysToDbContext<MentoriDb>();
        return services;
    }
}
