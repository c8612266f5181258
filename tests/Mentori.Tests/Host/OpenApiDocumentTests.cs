using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Mentori.Tests.Host;

/// <summary>
/// The served <c>/openapi/v1.json</c> says what Mentori accepts as truly as what it answers: a client generated from
/// it sends what api.md asks for and nothing more. The document does not depend on the database, so SQLite serves it.
/// </summary>
public sealed class OpenApiDocumentTests(SqliteFiles server) : DatabaseTest(server)
{
    /// <summary>
    /// Each request body and the fields whose absence api.md answers with 400; every other field may be left out.
    /// A new request type fails the test until it is listed here.
    /// </summary>
    private static readonly Dictionary<string, string[]> RequiredFields = new()
    {
        ["RegisterRequest"] = ["email", "password", "role", "firstName", "lastName"],
        ["LoginRequest"] = ["email", "password"],
        ["RefreshRequest"] = ["refreshToken"],
        ["EmailTokenRequest"] = ["token"],
        ["ForgotPasswordRequest"] = ["email"],
        ["ResetPasswordRequest"] = ["token", "newPassword"],
        ["ChangePasswordRequest"] = ["currentPassword", "newPassword"],
        ["DeleteAccountRequest"] = ["password"],
        ["UpdateProfileRequest"] = ["firstName", "lastName"],
        ["RequestSessionRequest"] = ["mentorId", "scheduledAt"],
        ["AcceptSessionRequest"] = [],
        ["SessionReasonRequest"] = [],
        ["CompleteSessionRequest"] = [],
        ["SessionNotesRequest"] = [],
        ["RateSessionRequest"] = ["rating"],
        ["SendMessageRequest"] = ["receiverId", "content"],
        ["UpdateUserRequest"] = [],
        ["NotificationSettings"] = ["reminders", "unreadMessages"],
    };

