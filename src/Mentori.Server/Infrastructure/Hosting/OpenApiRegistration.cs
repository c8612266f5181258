namespace Mentori.Server.Infrastructure.Hosting;

public static class OpenApiRegistration
{
    /// <summary>The document served at <c>/openapi/v1.json</c>.</summary>
    public static IServiceCollection AddMentoriOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(options => options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Mentori API";
            document.Info.Version = "v1";
            document.Info.Description =
                "Mentees find mentors, book sessions, talk and rate each other. Errors are RFC 9457 problem documents; " +
                "lists are paginated with an opaque cursor.";
            return Task.CompletedTask;
        }));
}
