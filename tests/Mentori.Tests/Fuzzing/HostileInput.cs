using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Mentori.Tests.Fuzzing;

/// <summary>
/// Generates what a careless or hostile client sends, guided by the OpenAPI schema: often a well-typed value, so that
/// a request reaches the rules behind the binding, and otherwise the wrong type, a huge or negative number, odd
/// Unicode, a lone surrogate, a NUL, a missing or extra field, an invalid id or date, or JSON nested deep. Values are
/// written as raw JSON text, since a lone surrogate cannot pass through a .NET string serializer unchanged.
/// </summary>
public sealed class HostileInput(Random random, JsonElement schemas, Func<Guid> knownId)
{
    /// <summary>How likely a value of the request being made is hostile: none in some requests, many in others.</summary>
    private double _hostility;

    private static readonly string[] HostileJson =
    [
        "null", "true", "false", "0", "-1", "-0", "1.5", "1e309", "-1e309", "99999999999999999999999", "2147483648", "-2147483649",
        "9223372036854775808", "\"\"", "\" \"", "\"\\u0000\"", "\"a\\u0000b\"", "\"\\ud800\"", "\"\\udfff\\ud800\"", "\"x\\ud83d\"",
        "\"\\u202eevil\"", "\"\\u200b\"", "\"\\ufeff\"", "\"\\uffff\"", "\"𝔘𝔫𝔦𝔠𝔬𝔡𝔢 👩🏽‍💻\"", "\"e\\u0301\\u0301\\u0301\"", "\"<script>alert(1)</script>\"",
        "\"'; DROP TABLE users; --\"", "\"\\r\\nBcc: victim@example.com\"", "\"NaN\"", "\"Infinity\"", "\"12\"", "\"true\"",
        "\"2026-02-30T10:00:00Z\"", "\"0001-01-01T00:00:00Z\"", "\"9999-12-31T23:59:59.9999999Z\"", "\"2030-01-01T10:00:00+14:00\"",
        "\"2030-01-01T10:00:00\"", "\"2030-01-01\"", "\"not-a-uuid\"", "\"00000000-0000-0000-0000-000000000000\"",
        "\"ffffffff-ffff-ffff-ffff-ffffffffffff\"", "\"../../etc/passwd\"", "\"%00\"", "\"${jndi:ldap://x}\"", "\"{{7*7}}\"",
        "[]", "[null]", "[1,2,3]", "[\"a\",{}]", "{}", "{\"$ref\":\"#\"}", "{\"__proto__\":{\"admin\":true}}",
    ];

    private static readonly string[] HostileBodies =
    [
        "", " ", "null", "[]", "{", "}", "{\"a\":}", "{\"a\" 1}", "\"text\"", "123", "{}{}", "{\"id\":1,\"id\":2}", "\u00ef\u00bb\u00bf{}",
    ];

    private static readonly string[] QueryValues =
    [
        "", "-1", "0", "1", "2147483648", "-2147483649", "1e5", "1.5", "abc", "true", "null", "%00", "%ZZ", "%", "%C3%28",
        "%ED%A0%80", "%F0%9F%98%80", "%E2%80%AE", "..%2F..%2F", "'", "%22", "%3Cx%3E", "2026-02-30T10:00:00Z", "0001-01-01T00:00:00Z",
        "9999-12-31T23:59:59Z", "2030-01-01T10:00:00%2B14:00", "not-a-uuid", "00000000-0000-0000-0000-000000000000",
    ];

    private static readonly string[] Texts =
    [
        "Hello", "Career change", "Anna-Lena", "Zoë", "O'Brien", "日本語", "https://meet.example/x", "UTC", "Europe/Berlin", "Go", "mentee", "mentor",
        "admin", "pending", "accepted", "completed", "rating", "responsive", "newest", "monday", "beginner", "queued", "failed",
    ];

