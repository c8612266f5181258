namespace Mentori.Tests.Browser;

/// <summary>
/// The web UI's pages carry a content security policy with nothing inline allowed, and every browser test runs under
/// it (a blocked script or style is a page error there); this one shows that it is in force.
/// </summary>
public abstract class ContentSecurityPolicyTests(ITestDatabaseServer server, Chromium chromium) : BrowserTest(server, chromium)
{
    [Fact]
    public async Task An_injected_inline_script_does_not_run_and_is_reported()
    {
        var page = await NewPageAsync();
        var response = await OpenAsync(page, "/mentors");
        var policy = await response.HeaderValueAsync("content-security-policy") ?? "";
        Assert.Contains("script-src 'self'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", policy, StringComparison.Ordinal);

        await page.RunAndWaitForConsoleMessageAsync(
            () => page.EvaluateAsync("() => { const s = document.createElement('script'); s.textContent = 'window.injected = true'; document.body.append(s); }"),
            new() { Predicate = message => message.Text.StartsWith("Content security policy", StringComparison.Ordinal) });

        Assert.False(await page.EvaluateAsync<bool>("() => window.injected === true"));
        var errors = TakePageErrors();
        Assert.Contains(errors, error => error.EndsWith("Content security policy: script-src-elem blocked inline", StringComparison.Ordinal));
    }
}

public sealed class ContentSecurityPolicyOnSqlite(SqliteFiles server, Chromium chromium) : ContentSecurityPolicyTests(server, chromium);
