using Mentori.Data.Entities;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Mentori.Tests.Browser;

/// <summary>
/// A page test: the real server on a real Kestrel port and a test database, visited by Chromium. Every page a test
/// opens with <see cref="OpenAsync"/> is checked by axe, and a script error or a failed request on it fails the test.
/// A page's tests run on SQLite only (the services under a page are held on both databases by the API tests); a journey
/// whose outcome the database decides (a booking race, chat across instances) runs on PostgreSQL as well.
/// </summary>
public abstract class BrowserTest(ITestDatabaseServer server, Chromium chromium) : DatabaseTest(server)
{
    private static readonly string Screenshots = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../docs/screenshots"));

    private readonly List<string> _pageErrors = [];
    private readonly List<IBrowserContext> _contexts = [];
    private readonly Dictionary<string, string> _settings = [];
    private readonly List<MentoriApp> _otherInstances = [];
    private TimeProvider? _clock;
    private MentoriApp? _app;
    private RedisServer? _redis;

    protected Chromium Chromium { get; } = chromium;

    /// <summary>The app, started on first use, after the test has seeded what it needs.</summary>
    protected MentoriApp App => _app ??= Start();

    protected Uri BaseAddress => ChatClient.Address(App);

    /// <summary>A setting of the app, before its first use.</summary>
    protected void Setting(string key, string value)
    {
        Assert.Null(_app);
        _settings[key] = value;
    }

    /// <summary>The app's clock (a fake one, to let a session's time pass), before its first use.</summary>
    protected void UseClock(TimeProvider clock)
    {
        Assert.Null(_app);
        _clock = clock;
    }

    /// <summary>A Redis of the test's own as the backplane of every instance, before the app's first use; it stops after them.</summary>
    protected async Task UseRedisAsync()
    {
        _redis = await RedisServer.StartAsync();
        Setting("Redis:ConnectionString", _redis.ConnectionString);
    }

    /// <summary>One more instance of the app on the same database, with the same settings and clock: two behind one proxy.</summary>
    protected MentoriApp AnotherInstance()
    {
        _ = App;
        var instance = Start();
        _otherInstances.Add(instance);
        return instance;
    }

