using System.Text.Json;
using System.Text.Json.Serialization;
using Mentori.Server.Infrastructure.Validation;

namespace Mentori.Server.Infrastructure.Hosting;

public static class JsonRegistration
{
    /// <summary>
    /// camelCase bodies, lower-case enum words (<c>mentor</c>, <c>pending</c>) and times with their offset, as
    /// api.md's conventions say. Numbers are JSON numbers: the web default would also read <c>"60"</c>, and the
    /// OpenAPI document would then type every number as <c>integer | string</c>.
    /// </summary>
    public static IServiceCollection AddMentoriJson(this IServiceCollection services) =>
        services.ConfigureHttpJsonOptions(options =>
        {
            options.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
            options.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
            options.SerializerOptions.Converters.Add(new UtcTimestamp.JsonConverter());
        });
}
