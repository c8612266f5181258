using System.Threading.Channels;

namespace Mentori.Server.Features.Accounts;

/// <summary>
/// "Forgot password" answers before it looks anything up: the request only queues the address, and this service
/// looks for the account and emails it a token. A known and an unknown address then take exactly the same work
/// before the 202, so timing tells nothing. The queue is bounded (the per-address and per-IP limits keep it short);
/// when full, the request is dropped with a warning rather than growing memory.
/// </summary>
public sealed class PasswordResetRequests : BackgroundService
{
    private readonly IServiceScopeFactory _scopes;
    private readonly ILogger<PasswordResetRequests> _logger;
    private readonly Channel<string> _queue;

    public PasswordResetRequests(IServiceScopeFactory scopes, ILogger<PasswordResetRequests> logger)
    {
        _scopes = scopes;
        _logger = logger;
        _queue = Channel.CreateBounded<string>(
            new BoundedChannelOptions(10_000) { SingleReader = true, FullMode = BoundedChannelFullMode.DropWrite },
            _ => logger.LogWarning("Password reset request dropped: the queue is full"));
    }

    /// <summary>Queues a checked, normalised address.</summary>
    public void Enqueue(string email) => _queue.Writer.TryWrite(email);

    public override Task StopAsync(CancellationToken cancellationToken)
    {
        _queue.Writer.TryComplete();
        return base.StopAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Drained on a graceful stop, like the email outbox, so a request made just before a restart is answered.
        await foreach (var email in _queue.Reader.ReadAllAsync(CancellationToken.None))
        {
            try
            {
                await using var scope = _scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<AccountService>().SendPasswordResetAsync(email, CancellationToken.None);
            }
            catch (Exception exception)
            {
                // The address is not logged: whether it has an account is exactly what must not leak. Nothing ends
                // the loop: one failed request must not stop the ones after it.
                _logger.LogError(exception, "Could not handle a password reset request");
            }
        }
    }
}
