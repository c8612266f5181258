using System.Text.Json;
using System.Text.Json.Nodes;

namespace Mentori.Server.Components.Pages.Admin;

/// <summary>
/// What an entry of the audit log changed, field by field, read from its before and after JSON: only the fields whose
/// value differs, as people call them. An entry whose JSON cannot be read is shown as it is stored.
/// </summary>
public static class AuditChanges
{
    private static readonly Dictionary<string, string> FieldNames = new(StringComparer.Ordinal)
    {
        ["isActive"] = "active",
        ["isVerified"] = "email confirmed",
        ["role"] = "role",
        ["status"] = "status",
    };

    private static readonly Dictionary<string, string> ActionNames = new(StringComparer.Ordinal)
    {
        ["user.update"] = "Changed an account",
        ["email.retry"] = "Sent a failed email again",
    };

    public sealed record Change(string Field, string Before, string After);

    public static string ActionName(string action) => ActionNames.GetValueOrDefault(action, action);

    /// <summary>The changed fields, or null when before or after is not a JSON object (then show them raw).</summary>
    public static List<Change>? Of(string? before, string? after)
    {
        if (Parse(before) is not { } old || Parse(after) is not { } now)
        {
            return null;
        }

        return [.. now.Select(field => field.Key).Union(old.Select(field => field.Key))
            .Where(FieldNames.ContainsKey)
            .Select(key => new Change(FieldNames[key], Word(old[key]), Word(now[key])))
            .Where(change => change.Before != change.After)];
    }

    private static JsonObject? Parse(string? json)
    {
        try
        {
            return json is null ? null : JsonNode.Parse(json) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Word(JsonNode? value) => value switch
    {
        null => "none",
        JsonValue v when v.TryGetValue<bool>(out var flag) => flag ? "yes" : "no",
        JsonValue v when v.TryGetValue<string>(out var text) => text,
        _ => value.ToJsonString(),
    };
}