    /// <summary>Good values by field name, as a fuzzer's dictionary: without them few requests would get past the checks.</summary>
    private static readonly Dictionary<string, string[]> Words = new(StringComparer.OrdinalIgnoreCase)
    {
        ["sort"] = ["relevance", "rating", "responsive", "experience", "rate", "newest"],
        ["day"] = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"],
        ["status"] = ["pending", "accepted", "declined", "completed", "cancelled", "queued", "sent", "failed"],
        ["role"] = ["mentee", "mentor", "admin"],
        ["experienceLevel"] = ["beginner", "intermediate", "advanced"],
        ["timezone"] = ["UTC", "Europe/Berlin", "America/New_York", "Asia/Tokyo"],
        ["expertise"] = ["Go", "C#", "Leadership", "Career change"],
        ["interests"] = ["Go", "Leadership"],
        ["meetingLink"] = ["https://meet.example/x", "http://meet.example/y"],
        // Strong, but never the senders' own password: a request that deleted its sender would end the run's depth.
        ["password"] = ["Tr0ub4dor&3-horse", "Corr3ct-horse-battery"],
        ["currentPassword"] = ["Tr0ub4dor&3-horse"],
        ["newPassword"] = ["Corr3ct-horse-battery-staple"],
        ["phone"] = ["+49 30 1234567"],
        ["availability"] = ["09:00-17:00", "00:00-24:00", "18:00-09:00", "9-5", "25:00-26:00"],
    };

    private static readonly Dictionary<string, (int From, int To)> Ranges = new(StringComparer.OrdinalIgnoreCase)
    {
        ["limit"] = (1, 100), ["duration"] = (30, 180), ["rating"] = (1, 5), ["minYears"] = (0, 30), ["yearsExperience"] = (0, 40),
        ["maxRate"] = (0, 300), ["hourlyRate"] = (0, 300),
    };

    // No %00: the in-memory test server refuses to decode it before Mentori sees it (Kestrel answers it 400).
    private static readonly string[] PathValues = ["abc", "0", "-1", "%2e%2e", "00000000-0000-0000-0000-00000000000g", "{id}", "%F0%9F%98%80", "%ED%A0%80"];

    /// <summary>Starts a request: four in ten are well typed throughout, the rest have a hostile value here and there, or many.</summary>
    public void NextRequest() => _hostility = random.Next(10) switch { < 4 => 0, < 8 => 0.1, _ => 0.4 };

    /// <summary>Whether the request being made may be hostile as a whole too: no body, the wrong media type, bytes that are no UTF-8.</summary>
    public bool MayBreak(int oneIn) => _hostility > 0 && random.Next(oneIn) == 0;

    /// <summary>A body for the schema: mostly an object of its fields, sometimes no JSON at all, or nested thousands deep.</summary>
    public string Body(JsonElement schema) => _hostility == 0 || random.Next(10) != 0
        ? Value(schema, depth: 0)
        : random.Next(3) switch
        {
            0 => Pick(HostileBodies),
            1 => Deep(random.Next(2) == 0 ? 64 : 5000),
            _ => new string('[', 100_000),
        };

    /// <summary>A value for the schema as JSON text, or as often as the request's hostility says a hostile one of any type.</summary>
    public string Value(JsonElement schema, int depth, string name = "")
    {
        schema = FuzzTarget.Resolve(schemas, schema);
        if (random.NextDouble() < _hostility || depth > 6)
        {
            return Hostile();
        }

        if (schema.ValueKind != JsonValueKind.Object)
        {
            return Hostile();
        }

        foreach (var choice in new[] { "anyOf", "oneOf", "allOf" })
        {
            if (schema.TryGetProperty(choice, out var options))
            {
                var usable = options.EnumerateArray().Where(o => TypeOf(FuzzTarget.Resolve(schemas, o)) != "null").ToList();
                return usable.Count == 0 ? "null" : Value(usable[random.Next(usable.Count)], depth + 1, name);
            }
        }

        if (schema.TryGetProperty("enum", out var values))
        {
            return values.EnumerateArray().ElementAt(random.Next(values.GetArrayLength())).GetRawText();
        }

        return TypeOf(schema) switch
        {
            "string" => Quoted(String(schema, name)),
            "integer" => Integer(name),
            "number" => random.Next(3) == 0 ? Integer(name) : (random.NextDouble() * 300).ToString("F2", CultureInfo.InvariantCulture),
            "boolean" => random.Next(2) == 0 ? "true" : "false",
            "array" => Array(schema, depth, name),
            "object" or null => Object(schema, depth),
            _ => "null",
        };
    }

