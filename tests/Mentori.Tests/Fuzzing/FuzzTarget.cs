using System.Text.Json;

namespace Mentori.Tests.Fuzzing;

/// <summary>One operation of the OpenAPI description, with what a client can put into it.</summary>
public sealed record FuzzTarget(string Method, string Path, IReadOnlyList<FuzzParameter> Parameters, JsonElement? JsonBody, bool MultipartBody,
    IReadOnlySet<int> Declared)
{
    public string Name => $"{Method} {Path}";

    /// <summary>
    /// Whether the document tells a client of this answer. A path whose id is no UUID matches no route (404), or after
    /// its dot segments are resolved another route (405): answers of the routing, which no operation can declare.
    /// </summary>
    public bool Declares(int status) => Declared.Contains(status) || (status is 404 or 405 && Parameters.Any(p => p.In == "path"));

    /// <summary>Whether anything of the request is the client's to choose: a parameter or a body.</summary>
    public bool HasInput => Parameters.Count > 0 || JsonBody is not null || MultipartBody;

    /// <summary>Every operation of the document, its schemas' references resolved.</summary>
    public static IReadOnlyList<FuzzTarget> AllOf(JsonDocument openApi)
    {
        var root = openApi.RootElement;
        var schemas = root.GetProperty("components").GetProperty("schemas");
        var targets = new List<FuzzTarget>();
        foreach (var path in root.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                var parameters = operation.Value.TryGetProperty("parameters", out var list)
                    ? list.EnumerateArray().Select(p => new FuzzParameter(p.GetProperty("name").GetString()!, p.GetProperty("in").GetString()!,
                        Resolve(schemas, p.GetProperty("schema")))).ToList()
                    : [];
                JsonElement? json = null;
                var multipart = false;
                if (operation.Value.TryGetProperty("requestBody", out var body))
                {
                    var content = body.GetProperty("content");
                    if (content.TryGetProperty("application/json", out var media))
                    {
                        json = media.TryGetProperty("schema", out var schema) ? Resolve(schemas, schema) : default(JsonElement);
                    }

                    multipart = content.TryGetProperty("multipart/form-data", out _);
                }

                var declared = operation.Value.GetProperty("responses").EnumerateObject()
                    .Select(r => int.Parse(r.Name, System.Globalization.CultureInfo.InvariantCulture)).ToHashSet();
                targets.Add(new FuzzTarget(operation.Name.ToUpperInvariant(), path.Name, parameters, json, multipart, declared));
            }
        }

        return targets;
    }

    /// <summary>The schema itself for a <c>$ref</c>; nested references are resolved as they are reached.</summary>
    public static JsonElement Resolve(JsonElement schemas, JsonElement schema) =>
        schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("$ref", out var reference)
            ? schemas.GetProperty(reference.GetString()!.Split('/')[^1])
            : schema;
}

/// <summary>A path or query parameter.</summary>
public sealed record FuzzParameter(string Name, string In, JsonElement Schema);
