using Microsoft.AspNetCore.Authorization;
using Mentori.Server.Infrastructure.Validation;
using Microsoft.OpenApi;

namespace Mentori.Server.Infrastructure.Hosting;

public static class OpenApiRegistration
{
    private const string Bearer = "bearer";

    /// <summary>The document served at <c>/openapi/v1.json</c>, with the bearer scheme on every endpoint that needs a user.</summary>
    public static IServiceCollection AddMentoriOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(options =>
        {
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "Mentori API";
                document.Info.Version = "v1";
                document.Info.Description =
                    "Mentees find mentors, book sessions, talk and rate each other. Errors are RFC 9457 problem documents; " +
                    "lists are paginated with an opaque cursor. Authenticate with `Authorization: Bearer <accessToken>`, " +
                    "or with the web UI's cookie plus the X-CSRF-TOKEN header on changes. Times sent to the API carry their UTC " +
                    "offset (2026-12-10T10:00:00Z); every write is rate-limited per user (429 with Retry-After).";
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes[Bearer] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    BearerFormat = "JWT",
                    Description = "The accessToken from register, login or refresh; valid 15 minutes.",
                };
                return Task.CompletedTask;
            });
            // Times in bodies are read by UtcTimestamp's converter, which hides their type from the schema generator.
            options.AddSchemaTransformer((schema, context, _) =>
            {
                var type = context.JsonTypeInfo.Type;
                if ((Nullable.GetUnderlyingType(type) ?? type) == typeof(DateTimeOffset))
                {
                    DescribeAsTime(schema, nullable: Nullable.GetUnderlyingType(type) is not null);
                }

                return Task.CompletedTask;
            });
            options.AddOperationTransformer((operation, context, _) =>
            {
                operation.Responses ??= [];
                if (context.Description.ActionDescriptor.EndpointMetadata.OfType<IAuthorizeData>().Any())
                {
                    operation.Security ??= [];
                    operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Bearer, context.Document)] = [] });
                    operation.Responses.TryAdd("401", Problem(context.Document, "Not signed in, or the access token has expired."));
                }

                if (operation.RequestBody?.Content?.ContainsKey("application/json") == true)
                {
                    operation.Responses.TryAdd("415", Problem(context.Document, "The body is not `application/json`."));
                }

                // Query times bind through UtcTimestamp, which OpenAPI would otherwise describe as any string.
                var times = context.Description.ParameterDescriptions
                    .Where(p => (Nullable.GetUnderlyingType(p.Type) ?? p.Type) == typeof(UtcTimestamp)).Select(p => p.Name).ToHashSet();
                foreach (var parameter in operation.Parameters?.Where(p => times.Contains(p.Name!)) ?? [])
                {
                    if (parameter.Schema is OpenApiSchema schema)
                    {
                        DescribeAsTime(schema, nullable: false);
                    }
                }

                // Every write counts against the per-user write limit (RateLimiting:WritesPerUser).
                if (context.Description.HttpMethod is not ("GET" or "HEAD" or "OPTIONS"))
                {
                    operation.Responses.TryAdd("429", Problem(context.Document, "Too many requests: wait for Retry-After seconds."));
                }

                // Every operation reads the database; while it is away the answer says when to try again.
                operation.Responses.TryAdd("503", Problem(context.Document,
                    "`database-unavailable`: the database cannot be reached; try again after Retry-After seconds (with the same client id, for a create)."));
                return Task.CompletedTask;
            });
        });

    private static OpenApiResponse Problem(OpenApiDocument? document, string description) => new()
    {
        Description = description,
        Content = new Dictionary<string, OpenApiMediaType>
        {
            ["application/problem+json"] = new() { Schema = new OpenApiSchemaReference("ProblemDetails", document) },
        },
    };

    private static void DescribeAsTime(OpenApiSchema schema, bool nullable)
    {
        schema.Type = nullable ? JsonSchemaType.String | JsonSchemaType.Null : JsonSchemaType.String;
        schema.Format = "date-time";
        schema.Description = UtcTimestamp.Problem;
    }
}