    /// <summary>A query string for the parameters: some left out, some repeated, some unknown.</summary>
    public string Query(IEnumerable<FuzzParameter> parameters)
    {
        var parts = new List<string>();
        foreach (var parameter in parameters.Where(p => p.In == "query" && (_hostility > 0 || p.Name != "cursor"))) // no cursor can be made up
        {
            var times = random.Next(10) switch { < 4 => 0, 9 when _hostility > 0 => 2 + random.Next(3), _ => 1 };
            for (var i = 0; i < times; i++)
            {
                parts.Add($"{parameter.Name}={QueryValue(parameter.Schema, parameter.Name)}");
            }
        }

        if (_hostility > 0 && random.Next(4) == 0)
        {
            parts.Add($"{Pick(["unknown", "LIMIT", "limit[]", "%00", ""])}={Pick(QueryValues)}");
        }

        return parts.Count == 0 ? "" : "?" + string.Join('&', parts.OrderBy(_ => random.Next()));
    }

    /// <summary>A path segment for an id: mostly a known or random UUID, sometimes no UUID at all.</summary>
    public string PathValue() => (_hostility == 0 ? random.Next(8) : random.Next(10)) switch
    {
        < 6 => knownId().ToString(),
        < 8 => Guid.NewGuid().ToString(),
        8 => Uri.EscapeDataString(Pick(["ä", "a b", "x".PadRight(2000, 'x')])),
        _ => Pick(PathValues),
    };

    /// <summary>The bytes of an upload: an image's first bytes or not, of any length up to past the limit.</summary>
    public byte[] Upload()
    {
        var length = random.Next(10) == 0 ? 2 * 1024 * 1024 + random.Next(100_000) : random.Next(0, 5000);
        var bytes = new byte[length];
        random.NextBytes(bytes);
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
        if (random.Next(2) == 0 && length >= png.Length)
        {
            png.CopyTo(bytes, 0);
        }

        return bytes;
    }

    public string FileName() => random.Next(3) switch
    {
        0 => "photo.png",
        1 => Pick(["../../x.png", "a%00.png", "photo.svg", ".png", new string('a', 300) + ".png", "ф.jpg"]),
        _ => Guid.NewGuid().ToString("N") + Pick([".png", ".jpg", ".webp", ".exe", ""]),
    };

