using Microsoft.Playwright;

namespace Mentori.Tests.Infrastructure;

/// <summary>
/// Debian's Chromium, driven by Playwright and launched once for the test assembly, on the first test that needs
/// it. Playwright never downloads a browser here. Missing, it skips the browser tests, except in CI, where it fails them.
/// </summary>
public sealed class Chromium : IAsyncDisposable
{
    private const string Binary = "/usr/bin/chromium";

    private readonly SemaphoreSlim _launch = new(1, 1);
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    /// <summary>A fresh browser profile (cookies, storage) as a first-time visitor has, 1 280 × 800 unless told otherwise.</summary>
    public async Task<IBrowserContext> NewContextAsync(BrowserNewContextOptions? options = null)
    {
        var browser = await BrowserAsync();
        return await browser.NewContextAsync(options ?? new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 800 } });
    }

    private async Task<IBrowser> BrowserAsync()
    {
        await _launch.WaitAsync();
        try
        {
            if (_browser is not null)
            {
                return _browser;
            }

            if (!File.Exists(Binary))
            {
                const string missing = "Chromium is not installed (apt-get install chromium)";
                if (TestEnvironment.IsCI)
                {
                    throw new InvalidOperationException(missing);
                }

                Assert.Skip(missing);
            }

            _playwright = await Playwright.CreateAsync();
            _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = Binary,
                Headless = true,
                Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
            });
            return _browser;
        }
        finally
        {
            _launch.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        _launch.Dispose();
    }
}
