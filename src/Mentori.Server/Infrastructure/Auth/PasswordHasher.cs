using System.Threading.RateLimiting;
using Mentori.Server.Infrastructure.Problems;
using Microsoft.Extensions.Options;

namespace Mentori.Server.Infrastructure.Auth;

/// <summary>
/// bcrypt with the configured work factor, a few at a time. Each hash takes a core for about 0.15 s; unbounded, a
/// burst of sign-ins takes every core and every other request waits behind them. So at most
/// <see cref="AuthOptions.BcryptConcurrency"/> run at once, a bounded number wait briefly, and the rest are told to
/// come back (503 with Retry-After) while the remaining cores keep serving everyone else.
/// </summary>
public sealed class PasswordHasher : IDisposable
{
    private readonly AuthOptions _options;
    private readonly ConcurrencyLimiter _slots;
    private readonly Lazy<string> _unmatchable;

    public PasswordHasher(IOptions<AuthOptions> options)
    {
        _options = options.Value;
        _slots = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = _options.BcryptConcurrency,
            QueueLimit = _options.BcryptQueueLimit,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
        _unmatchable = new(() => BCrypt.Net.BCrypt.HashPassword(Guid.NewGuid().ToString(), _options.BcryptWorkFactor));
    }

    public Task<string> HashAsync(string password, CancellationToken cancellationToken = default) =>
        RunAsync(() => BCrypt.Net.BCrypt.HashPassword(password, _options.BcryptWorkFactor), cancellationToken);

    public Task<bool> VerifyAsync(string password, string hash, CancellationToken cancellationToken = default) =>
        RunAsync(() => BCrypt.Net.BCrypt.Verify(password, hash), cancellationToken);

    /// <summary>
    /// Spends the time of a real check and fails: signing in with an unknown email must take as long as with
    /// a wrong password, or the answer's timing tells which emails have accounts.
    /// </summary>
    public async Task<bool> VerifyAgainstNothingAsync(string password, CancellationToken cancellationToken = default)
    {
        await VerifyAsync(password, _unmatchable.Value, cancellationToken);
        return false;
    }

    public void Dispose() => _slots.Dispose();

    private async Task<T> RunAsync<T>(Func<T> work, CancellationToken cancellationToken)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        wait.CancelAfter(_options.BcryptMaxWait);
        RateLimitLease lease;
        try
        {
            lease = await _slots.AcquireAsync(1, wait.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw Busy();
        }

        using (lease)
        {
            return lease.IsAcquired ? work() : throw Busy();
        }
    }

    private ProblemException Busy() => ProblemException.ServiceUnavailable(ProblemTypes.Busy, "Too many sign-ins at once",
        "The server is checking many passwords right now. Try again in a moment.", _options.BcryptMaxWait);
}
