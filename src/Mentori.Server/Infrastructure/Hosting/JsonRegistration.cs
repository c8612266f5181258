using System.Text.Json;
using System.Text.Json.Serialization;

namespace Mentori.Server.Infrastructure.Hosting;

public static class JsonRegistration
{
    /// <summary>camelCase bodies and lower-case enum words (<c>mentor</c>, <c>pending</c>), as api.md's conventions say.</summary>
    public static IServiceCollection AddMentoriJson(this IServiceCollection services) =>
        services.ConfigureHttpJsonOptions(options =>
            options.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false)));
}
