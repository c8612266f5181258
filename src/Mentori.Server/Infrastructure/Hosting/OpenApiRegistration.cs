using Microsoft.AspNetCore.Authorization;
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
            options.AddOperationTransformer((operation, context, _) =>
            {
                if (context.Description.ActionDescriptor.EndpointMetadata.OfType<IAuthorizeData>().Any())
                {
                    operation.Security ??= [];
                    operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Bearer, context.Document)] = [] });
                }

                // Every write counts against the per-user write limit (RateLimiting:WritesPerUser).
                if (context.Description.HttpMethod is not ("GET" or "HEAD" or "OPTIONS"))
                {
                    operation.Responses ??= [];
                    operation.Responses.TryAdd("429", new OpenApiResponse
                    {
                        Description = "Too many requests: wait for Retry-After seconds.",
                        Content = new Dictionary<string, OpenApiMediaType>
                        {
                            ["application/problem+json"] = new() { Schema = new OpenApiSchemaReference("ProblemDetails", context.Document) },
                        },
                    });
                }

                return Task.CompletedTask;
            });
        });
}