    public T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];

    private string Hostile() => random.Next(12) switch
    {
        0 => Quoted(new string('a', random.Next(2) == 0 ? 5001 : 100_000)),
        1 => Deep(random.Next(2) == 0 ? 40 : 2000),
        _ => Pick(HostileJson),
    };

    private string String(JsonElement schema, string name)
    {
        if (Words.TryGetValue(name, out var words) && random.Next(5) != 0)
        {
            return Pick(words);
        }

        if (name.Equals("email", StringComparison.OrdinalIgnoreCase) && random.Next(5) != 0)
        {
            return $"fuzz-{random.Next(1000)}@example.com";
        }

        var format = schema.TryGetProperty("format", out var f) ? f.GetString() : null;
        return format switch
        {
            "uuid" => random.Next(5) switch { 0 => Guid.NewGuid().ToString(), 1 => Guid.CreateVersion7().ToString(), _ => knownId().ToString() },
            "date-time" => DateTime.UtcNow.Date.AddDays(random.Next(-400, 400)).AddMinutes(random.Next(0, 1440) / 30 * 30)
                .AddSeconds(random.Next(8) == 0 ? random.Next(60) : 0).ToString("O", CultureInfo.InvariantCulture),
            "email" => $"fuzz-{random.Next(1000)}@example.com",
            _ => random.Next(6) switch
            {
                0 => $"fuzz-{random.Next(1000)}@example.com",
                1 => "Tr0ub4dor&3-" + random.Next(100),
                2 => Pick(["09:00-17:00", "00:00-24:00", "18:00-09:00", "9-5", "25:00-26:00"]),
                _ => Pick(Texts),
            },
        };
    }

    private string Integer(string name) => random.Next(6) switch
    {
        0 => Pick(["0", "-1", "2147483647", "-2147483648", "9223372036854775807", "30", "60", "90", "180", "181", "29"]),
        _ when Ranges.TryGetValue(name, out var range) => random.Next(range.From, range.To + 1).ToString(CultureInfo.InvariantCulture),
        _ => random.Next(0, 100).ToString(CultureInfo.InvariantCulture),
    };

    private string Array(JsonElement schema, int depth, string name)
    {
        var items = schema.TryGetProperty("items", out var itemSchema) ? itemSchema : default;
        var count = random.NextDouble() < _hostility ? 1000 : random.Next(0, 5);
        return "[" + string.Join(',', Enumerable.Range(0, count).Select(_ => Value(items, depth + 1, name))) + "]";
    }

    private string Object(JsonElement schema, int depth)
    {
        var fields = new List<string>();
        if (schema.TryGetProperty("properties", out var properties))
        {
            foreach (var property in properties.EnumerateObject().Where(_ => random.Next(6) != 0)) // now and then a field is missing
            {
                fields.Add($"{Quoted(property.Name)}:{Value(property.Value, depth + 1, property.Name)}");
            }
        }

        if (schema.TryGetProperty("additionalProperties", out var additional) && additional.ValueKind == JsonValueKind.Object)
        {
            var keys = new[] { "monday", "tuesday", "sunday", "Monday", "funday", "" };
            foreach (var key in keys.Where(_ => random.Next(3) == 0))
            {
                fields.Add($"{Quoted(key)}:{Value(additional, depth + 1, "availability")}");
            }
        }

        if (random.NextDouble() < _hostility)
        {
            fields.Add($"{Quoted(Pick(["extra", "isAdmin", "role", "id", "__proto__"]))}:{Hostile()}"); // a field the schema does not have
        }

        return "{" + string.Join(',', fields.OrderBy(_ => random.Next())) + "}";
    }

    private string QueryValue(JsonElement schema, string name)
    {
        if (random.NextDouble() < _hostility)
        {
            return Pick(QueryValues);
        }

        var value = Value(schema, depth: 5, name); // a scalar, as a query holds
        return Uri.EscapeDataString(value.StartsWith('"') && value.EndsWith('"') && value.Length >= 2 ? value[1..^1] : value);
    }

    /// <summary>Objects in arrays, <paramref name="levels"/> deep.</summary>
    private static string Deep(int levels)
    {
        var text = new StringBuilder();
        for (var i = 0; i < levels; i++)
        {
            text.Append("{\"a\":[");
        }

        text.Append('1');
        for (var i = 0; i < levels; i++)
        {
            text.Append("]}");
        }

        return text.ToString();
    }

    private static string? TypeOf(JsonElement schema)
    {
        if (!schema.TryGetProperty("type", out var type))
        {
            return null;
        }

        return type.ValueKind == JsonValueKind.Array
            ? type.EnumerateArray().Select(t => t.GetString()).FirstOrDefault(t => t != "null") ?? "null"
            : type.GetString();
    }

    /// <summary>A string as JSON text; the escapes in it stay as written.</summary>
    private static string Quoted(string text) => JsonSerializer.Serialize(text);
}
