using Mentori.Data.Entities;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Mentori.Tests.Browser;

/// <summary>A mentee's recommendations: the mentors whose expertise meets the mentee's interests, and why.</summary>
public abstract class RecommendedMentorsPageTests(ITestDatabaseServer server, Chromium chromium) : BrowserTest(server, chromium)
{
    [Fact]
    public async Task A_mentee_sees_the_mentors_matching_their_interests_with_the_matched_topics_and_a_mentor_is_told_they_are_for_mentees()
    {
        await Database.SeedAsync(
            TestData.NewMentor("Grace", "Hopper", expertise: ["Compilers", "Leadership"]),
            TestData.NewMentor("Alan", "Turing", expertise: ["Cryptography"]));
        var mentee = await Database.SeedUserAsync(UserRole.Mentee);
        await using (var db = Database.NewContext())
        {
            (await db.Profiles.FindAsync([mentee.Profile!.Id], TestContext.Current.CancellationToken))!.Interests = ["compilers"];
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        var page = await SignedInPageAsync(mentee);
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "For me" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Mentors for your interests");
        await Expect(page.Locator(".mentor-card h3")).ToHaveTextAsync(["Grace Hopper"]);
        await Expect(page.Locator(".mentor-card .matched")).ToHaveTextAsync("Matches your interests: Compilers");
        await AssertAccessibleAsync(page);

        var mentor = await Database.SeedUserAsync(UserRole.Mentor);
        var mentorPage = await SignedInPageAsync(mentor);
        await Expect(mentorPage.GetByRole(AriaRole.Link, new() { Name = "For me" })).ToHaveCountAsync(0);
        await OpenAsync(mentorPage, "/mentors/recommended");
        await Expect(mentorPage.GetByText("Recommendations match a mentee's interests with mentors' expertise.")).ToBeVisibleAsync();
        AssertNoPageErrors();
    }
}

public sealed class RecommendedMentorsPageOnSqlite(SqliteFiles server, Chromium chromium) : RecommendedMentorsPageTests(server, chromium);
