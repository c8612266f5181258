using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Mentori.Tests.Browser;

/// <summary>A page that fails shows a person what to do and a reference for the operators, never what went wrong inside.</summary>
public abstract class ErrorPageTests(ITestDatabaseServer server, Chromium chromium) : BrowserTest(server, chromium)
{
    [Fact]
    public async Task A_failing_page_shows_the_error_page_with_a_reference_and_nothing_internal()
    {
        var page = await NewPageAsync(width: 375);
        _ = App.Services; // migrated; now break what the home page reads
        await using (var db = Database.NewContext())
        {
            await db.Database.ExecuteSqlRawAsync("DROP TABLE rating_summaries", TestContext.Current.CancellationToken);
        }

        var response = await page.GotoAsync("/");

        Assert.Equal(500, response!.Status);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Something went wrong");
        await Expect(page.Locator(".reference")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$"));
        var text = await page.Locator("body").InnerTextAsync();
        Assert.DoesNotContain("rating_summaries", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Exception", text, StringComparison.Ordinal);
        await AssertAccessibleAsync(page);
        await AssertNoHorizontalScrollAsync(page);

        var api = await App.CreateClient().GetAsync("/api/v1/mentors", TestContext.Current.CancellationToken);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType); // API clients keep their problem documents
    }
}

public sealed class ErrorPageOnSqlite(SqliteFiles server, Chromium chromium) : ErrorPageTests(server, chromium);
