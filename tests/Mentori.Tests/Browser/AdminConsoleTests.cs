using System.Net.Http.Json;
using System.Globalization;
using System.Text.RegularExpressions;
using Mentori.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Mentori.Tests.Browser;

/// <summary>
/// The admin console past its list of users: one user's page and its confirmed changes, the statistics with their
/// chart, and the audit log with its filters.
/// </summary>
public abstract class AdminConsoleTests(ITestDatabaseServer server, Chromium chromium) : BrowserTest(server, chromium)
{
    [Fact]
    public async Task An_admin_deactivates_a_user_who_is_signed_out_at_their_next_step_and_the_audit_log_shows_it()
    {
        var admin = await Database.SeedUserAsync(UserRole.Admin, firstName: "Ada");
        var (mentor, mentee, _) = await Database.SeedPairAsync(SessionStatus.Accepted);
        await using (var db = Database.NewContext())
        {
            await db.Profiles.Where(p => p.UserId == mentee.Id).ExecuteUpdateAsync(set => set.SetProperty(p => p.FirstName, "Grace"), TestContext.Current.CancellationToken);
        }

        await Database.SeedRatingsAsync(mentor, 4, 5);
        var menteeTab = await SignedInPageAsync(mentee, width: 375);
        await OpenAsync(menteeTab, "/sessions");

        var page = await SignedInPageAsync(admin, width: 375);
        await OpenAsync(page, "/admin/users");
        await page.GetByLabel("Email or name").FillAsync("grace");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Grace Mentee" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Grace Mentee");
        await Expect(page.Locator(".facts").First).ToContainTextAsync(mentee.Email);
        await Expect(page.GetByRole(AriaRole.Table, new() { Name = "Sessions Grace Mentee takes part in" }).Locator("tbody tr")).ToHaveCountAsync(1);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "More sessions" })).ToHaveCountAsync(0);
        await AssertAccessibleAsync(page);
        await AssertNothingCutOffAsync(page);
        await ScreenshotAsync(page, "admin-user-375");

        await page.GetByRole(AriaRole.Link, new() { Name = "Deactivate…" }).ClickAsync();
        await Expect(page.GetByText("Deactivating signs them out on every device at once")).ToBeVisibleAsync();
        await AssertAccessibleAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Yes, deactivate" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Grace Mentee is deactivated and signed out everywhere.");
        await Expect(page.Locator(".facts").First).ToContainTextAsync("Deactivated: cannot sign in");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Reactivate…" })).ToBeVisibleAsync();

        // The mentee's next step, in their own browser, finds the sign-in over and says why.
        await menteeTab.GetByRole(AriaRole.Link, new() { Name = "Find a mentor" }).First.ClickAsync();
        await Expect(menteeTab.GetByRole(AriaRole.Status)).ToHaveTextAsync("This account has been deactivated by an administrator.");
        await Expect(menteeTab.GetByRole(AriaRole.Link, new() { Name = "Sign in" })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Changes to this account in the audit log" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Audit log");
        var rows = page.Locator("tbody tr");
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows).ToContainTextAsync("Changed an account");
        await Expect(rows).ToContainTextAsync("active: yes → no");
        await Expect(rows).ToContainTextAsync("by Ada Admin · to Grace Mentee");
        await Expect(page.GetByText("Only changes to Grace Mentee.")).ToBeVisibleAsync();
        await AssertAccessibleAsync(page);
        await AssertNothingCutOffAsync(page);
        await ScreenshotAsync(page, "admin-audit-375");

        await OpenAsync(page, $"/admin/users/{mentor.Id}");
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Ratings received" })).ToContainTextAsync("4.5 out of 5 from 2 ratings.");
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Ratings received" }).Locator("li")).ToHaveCountAsync(2);
        AssertNoPageErrors();
    }

    [Fact]
    public async Task A_role_change_is_confirmed_first_and_an_admin_is_not_offered_to_demote_or_deactivate_itself()
    {
        var admin = await Database.SeedUserAsync(UserRole.Admin, firstName: "Ada");
        var mentee = await Database.SeedUserAsync(UserRole.Mentee, firstName: "Grace");
        var page = await SignedInPageAsync(admin);

        await OpenAsync(page, $"/admin/users/{mentee.Id}");
        await page.GetByLabel("Role").SelectOptionAsync("mentor");
        await page.GetByRole(AriaRole.Button, new() { Name = "Change the role…" }).ClickAsync();
        await Expect(page.GetByText("Making them a mentor signs them out on every device")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Keep them a mentee" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Change the role…" })).ToBeVisibleAsync();
        await using (var db = Database.NewContext())
        {
            Assert.Equal(UserRole.Mentee, (await db.Users.SingleAsync(u => u.Id == mentee.Id, TestContext.Current.CancellationToken)).Role);
        }

        await page.GetByLabel("Role").SelectOptionAsync("mentor");
        await page.GetByRole(AriaRole.Button, new() { Name = "Change the role…" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Yes, make them a mentor" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Grace Mentee is now a mentor, and signed out everywhere to sign in as one.");
        await Expect(page.Locator(".facts").First).ToContainTextAsync("Mentor");
        await Expect(page.GetByLabel("Role")).ToHaveValueAsync("mentor");

        // A confirmation that went stale (another admin deactivated her meanwhile) changes nothing and says so.
        await OpenAsync(page, $"/admin/users/{mentee.Id}?confirm=deactivate");
        await using (var db = Database.NewContext())
        {
            await db.Users.Where(u => u.Id == mentee.Id).ExecuteUpdateAsync(set => set.SetProperty(u => u.IsActive, false), TestContext.Current.CancellationToken);
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Yes, deactivate" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("This change no longer applies");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Reactivate…" })).ToBeVisibleAsync();

        // An address that asks for the role the user has, or for no role at all, is said beside the field.
        await OpenAsync(page, $"/admin/users/{mentee.Id}?confirm=role&role=wizard");
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("The role is mentee, mentor or admin.");
        await Expect(page.GetByLabel("Role")).ToHaveAttributeAsync("aria-invalid", "true");
        await OpenAsync(page, $"/admin/users/{mentee.Id}?confirm=role&role=Mentor");
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Grace Mentee is already a mentor.");

        // A change confirmed for one role is not made once the role has changed meanwhile (here: to admin).
        await OpenAsync(page, $"/admin/users/{mentee.Id}?confirm=role&role=mentee");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Yes, make them a mentee" })).ToBeVisibleAsync();
        await using (var db = Database.NewContext())
        {
            await db.Users.Where(u => u.Id == mentee.Id).ExecuteUpdateAsync(set => set.SetProperty(u => u.Role, UserRole.Admin), TestContext.Current.CancellationToken);
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Yes, make them a mentee" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("This change no longer applies");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Reactivate…" })).ToBeVisibleAsync();
        await using (var db = Database.NewContext())
        {
            Assert.Equal(UserRole.Admin, (await db.Users.SingleAsync(u => u.Id == mentee.Id, TestContext.Current.CancellationToken)).Role);
        }

        // Their own page offers neither deactivation nor a role, and says why; a forged confirmation is refused.
        await OpenAsync(page, $"/admin/users/{admin.Id}?confirm=deactivate");
        await Expect(page.GetByText("This is your own account. You cannot deactivate or demote yourself: ask another admin.")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Deactivate…" })).ToHaveCountAsync(0);
        await Expect(page.GetByLabel("Role")).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Mark the email as not confirmed…" })).ToBeVisibleAsync();

        // A post made by hand (the page offers none) is refused by the service, in its words.
        await page.EvaluateAsync("() => { const form = document.getElementById('update'); form.querySelector('[name=\"Input.Change\"]').value = 'deactivate'; form.requestSubmit(); }");
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("You cannot deactivate or demote yourself");
        await using (var db = Database.NewContext())
        {
            Assert.True((await db.Users.SingleAsync(u => u.Id == admin.Id, TestContext.Current.CancellationToken)).IsActive);
        }

        AssertNoPageErrors();
    }

    [Fact]
    public async Task The_statistics_chart_and_its_table_show_the_numbers_of_the_api()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        UseClock(clock); // still, so the API and the page count the same twelve weeks even as a new week begins
        var admin = await Database.SeedUserAsync(UserRole.Admin);
        var weeksAgo = new[] { 0, 0, 1, 3, 3, 3, 11 };
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var weeks in weeksAgo)
        {
            var user = await Database.SeedUserAsync(UserRole.Mentee);
            await using var db = Database.NewContext();
            await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(set => set.SetProperty(u => u.CreatedAt, now.AddDays(-7 * weeks)), TestContext.Current.CancellationToken);
        }

        var api = await Api.GetOkAsync(await Api.SignInAsync(App, admin), "/api/v1/admin/stats");
        var expected = api.GetProperty("signUpsPerWeek").EnumerateArray()
            .Select(w => (Week: w.GetProperty("weekStarting").GetString()!, Count: w.GetProperty("count").GetInt32())).ToList();
        Assert.Equal(12, expected.Count);
        Assert.Equal(3, expected.Max(w => w.Count)); // the seeded sign-ups, not only the admin's

        var page = await SignedInPageAsync(admin, width: 375);
        await OpenAsync(page, "/admin/stats");
        var bars = page.Locator("svg rect.bar");
        await Expect(bars).ToHaveCountAsync(12);
        var drawn = new List<(string Week, int Count, double Height)>();
        foreach (var bar in await bars.AllAsync())
        {
            drawn.Add((await bar.GetAttributeAsync("data-week") ?? "", int.Parse(await bar.GetAttributeAsync("data-count") ?? "", CultureInfo.InvariantCulture),
                double.Parse(await bar.GetAttributeAsync("height") ?? "", CultureInfo.InvariantCulture)));
        }

        Assert.Equal(expected, drawn.Select(d => (d.Week, d.Count)));
        var tallest = drawn.MaxBy(d => d.Height);
        Assert.Equal(expected.Max(w => w.Count), tallest.Count);
        Assert.All(drawn, d => Assert.Equal((double)d.Count / tallest.Count, d.Height / tallest.Height, 0.01)); // each height in proportion

        var table = page.GetByRole(AriaRole.Table, new() { Name = "Sign-ups per week, the numbers of the chart" });
        var cells = await table.Locator("tbody td").AllInnerTextsAsync();
        Assert.Equal(expected.Select(w => w.Count.ToString(CultureInfo.InvariantCulture)), cells);
        await Expect(page.GetByRole(AriaRole.Img, new() { Name = "Sign-ups per week, the last 12 weeks" })).ToBeVisibleAsync();
        var mentees = api.GetProperty("usersByRole").GetProperty("mentee").GetInt32();
        await Expect(page.Locator(".stat-grid > div", new() { HasText = "Mentees" })).ToContainTextAsync(mentees.ToString(CultureInfo.InvariantCulture));
        await Expect(page.GetByText("No email has failed.")).ToBeVisibleAsync();
        await AssertNoHorizontalScrollAsync(page);
        await AssertNothingCutOffAsync(page);
        await ScreenshotAsync(page, "admin-stats-375");
        await page.SetViewportSizeAsync(1440, 900);
        await AssertNothingCutOffAsync(page);
        await ScreenshotAsync(page, "admin-stats");
        AssertNoPageErrors();
    }

    [Fact]
    public async Task A_failed_email_named_by_the_statistics_is_sent_again_from_the_emails_page_and_a_stale_second_try_is_told_why()
    {
        var admin = await Database.SeedUserAsync(UserRole.Admin);
        var now = DateTime.UtcNow;
        var failed = new OutboxEmail
        {
            Recipient = "lost@example.com", Subject = "Your session is accepted", Status = OutboxEmailStatus.Failed, Attempts = 12,
            LastError = "550 mailbox unavailable", CreatedAt = now.AddHours(-30), NextAttemptAt = now,
        };
        var sent = new OutboxEmail
        {
            Recipient = "found@example.com", Subject = "Confirm your email", Status = OutboxEmailStatus.Sent, Attempts = 1,
            CreatedAt = now.AddHours(-1), SentAt = now.AddHours(-1), NextAttemptAt = now,
        };
        await Database.SeedAsync(failed, sent);

        var page = await SignedInPageAsync(admin, width: 375);
        var stale = await SignedInPageAsync(admin);
        await OpenAsync(page, "/admin/stats");
        await Expect(page.GetByText("1 email failed every attempt.")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "the failed emails" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Emails");
        var rows = page.Locator("tbody tr");
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows).ToContainTextAsync("to lost@example.com");
        await Expect(rows).ToContainTextAsync("Last error: 550 mailbox unavailable");
        await Expect(page.GetByLabel("Status")).ToHaveValueAsync("failed");
        await AssertAccessibleAsync(page);
        await AssertNothingCutOffAsync(page);
        await ScreenshotAsync(page, "admin-emails-375");
        await OpenAsync(stale, "/admin/emails?status=failed");

        await page.GetByRole(AriaRole.Button, new() { Name = "Send again: “Your session is accepted” to lost@example.com" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("The email to lost@example.com is queued again, with all its attempts ahead of it.");
        await Expect(rows).ToHaveCountAsync(0);
        await using (var db = Database.NewContext())
        {
            var stored = await db.EmailOutbox.SingleAsync(e => e.Id == failed.Id, TestContext.Current.CancellationToken);
            Assert.NotEqual(OutboxEmailStatus.Failed, stored.Status);
            Assert.Equal("email.retry", (await db.AdminAudit.SingleAsync(TestContext.Current.CancellationToken)).Action);
        }

        // The other tab still shows it failed; its try is refused with the reason, and the list shows it as it is now.
        await stale.GetByRole(AriaRole.Button, new() { Name = "Send again: “Your session is accepted” to lost@example.com" }).ClickAsync();
        await Expect(stale.GetByRole(AriaRole.Alert)).ToContainTextAsync("This email has not failed any more");
        await Expect(stale.Locator("tbody tr")).ToHaveCountAsync(0);
        await OpenAsync(stale, "/admin/emails");
        await Expect(stale.Locator("tbody tr")).ToHaveCountAsync(2);
        await AssertNothingCutOffAsync(stale);
        await ScreenshotAsync(stale, "admin-emails");
        AssertNoPageErrors();
    }

    [Fact]
    public async Task The_audit_log_is_filtered_by_admin_and_by_target_and_says_an_address_it_cannot_use()
    {
        var ada = await Database.SeedUserAsync(UserRole.Admin, firstName: "Ada");
        var bob = await Database.SeedUserAsync(UserRole.Admin, firstName: "Bob");
        var grace = await Database.SeedUserAsync(UserRole.Mentee, firstName: "Grace", verified: false);
        var alan = await Database.SeedUserAsync(UserRole.Mentor, firstName: "Alan");
        var adaApi = await Api.SignInAsync(App, ada);
        var bobApi = await Api.SignInAsync(App, bob);
        foreach (var (client, target, body) in new[] { (adaApi, grace, (object)new { isVerified = true }), (bobApi, alan, new { isActive = false }), (bobApi, grace, new { role = "mentor" }) })
        {
            var response = await client.PatchAsJsonAsync($"/api/v1/admin/users/{target.Id}", body, TestContext.Current.CancellationToken);
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        }

        var page = await SignedInPageAsync(ada);
        await OpenAsync(page, "/admin/audit");
        var rows = page.Locator("tbody tr");
        await Expect(rows).ToHaveCountAsync(3);
        await Expect(rows.First).ToContainTextAsync("role: mentee → mentor"); // newest first

        await page.GetByLabel("Admin", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Bob Admin" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        await Expect(rows).ToHaveCountAsync(2);
        await page.GetByRole(AriaRole.Link, new() { Name = "Grace Mentee (only the changes to them)" }).First.ClickAsync();
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(page).ToHaveURLAsync(new Regex($"admin={bob.Id}&target={grace.Id}"));
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "More entries" })).ToHaveCountAsync(0);
        await page.GetByRole(AriaRole.Link, new() { Name = "Show changes to everyone" }).ClickAsync();
        await Expect(rows).ToHaveCountAsync(2);
        await Expect(page.GetByLabel("Admin", new() { Exact = true })).ToHaveValueAsync(bob.Id.ToString());
        await AssertNothingCutOffAsync(page);
        await ScreenshotAsync(page, "admin-audit");

        await OpenAsync(page, "/admin/audit?admin=not-an-id");
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Choose from the list, or clear the filters.");
        await Expect(page.GetByLabel("Admin", new() { Exact = true })).ToHaveAttributeAsync("aria-invalid", "true");
        AssertNoPageErrors();
    }
}

public sealed class AdminConsoleOnSqlite(SqliteFiles server, Chromium chromium) : AdminConsoleTests(server, chromium);
