using System.Text.Json;
using System.Text.Json.Serialization;
using Mentori.Server.Infrastructure.Validation;

namespace Mentori.Server.Infrastructure.Hosting;

public static class JsonRegistration
{
    /// <summary>
    /// camelCase bodies, lower-case enum words (<c>mentor</c>, <c>pending</c>) and times with their offset, as
    /// api.md's conventions say.
    /// </summary>
    public static IServiceCollection AddMentoriJson(this IServiceCollection services) =>
        services.ConfigureHttpJsonOptions(options =>
        {
            options.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
            options.SerializerOptions.Converters.Add(new UtcTimestamp.JsonConverter());
        });
}
