using System.Data.Common;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Metadata;
using Mentori.Server.Infrastructure.Hosting;
using Mentori.Server.Infrastructure.Validation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Primitives;

namespace Mentori.Server.Infrastructure.Problems;

/// <summary>
/// The one map from exceptions to problem documents. What a client sent wrong keeps its 4xx; a database that
/// cannot be reached is 503; anything else is a 500 that says nothing about the code.
/// </summary>
public sealed class ExceptionProblemHandler(IProblemDetailsService problems, ILogger<ExceptionProblemHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        // This runs outside the request's user scope (the exception handler comes first in the pipeline).
        using var user = logger.BeginUserScope(httpContext.User);
        var problem = exception switch
        {
            ProblemException known => FromProblemException(httpContext, known),
            BadHttpRequestException { InnerException: JsonException json } => MalformedJson(json),
            Microsoft.AspNetCore.Antiforgery.AntiforgeryValidationException => new ProblemDetails
            {
                Status = StatusCodes.Status400BadRequest,
                Type = ProblemTypes.Antiforgery,
                Title = "The antiforgery token is missing or invalid",
                Detail = "Requests that sign in with the cookie must send the token from GET /api/v1/auth/antiforgery in the X-CSRF-TOKEN header.",
            },
            BadHttpRequestException { StatusCode: StatusCodes.Status400BadRequest } when UnboundParameter(httpContext) is { } unbound => new HttpValidationProblemDetails(
                new Dictionary<string, string[]> { [unbound.Name] = [unbound.Message] })
            {
                Status = StatusCodes.Status400BadRequest,
                Type = ProblemTypes.Validation,
                Title = "One or more fields are invalid",
                Detail = $"{unbound.Name}: {unbound.Message}",
            },
            BadHttpRequestException bad => new ProblemDetails { Status = bad.StatusCode, Detail = bad.Message },
            Npgsql.PostgresException { SqlState: "22021" or "22P05" } => new ProblemDetails
            {
                // PostgreSQL cannot store some characters (NUL) in text; the client sent them, so it is a 400.
                Status = StatusCodes.Status400BadRequest,
                Type = ProblemTypes.Validation,
                Title = "The request contains characters that cannot be stored",
                Detail = "Remove control characters such as NUL from the text fields.",
            },
            _ when IsDatabaseUnreachable(exception) => DatabaseUnavailable(httpContext),
            _ => null,
        };

        if (problem is null)
        {
            logger.LogError(exception, "Unhandled exception for {Method} {Path} (request {TraceId})", httpContext.Request.Method, httpContext.Request.Path,
                System.Diagnostics.Activity.Current?.Id ?? httpContext.TraceIdentifier);
            problem = new ProblemDetails
            {
                Status = StatusCodes.Status500InternalServerError,
                Type = ProblemTypes.Unexpected,
                Title = "An unexpected error occurred",
                Detail = "The error has been logged. Try again, and report it if it persists.",
            };
        }
        else if (exception is not ProblemException && problem.Status >= 500)
        {
            logger.LogWarning(exception, "{Title} for {Method} {Path}", problem.Title, httpContext.Request.Method, httpContext.Request.Path);
        }
        else if (problem.Status >= 500)
        {
            // Turning work away under load (503 busy) is the code working; operators still want to see it.
            logger.LogInformation("{Status} {Type} for {Method} {Path}", problem.Status, problem.Type, httpContext.Request.Method, httpContext.Request.Path);
        }
        else
        {
            // A refusal of what the client sent is the code working, not failing: no error, no stack trace.
            logger.LogDebug("{Status} {Type} for {Method} {Path}", problem.Status, problem.Type, httpContext.Request.Method, httpContext.Request.Path);
        }

        httpContext.Response.StatusCode = problem.Status!.Value;
        if (Components.WebUiRegistration.IsPageRequest(httpContext))
        {
            return false; // a person in a browser gets the error page (WebUiRegistration), not a problem document
        }

        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        });
    }

    private static ProblemDetails FromProblemException(HttpContext httpContext, ProblemException exception)
    {
        if (exception.RetryAfterSeconds is { } seconds)
        {
            httpContext.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        var problem = exception.Errors is { } errors
            ? new HttpValidationProblemDetails(errors.ToDictionary())
            : new ProblemDetails();
        problem.Status = exception.Status;
        problem.Type = exception.Type;
        problem.Title = exception.Title;
        problem.Detail = exception.Detail;
        return problem;
    }

    /// <summary>Names the JSON field that could not be read, so a client can fix it like any other field error.</summary>
    private static HttpValidationProblemDetails MalformedJson(JsonException json)
    {
        var field = JsonPathToField(json.Path);
        var message = json.Path is null or "$"
            ? "The request body is not valid JSON."
            : json.Message.StartsWith(UtcTimestamp.Problem, StringComparison.Ordinal) ? UtcTimestamp.Problem : "The value has the wrong type or format.";
        return new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [message] })
        {
            Status = StatusCodes.Status400BadRequest,
            Type = ProblemTypes.MalformedBody,
            Title = "The request body could not be read",
            Detail = message,
        };
    }

    /// <summary>
    /// The parameter a route or query value could not be bound to (<c>?limit=abc</c>), found from the endpoint's own
    /// parameter metadata: the first whose sent value its type's <c>TryParse</c> refuses, as the binder did.
    /// </summary>
    private static (string Name, string Message)? UnboundParameter(HttpContext context)
    {
        // The exception handler runs with the endpoint and route values cleared; its feature keeps the originals.
        var failed = context.Features.Get<IExceptionHandlerFeature>();
        var parameters = failed?.Endpoint?.Metadata.GetOrderedMetadata<IParameterBindingMetadata>() ?? [];
        foreach (var (name, declared) in parameters.SelectMany(p => BoundValues(p.ParameterInfo)))
        {
            var type = Nullable.GetUnderlyingType(declared) ?? declared;
            var sent = failed!.RouteValues?.TryGetValue(name, out var routeValue) == true && routeValue is string fromRoute
                ? new StringValues(fromRoute)
                : context.Request.Query[name];
            if (sent.Any(value => !string.IsNullOrEmpty(value) && !Parses(type, value)))
            {
                var message = type == typeof(UtcTimestamp) ? UtcTimestamp.Problem : "The value has the wrong type or format.";
                return (JsonNamingPolicy.CamelCase.ConvertName(name), message);
            }
        }

        return null;
    }

    /// <summary>A parameter's name and type; an <c>[AsParameters]</c> record's are those of its constructor.</summary>
    private static IEnumerable<(string Name, Type Type)> BoundValues(ParameterInfo parameter) =>
        parameter.GetCustomAttribute<AsParametersAttribute>() is null
            ? [(parameter.GetCustomAttribute<FromQueryAttribute>()?.Name ?? parameter.Name!, parameter.ParameterType)]
            : parameter.ParameterType.GetConstructors().Single().GetParameters().SelectMany(BoundValues);

    private static bool Parses(Type type, string value)
    {
        var byRef = type.MakeByRefType();
        var flags = BindingFlags.Public | BindingFlags.Static;
        if (type.GetMethod("TryParse", flags, [typeof(string), typeof(IFormatProvider), byRef]) is { } withCulture)
        {
            return (bool)withCulture.Invoke(null, [value, CultureInfo.InvariantCulture, null])!;
        }

        return type.GetMethod("TryParse", flags, [typeof(string), byRef]) is not { } plain || (bool)plain.Invoke(null, [value, null])!;
    }

    /// <summary><c>$.availability.monday[0]</c> becomes <c>availability.monday[0]</c>; the whole body is <c>body</c>.</summary>
    private static string JsonPathToField(string? path) =>
        path is null or "$" ? "body" : path.TrimStart('$').TrimStart('.');

    /// <summary>How long a client should wait before it tries again while the database is away.</summary>
    public const int DatabaseRetryAfterSeconds = 5;

    private static ProblemDetails DatabaseUnavailable(HttpContext httpContext)
    {
        httpContext.Response.Headers.RetryAfter = DatabaseRetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return new ProblemDetails
        {
            Status = StatusCodes.Status503ServiceUnavailable,
            Type = ProblemTypes.DatabaseUnavailable,
            Title = "The service is temporarily unavailable",
            Detail = "The database could not be reached. Try again shortly.",
        };
    }

    /// <summary>
    /// The database is down, restarting or out of connections. EF Core's execution strategy reports such a failure as
    /// an <see cref="InvalidOperationException"/> around the provider's, and SaveChanges as a
    /// <see cref="DbUpdateException"/> around it (also inside the former): those are looked into, and no others.
    /// Of Npgsql's own errors those of the connection count: a transient one, a socket or stream that broke, and the
    /// protocol out of step that Npgsql reports when a connection broke in the middle of a command (seen under
    /// bench/faults.sh); not its errors of use, such as too many parameters, which would fail again. And a
    /// <see cref="NullReferenceException"/> thrown inside Npgsql itself: its data reader throws one, now and then, when
    /// the connection breaks as a command starts (1 request of 23 000 in a fault run): a broken connection like the
    /// others, not a fault of our code.
    /// </summary>
    private static bool IsDatabaseUnreachable(Exception exception) =>
        Unwrapped(exception) switch
        {
            Npgsql.PostgresException postgres => postgres.IsTransient || postgres.SqlState.StartsWith("08", StringComparison.Ordinal)
                || postgres.SqlState.StartsWith("57P", StringComparison.Ordinal) || postgres.SqlState.StartsWith("53", StringComparison.Ordinal),
            Npgsql.NpgsqlException npgsql => npgsql.IsTransient || npgsql.InnerException is System.Net.Sockets.SocketException or IOException or TimeoutException
                || npgsql.Message.StartsWith("Received backend message", StringComparison.Ordinal),
            Microsoft.Data.Sqlite.SqliteException sqlite => sqlite.SqliteErrorCode is 5 or 6 or 14, // BUSY, LOCKED, CANTOPEN
            TimeoutException => true,
            NullReferenceException inside => inside.TargetSite?.DeclaringType?.Assembly == typeof(Npgsql.NpgsqlConnection).Assembly,
            _ => false,
        };

    private static Exception Unwrapped(Exception exception)
    {
        var inner = exception is InvalidOperationException { InnerException: DbException or DbUpdateException } ? exception.InnerException : exception;
        return inner is DbUpdateException { InnerException: DbException provider } ? provider : inner;
    }
}