    private MentoriApp _app = null!;
    private JsonDocument _document = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        _app = new MentoriApp(Database);
        _document = JsonDocument.Parse(await _app.CreateClient().GetStringAsync("/openapi/v1.json"));
    }

    public override async ValueTask DisposeAsync()
    {
        _document.Dispose();
        await _app.DisposeAsync();
        await base.DisposeAsync();
    }

    private JsonElement Paths => _document.RootElement.GetProperty("paths");

    private IEnumerable<(string Name, JsonElement Operation)> Operations =>
        Paths.EnumerateObject().SelectMany(path => path.Value.EnumerateObject().Select(op => ($"{op.Name.ToUpperInvariant()} {path.Name}", op.Value)));

    [Fact]
    public void It_is_an_openapi_3_document_named_mentori()
    {
        Assert.StartsWith("3.", _document.RootElement.GetProperty("openapi").GetString());
        Assert.Equal("Mentori API", _document.RootElement.GetProperty("info").GetProperty("title").GetString());
    }

    [Fact]
    public void Every_operation_has_its_own_operation_id()
    {
        var operations = Operations.ToList();
        Assert.NotEmpty(operations);
        var missing = operations.Where(o => !o.Operation.TryGetProperty("operationId", out _)).Select(o => o.Name).ToList();
        Assert.True(missing.Count == 0, "No operationId: " + string.Join(", ", missing));
        var ids = operations.Select(o => o.Operation.GetProperty("operationId").GetString()).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public void Numbers_are_typed_as_numbers_and_never_also_as_strings()
    {
        var mixed = new List<string>();
        Walk(_document.RootElement, "", mixed);

        Assert.True(mixed.Count == 0, "Typed both as a number and as a string: " + string.Join(", ", mixed));

        static void Walk(JsonElement element, string path, List<string> mixed)
        {
            if (element.ValueKind == JsonValueKind.Object)
            {
                if (element.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.Array)
                {
                    var types = type.EnumerateArray().Select(t => t.GetString()).ToList();
                    if (types.Contains("string") && (types.Contains("integer") || types.Contains("number")))
                    {
                        mixed.Add(path);
                    }
                }

                foreach (var property in element.EnumerateObject())
                {
                    Walk(property.Value, path + "/" + property.Name, mixed);
                }
            }
            else if (element.ValueKind == JsonValueKind.Array)
            {
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    Walk(item, $"{path}/{index++}", mixed);
                }
            }
        }
    }

    [Fact]
    public void Only_the_fields_a_request_cannot_do_without_are_required()
    {
        var schemas = _document.RootElement.GetProperty("components").GetProperty("schemas");
        var bodies = Operations
            .Where(o => o.Operation.TryGetProperty("requestBody", out var body) && body.GetProperty("content").TryGetProperty("application/json", out _))
            .Select(o => SchemaName(o.Operation.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema")))
            .Distinct().ToList();

        Assert.Equal(RequiredFields.Keys.Order(), bodies.Order());
        foreach (var name in bodies)
        {
            var required = schemas.GetProperty(name).TryGetProperty("required", out var list)
                ? list.EnumerateArray().Select(field => field.GetString()!).ToArray()
                : [];
            Assert.True(RequiredFields[name].Order().SequenceEqual(required.Order()),
                $"{name} requires [{string.Join(", ", required)}]; api.md requires [{string.Join(", ", RequiredFields[name])}]");
        }
    }

    /// <summary>The schema a body refers to; an optional body is "null or the schema".</summary>
    private static string SchemaName(JsonElement schema)
    {
        var reference = schema.TryGetProperty("oneOf", out var choices)
            ? choices.EnumerateArray().Single(choice => choice.TryGetProperty("$ref", out _)).GetProperty("$ref")
            : schema.GetProperty("$ref");
        return reference.GetString()!.Split('/')[^1];
    }

    [Theory]
    [InlineData("acceptSession")]
    [InlineData("declineSession")]
    [InlineData("cancelSession")]
    [InlineData("completeSession")]
    [InlineData("logout")]
    public void Bodies_that_may_be_left_out_are_optional(string operationId)
    {
        var (_, operation) = Operations.Single(o => o.Operation.GetProperty("operationId").GetString() == operationId);

        var body = operation.GetProperty("requestBody");

        Assert.False(body.TryGetProperty("required", out var required) && required.GetBoolean(), $"{operationId} requires its body");
    }

    [Fact]
    public void Times_are_date_times_and_every_write_has_its_429()
    {
        var from = Paths.GetProperty("/api/v1/sessions").GetProperty("get").GetProperty("parameters").EnumerateArray()
            .Single(p => p.GetProperty("name").GetString() == "from");
        Assert.Equal("date-time", from.GetProperty("schema").GetProperty("format").GetString());
        var scheduledAt = _document.RootElement.GetProperty("components").GetProperty("schemas")
            .GetProperty("RequestSessionRequest").GetProperty("properties").GetProperty("scheduledAt");
        Assert.Equal("date-time", scheduledAt.GetProperty("format").GetString());
        Assert.Contains("string", scheduledAt.GetProperty("type").ToString());
        var writes = Operations.Where(o => !o.Name.StartsWith("GET ", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(writes);
        Assert.All(writes, o => Assert.True(o.Operation.GetProperty("responses").TryGetProperty("429", out _), o.Name));
    }

    [Fact]
    public void Every_operation_declares_503_and_every_json_body_its_415()
    {
        Assert.All(Operations, o => Assert.True(o.Operation.GetProperty("responses").TryGetProperty("503", out _), o.Name));
        var withJson = Operations.Where(o => o.Operation.TryGetProperty("requestBody", out var body)
            && body.GetProperty("content").TryGetProperty("application/json", out _)).ToList();
        Assert.NotEmpty(withJson);
        Assert.All(withJson, o => Assert.True(o.Operation.GetProperty("responses").TryGetProperty("415", out _), o.Name));
    }

    [Fact]
    public void The_contract_of_issue_16_is_described_how_mentors_answer_and_why_a_session_was_declined()
    {
        var schemas = _document.RootElement.GetProperty("components").GetProperty("schemas");
        var mentor = schemas.GetProperty("MentorSummary").GetProperty("properties");
        var listMentors = Operations.Single(o => o.Operation.GetProperty("operationId").GetString() == "listMentors").Operation;

        Assert.Contains("number", mentor.GetProperty("responseRate").GetProperty("type").ToString());
        Assert.Contains("integer", mentor.GetProperty("medianResponseMinutes").GetProperty("type").ToString());
        Assert.Contains("`responsive`", listMentors.GetProperty("description").GetString());
        Assert.True(schemas.GetProperty("SessionResponse").GetProperty("properties").TryGetProperty("declineReason", out _));
    }

    [Theory]
    [InlineData("sendMessage", "SendMessageRequest")]
    [InlineData("requestSession", "RequestSessionRequest")]
    [InlineData("rateSession", "RateSessionRequest")]
    public void Creates_take_a_client_chosen_id_and_answer_a_write_sent_again_with_200(string operationId, string schema)
    {
        var operation = Operations.Single(o => o.Operation.GetProperty("operationId").GetString() == operationId).Operation;
        var id = _document.RootElement.GetProperty("components").GetProperty("schemas").GetProperty(schema).GetProperty("properties").GetProperty("id");

        Assert.Equal("uuid", id.GetProperty("format").GetString());
        Assert.Contains("version 7", id.GetProperty("description").GetString());
        var responses = operation.GetProperty("responses");
        Assert.True(responses.TryGetProperty("201", out _) && responses.TryGetProperty("200", out _) && responses.TryGetProperty("409", out _), responses.ToString());
    }

    [Fact]
    public void Every_api_route_is_described_with_whether_it_needs_a_user()
    {
        var routes = _app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(endpoint => endpoint.RoutePattern.RawText?.StartsWith("/api/", StringComparison.Ordinal) == true)
            .SelectMany(endpoint => endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()!.HttpMethods.Select(method => (endpoint, method)))
            .ToList();

        Assert.NotEmpty(routes);
        foreach (var (endpoint, method) in routes)
        {
            // OpenAPI paths name parameters without their route constraints: {id:guid} is {id}.
            var path = Regex.Replace(endpoint.RoutePattern.RawText!.TrimEnd('/'), "{([^}:]+):[^}]+}", "{$1}");
            Assert.True(Paths.TryGetProperty(path, out var item), $"{method} {path} is missing from the OpenAPI document");
            Assert.True(item.TryGetProperty(method.ToLowerInvariant(), out var operation), $"{method} {path} is missing from the OpenAPI document");
            var needsUser = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Any();
            Assert.Equal(needsUser, operation.TryGetProperty("security", out _));
        }
    }
}
