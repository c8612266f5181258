namespace Mentori.Tests.Infrastructure;

/// <summary>Waits for what another process or a background service does, seen in its effect, never by sleeping a guess.</summary>
public static class Eventually
{
    /// <summary>Polls an observable condition (a row written, a file delivered) every 20 ms, for at most 30 s.</summary>
    public static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        while (!await condition())
        {
            await Task.Delay(20, timeout.Token);
        }
    }
}
