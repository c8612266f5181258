using System.Text.Json;
using System.Text.Json.Serialization;
using Mentori.Server.Infrastructure.Validation;

namespace Mentori.Server.Infrastructure.Hosting;

public static class JsonRegistration
{
    /// <summary>
    /// camelCase bodies, lower-case enum words (<c>mentor</c>, <c>pending</c>) and times with their offset, as
    /// api.md's conventions say, in HTTP bodies and in the chat hub's pushes alike. Numbers are JSON numbers: the web
    /// default would also read <c>"60"</c>, and the OpenAPI document would then type every number as <c>integer | string</c>.
    /// </summary>
    public static IServiceCollection AddMentoriJson(this IServiceCollection services) =>
        services.ConfigureHttpJsonOptions(options => Apply(options.SerializerOptions));

    /// <summary>Mentori's conventions on top of a serializer's camelCase defaults (HTTP, the hub, the web UI's hub client).</summary>
    public static void Apply(JsonSerializerOptions options)
    {
        options.NumberHandling = JsonNumberHandling.Strict;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        options.Converters.Add(new UtcTimestamp.JsonConverter());
    }
}