    /// <summary>
    /// A new visitor's tab (1 280 px wide unless told otherwise) on the app, or on <paramref name="instance"/>, whose
    /// script errors and failed loads are recorded.
    /// </summary>
    protected async Task<IPage> NewPageAsync(int width = 1280, string? timezone = null, MentoriApp? instance = null)
    {
        var context = await Chromium.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = ChatClient.Address(instance ?? App).ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = 800 },
            TimezoneId = timezone,
            Locale = "en-GB",
        });
        _contexts.Add(context);
        // The pages' content security policy holds: anything it blocks is a page error, named by what it blocked.
        await context.AddInitScriptAsync("document.addEventListener('securitypolicyviolation', e => console.error(`Content security policy: ${e.effectiveDirective} blocked ${e.blockedURI}`))");
        var page = await context.NewPageAsync();
        page.Console += (_, message) =>
        {
            // A failed load is reported below, with its address; the page itself may answer 404 on purpose.
            if (message.Type == "error" && !message.Text.StartsWith("Failed to load resource", StringComparison.Ordinal))
            {
                _pageErrors.Add($"console: {message.Text}");
            }
        };
        page.Response += (_, response) =>
        {
            // A page's own answer may be a 4xx on purpose (a form to correct), also when enhanced navigation fetched it;
            // a 5xx never is.
            if (response.Status >= 400 && response.Request.ResourceType != "document" && !(response.Status < 500 && IsEnhancedPageRequest(response.Request)))
            {
                _pageErrors.Add($"{response.Status} for {response.Url}");
            }
        };
        page.RequestFailed += (_, request) =>
        {
            // A fetch the browser gave up because the user moved on (a click during an enhanced navigation) is no failure.
            if (request.Failure != "net::ERR_ABORTED")
            {
                _pageErrors.Add($"failed: {request.Url} ({request.Failure})");
            }
        };
        page.PageError += (_, error) => _pageErrors.Add($"script: {error}");
        return page;
    }

    private static bool IsEnhancedPageRequest(IRequest request) =>
        request.Headers.TryGetValue("accept", out var accept) && accept.Contains("blazor-enhanced-nav", StringComparison.Ordinal);

    /// <summary>Opens a path, checks the status, waits for Blazor's script, and runs axe on what is shown.</summary>
    protected async Task<IResponse> OpenAsync(IPage page, string path, int status = 200)
    {
        var response = await page.GotoAsync(path) ?? throw new InvalidOperationException($"No response for {path}");
        Assert.Equal(status, response.Status);
        await page.WaitForFunctionAsync("() => !!window.Blazor");
        await AssertAccessibleAsync(page);
        AssertNoPageErrors();
        return response;
    }

    /// <summary>
    /// Opens a page that refreshes itself live (my sessions) and waits until it listens: as its live feed opens, it
    /// renders afresh once, for what changed before.
    /// </summary>
    protected async Task OpenListeningAsync(IPage page, string path)
    {
        var listening = page.WaitForResponseAsync(r => IsEnhancedPageRequest(r.Request) && new Uri(r.Url).AbsolutePath == path);
        await OpenAsync(page, path);
        await listening;
    }

    /// <summary>A new tab of <paramref name="user"/>, signed in through the sign-in page (of <paramref name="instance"/>, if given).</summary>
    protected async Task<IPage> SignedInPageAsync(User user, string? timezone = null, int width = 1280, MentoriApp? instance = null)
    {
        var page = await NewPageAsync(width, timezone, instance);
        await OpenAsync(page, "/sign-in");
        await SignInOnPageAsync(page, user.Email, Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).WaitForAsync();
        return page;
    }

    /// <summary>Fills in the sign-in form the page shows and sends it.</summary>
    protected static async Task SignInOnPageAsync(IPage page, string email, string password)
    {
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }

    /// <summary>axe, WCAG 2.1 A and AA: no serious or critical violation.</summary>
    protected static async Task AssertAccessibleAsync(IPage page)
    {
        var result = await page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
        });
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))}")
            .ToList();
        Assert.True(serious.Count == 0, $"axe on {page.Url}:\n{string.Join("\n", serious)}");
    }

    /// <summary>Nothing wider than the viewport: the page never scrolls sideways.</summary>
    protected static async Task AssertNoHorizontalScrollAsync(IPage page)
    {
        var (scrollWidth, viewport) = (await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth"), await page.EvaluateAsync<int>("() => window.innerWidth"));
        Assert.True(scrollWidth <= viewport, $"{page.Url} is {scrollWidth} px wide in a {viewport} px viewport");
    }

    /// <summary>
    /// Nothing shown is cut off: no visible element reaches past the viewport's right edge, and none that clips its
    /// overflow holds more than it shows (a word too long for its box).
    /// </summary>
    protected static async Task AssertNothingCutOffAsync(IPage page)
    {
        var cut = await page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('body *')].filter(element => {
                const style = getComputedStyle(element);
                if (element.closest('.visually-hidden, [hidden]') || style.display === 'none' || style.visibility === 'hidden') return false;
                const box = element.getBoundingClientRect();
                const clips = style.overflowX === 'hidden' || style.overflowX === 'clip';
                return (box.width > 0 && box.right > innerWidth + 1) || (clips && element.scrollWidth > element.clientWidth + 1);
            }).map(element => `${element.tagName.toLowerCase()}.${element.className}: ${(element.innerText || '').trim().slice(0, 40)}`)
            """);
        Assert.True(cut.Length == 0, $"cut off on {page.Url} at {page.ViewportSize?.Width} px:\n{string.Join("\n", cut)}");
    }

    /// <summary>
    /// Presses Tab (or Shift+Tab) <paramref name="presses"/> times and gives the accessible name of each element the
    /// focus reached; every one must show where the focus is (an outline of its own, as <c>:focus-visible</c> draws).
    /// </summary>
    protected static async Task<List<string>> TabAsync(IPage page, int presses, bool backwards = false)
    {
        var reached = new List<string>();
        for (var i = 0; i < presses; i++)
        {
            await page.Keyboard.PressAsync(backwards ? "Shift+Tab" : "Tab");
            var stop = await page.EvaluateAsync<FocusStop>(FocusStop.Script);
            Assert.True(stop.Visible, $"the focus on '{stop.Name}' ({page.Url}) is not visible");
            reached.Add(stop.Name);
        }

        return reached;
    }

    private sealed class FocusStop
    {
        public string Name { get; set; } = "";

        public bool Visible { get; set; }

        public const string Script = """
            () => {
                const element = document.activeElement;
                const style = getComputedStyle(element);
                const name = element.getAttribute('aria-label') || element.labels?.[0]?.innerText || element.innerText || element.tagName;
                return { name: name.trim().replace(/\s+/g, ' '), visible: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2 };
            }
            """;
    }

    /// <summary>Marks the page's document, so that <see cref="AssertStayedAsync"/> can tell it was not loaded again.</summary>
    protected static Task StayingAsync(IPage page) => page.EvaluateAsync("() => { window.mentoriStayed = true; }");

    /// <summary>The page changed (if it did) in place: the document marked by <see cref="StayingAsync"/> is still the one shown.</summary>
    protected static async Task AssertStayedAsync(IPage page) =>
        Assert.True(await page.EvaluateAsync<bool>("() => window.mentoriStayed === true"), $"{page.Url} was loaded again");

    /// <summary>Keeps docs/screenshots/ current: each run of the test takes the picture again.</summary>
    protected static async Task ScreenshotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(Screenshots);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, $"{name}.png"), FullPage = true });
    }

    protected void AssertNoPageErrors() => Assert.True(_pageErrors.Count == 0, string.Join("\n", _pageErrors));

    /// <summary>The page errors recorded so far, which a test expected; they no longer fail it.</summary>
    protected List<string> TakePageErrors()
    {
        var taken = _pageErrors.ToList();
        _pageErrors.Clear();
        return taken;
    }

    public override async ValueTask DisposeAsync()
    {
        // The tabs close before the server stops, so nothing they still load fails for that reason.
        foreach (var context in _contexts)
        {
            await context.CloseAsync();
        }

        foreach (var instance in _otherInstances)
        {
            await instance.DisposeAsync();
        }

        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }

        await base.DisposeAsync();
        AssertNoPageErrors();
    }

    private MentoriApp Start()
    {
        var app = new MentoriApp(Database).WithStaticWebAssets();
        foreach (var (key, value) in _settings)
        {
            app.WithSetting(key, value);
        }

        if (_clock is not null)
        {
            app.WithClock(_clock);
        }

        app.UseKestrel(0);
        app.StartServer();
        return app;
    }
}
