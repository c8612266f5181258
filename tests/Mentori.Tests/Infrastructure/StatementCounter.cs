using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Mentori.Tests.Infrastructure;

/// <summary>
/// Counts the SQL statements each request runs (issue 15: at most three per request). A request that carries the
/// <see cref="Header"/> gets a list of its own, found again by the header's value; the commands EF runs in that
/// request's flow are added to it, and background work, which runs outside any request, is not.
/// </summary>
public sealed class StatementCounter : DbCommandInterceptor
{
    public const string Header = "X-Test-Statements";

    private static readonly AsyncLocal<ConcurrentQueue<string>?> Current = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<string>> _requests = new();

    /// <summary>Adds the counter and the middleware that opens a request's list to the app.</summary>
    public static void AddTo(IServiceCollection services)
    {
        var counter = new StatementCounter();
        services.AddSingleton(counter);
        services.AddSingleton<IInterceptor>(counter);
        services.AddTransient<IStartupFilter, Opening>();
    }

    /// <summary>The statements run by the request whose header carried <paramref name="id"/> (read once it has answered).</summary>
    public IReadOnlyCollection<string> Of(string id) => _requests.TryGetValue(id, out var statements) ? statements : [];

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result) =>
        Counted(command, result);

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default) => ValueTask.FromResult(Counted(command, result));

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result) =>
        Counted(command, result);

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<int> result, CancellationToken cancellationToken = default) => ValueTask.FromResult(Counted(command, result));

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result) =>
        Counted(command, result);

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<object> result, CancellationToken cancellationToken = default) => ValueTask.FromResult(Counted(command, result));

    private static T Counted<T>(DbCommand command, T result)
    {
        Current.Value?.Enqueue(command.CommandText);
        return result;
    }

    private sealed class Opening(StatementCounter counter) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (HttpContext context, RequestDelegate rest) =>
            {
                if (context.Request.Headers[Header].ToString() is { Length: > 0 } id)
                {
                    Current.Value = counter._requests.GetOrAdd(id, _ => new ConcurrentQueue<string>());
                }

                await rest(context);
            });
            next(app);
        };
    }
}
