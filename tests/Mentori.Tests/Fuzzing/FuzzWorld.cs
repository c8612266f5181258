using Mentori.Data.Entities;

namespace Mentori.Tests.Fuzzing;

/// <summary>
/// What the generated requests act on: a mentee, a mentor and an admin who send them, other people, and sessions of
/// the two in every state — pending requests that overlap one another, so that accepts race the overlap rule — with
/// messages and ratings. <see cref="Ids"/> grows with what the requests create.
/// </summary>
public sealed record FuzzWorld(User Mentee, User Mentor, User Admin, List<Guid> Ids, List<Guid> OthersIds)
{
    public static async Task<FuzzWorld> SeedAsync(TestDatabase database)
    {
        var mentor = await database.SeedUserAsync(UserRole.Mentor, availability: TestData.AllWeek(), timezone: "UTC");
        var mentee = await database.SeedUserAsync(UserRole.Mentee);
        var admin = await database.SeedUserAsync(UserRole.Admin);
        var others = new List<User>();
        for (var i = 0; i < 3; i++)
        {
            others.Add(await database.SeedUserAsync(UserRole.Mentor, availability: TestData.AllWeek()));
            others.Add(await database.SeedUserAsync(UserRole.Mentee));
            others.Add(await database.SeedUserAsync(UserRole.Mentee, verified: false));
        }

        var soon = DateTime.UtcNow.Date.AddDays(3).AddHours(9);
        var sessions = new List<Session>();
        for (var i = 0; i < 12; i++)
        {
            sessions.Add(TestData.NewSession(mentor, mentee, soon.AddMinutes(30 * (i % 4)), SessionStatus.Pending, 90)); // overlapping
        }

        sessions.Add(TestData.NewSession(mentor, mentee, soon.AddDays(1), SessionStatus.Accepted));
        sessions.Add(TestData.NewSession(mentor, mentee, soon.AddDays(-10), SessionStatus.Accepted)); // started: may be completed
        sessions.Add(TestData.NewSession(mentor, mentee, soon.AddDays(2), SessionStatus.Cancelled));
        sessions.Add(TestData.NewSession(mentor, others[1], soon.AddDays(4), SessionStatus.Pending));
        var completed = Enumerable.Range(1, 6).Select(i => TestData.NewSession(mentor, mentee, soon.AddDays(-20 - i), SessionStatus.Completed)).ToList();
        sessions.AddRange(completed);
        var (rated, rating) = TestData.CompletedAndRated(mentor, others[1], others[1], 4);
        var messages = Enumerable.Range(0, 5).Select(i => new Message
        {
            SenderId = i % 2 == 0 ? mentee.Id : mentor.Id, ReceiverId = i % 2 == 0 ? mentor.Id : mentee.Id, Content = $"Message {i}",
        }).ToList();
        await database.SeedAsync<object>([.. sessions, rated, rating, .. messages]);

        List<Guid> othersIds = [.. others.Select(u => u.Id), .. sessions.Select(s => s.Id), rated.Id, rating.Id, .. messages.Select(m => m.Id)];
        return new FuzzWorld(mentee, mentor, admin, [.. othersIds, mentee.Id, mentor.Id, admin.Id], othersIds);
    }
}
