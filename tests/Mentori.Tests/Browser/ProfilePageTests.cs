using Mentori.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Mentori.Tests.Browser;

/// <summary>A member's own profile: what mentees see of a mentor, and a mentor's week, edited in the browser.</summary>
public abstract class ProfilePageTests(ITestDatabaseServer server, Chromium chromium) : BrowserTest(server, chromium)
{
    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    /// <summary>A PNG of 1.5 MB, as a phone's photo is (above Kestrel's 1 MB default); what follows its end is ignored when shown.</summary>
    private static byte[] LargePng() => [.. Png, .. new byte[1_500_000]];

    [Fact]
    public async Task A_mentor_sets_expertise_and_a_week_and_mentees_see_them_after_the_mistakes_are_named()
    {
        await Database.SeedAsync(TestData.NewMentor("Other", "Mentor", expertise: ["Kubernetes"]));
        var mentor = await Database.SeedUserAsync(UserRole.Mentor, timezone: "Europe/Lisbon");
        var page = await SignedInPageAsync(mentor);
        await OpenAsync(page, "/profile");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("My profile");
        Assert.Contains("Kubernetes", await page.Locator("#expertise-suggestions option").EvaluateAllAsync<string[]>("options => options.map(o => o.value)"));

        await page.GetByLabel("About you").FillAsync("Twenty years of compilers.");
        await Expect(page.GetByLabel("About you")).ToHaveAccessibleDescriptionAsync(new System.Text.RegularExpressions.Regex("26 of 1000 characters"));
        await page.GetByLabel("Add expertise (separated by commas)").FillAsync("Compilers, Rust");
        await page.GetByLabel("Years of experience").FillAsync("12");
        await page.GetByLabel("Monday, range 1, from").FillAsync("09:00");
        await page.GetByLabel("Monday, range 1, until").FillAsync("17:00"); // a Monday free time is in any next seven days, DST or not
        await page.GetByLabel("Tuesday, range 1, from").FillAsync("12:00");
        await page.GetByLabel("Tuesday, range 1, until").FillAsync("09:00");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save my profile" }).ClickAsync();

        // The service's message by the day it is about; nothing saved, nothing typed lost.
        await Expect(page.Locator(".error-summary")).ToBeFocusedAsync();
        await Expect(page.Locator("[id='availability.tuesday']")).ToContainTextAsync("A range is \"H:MM-H:MM\" with the start before the end");
        await Expect(page.GetByLabel("Monday, range 1, from")).ToHaveValueAsync("09:00");
        await Expect(page.GetByLabel("Compilers")).ToBeCheckedAsync();
        await AssertAccessibleAsync(page);

        await page.GetByLabel("Tuesday, range 1, until").FillAsync("00:00"); // until midnight
        await page.GetByRole(AriaRole.Button, new() { Name = "Save my profile" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Your profile is saved.");
        await Expect(page.GetByLabel("Monday, range 2, from")).ToHaveValueAsync(""); // room for a second range now
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Your free times in the next seven days" })).ToContainTextAsync("Monday");
        await ScreenshotAsync(page, "profile-mentor");
        await using (var db = Database.NewContext())
        {
            var stored = await db.Profiles.AsNoTracking().SingleAsync(p => p.UserId == mentor.Id, TestContext.Current.CancellationToken);
            Assert.Equal(["Compilers", "Rust"], stored.Expertise);
            Assert.Equal(["9:00-17:00"], stored.Availability!["monday"]);
            Assert.Equal(["12:00-24:00"], stored.Availability["tuesday"]);
            Assert.Equal(12, stored.YearsExperience);
        }

        // Untick a topic to drop it; mentees see the rest on the mentor's page.
        await page.GetByLabel("Rust").UncheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save my profile" }).ClickAsync();
        await Expect(page.GetByLabel("Rust")).ToHaveCountAsync(0); // the form shows the profile as stored again (the toast is still the first save's)
        await OpenAsync(page, $"/mentors/{mentor.Id}");
        await Expect(page.GetByRole(AriaRole.List, new() { Name = "Expertise" })).ToHaveTextAsync("Compilers");
        await Expect(page.GetByText("Twenty years of compilers.")).ToBeVisibleAsync();
        AssertNoPageErrors();
    }

    [Fact]
    public async Task A_mentee_uploads_a_photo_and_removes_it_and_sets_interests_at_375_px()
    {
        var mentee = await Database.SeedUserAsync(UserRole.Mentee);
        var page = await SignedInPageAsync(mentee, width: 375);
        await OpenAsync(page, "/profile");
        await AssertNoHorizontalScrollAsync(page);

        await page.GetByRole(AriaRole.Button, new() { Name = "Upload the photo" }).ClickAsync();
        await Expect(page.GetByLabel("Choose a photo")).ToHaveAccessibleDescriptionAsync(new System.Text.RegularExpressions.Regex("Choose a photo first."));
        await page.GetByLabel("Choose a photo").SetInputFilesAsync(new FilePayload { Name = "me.png", MimeType = "image/png", Buffer = LargePng() });
        await Expect(page.Locator("#photo-preview")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload the photo" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Your new photo is saved.");
        await Expect(page.Locator(".photo-row img.avatar").First).ToHaveAttributeAsync("src", new System.Text.RegularExpressions.Regex("^/media/profile-images/"));

        await page.GetByLabel("Add interests (separated by commas)").FillAsync("System design, Public speaking");
        await page.GetByLabel("Your experience").SelectOptionAsync("intermediate");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save my profile" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Your profile is saved.");
        await Expect(page.GetByLabel("Public speaking")).ToBeCheckedAsync();
        await AssertAccessibleAsync(page);
        await AssertNoHorizontalScrollAsync(page);
        await ScreenshotAsync(page, "profile-375");

        await page.GetByRole(AriaRole.Button, new() { Name = "Remove my photo" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Your photo is removed.");
        await Expect(page.Locator(".photo-row .avatar-initials")).ToBeVisibleAsync();
        await using var db = Database.NewContext();
        var stored = await db.Profiles.AsNoTracking().SingleAsync(p => p.UserId == mentee.Id, TestContext.Current.CancellationToken);
        Assert.Equal((null, "intermediate"), (stored.ProfileImage, stored.ExperienceLevel));
        Assert.Equal(["System design", "Public speaking"], stored.Interests);
        AssertNoPageErrors();
    }
}

public sealed class ProfilePageOnSqlite(SqliteFiles server, Chromium chromium) : ProfilePageTests(server, chromium);
