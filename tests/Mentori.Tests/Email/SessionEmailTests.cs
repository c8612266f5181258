using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Ical.Net;
using Mentori.Data.Entities;
using MimeKit;

namespace Mentori.Tests.Email;

/// <summary>
/// A booking across three zones, through the real API: the slot the mentee picks, the emails each side reads in
/// their own zone, and the calendar files, all naming the same instant. Kathmandu keeps UTC+05:45 all year and New
/// York is on UTC-05:00 every January, so the expected times are the zones' published rules, not the code's sums.
/// </summary>
public abstract class SessionEmailTests(ITestDatabaseServer server) : DatabaseTest(server)
{
    [Fact]
    public async Task Slots_emails_and_calendar_files_agree_in_every_readers_zone_and_a_cancellation_removes_the_event()
    {
        var day = SecondTuesdayOfJanuaryNextYear();
        var mentor = await Database.SeedUserAsync(UserRole.Mentor,
            availability: new() { ["tuesday"] = ["18:30-20:00"] }, timezone: "Asia/Kathmandu");
        var mentee = await Database.SeedUserAsync(UserRole.Mentee);
        await using var app = new MentoriApp(Database);
        var menteeClient = await SignInAsync(app, mentee);
        var mentorClient = await SignInAsync(app, mentor);
        Assert.Equal(HttpStatusCode.OK, (await menteeClient.PutAsJsonAsync("/api/v1/me/profile",
            new { firstName = "Ada", lastName = "Lovelace", timezone = "America/New_York" }, TestContext.Current.CancellationToken)).StatusCode);

        var slots = await GetOkAsync(menteeClient, $"/api/v1/mentors/{mentor.Id}/slots?from={day:yyyy-MM-dd}T00:00:00Z&to={day.AddDays(1):yyyy-MM-dd}T00:00:00Z");
        var start = slots.GetProperty("items")[0].GetProperty("start").GetDateTime().ToUniversalTime();
        var requested = await (await RequestAsync(menteeClient, mentor.Id, start)).JsonAsync();
        var sessionId = requested.GetProperty("id").GetGuid();
        var request = await app.WaitForEmailAsync(mentor.Email, "New session request");
        Assert.Equal(HttpStatusCode.OK, (await ActAsync(mentorClient, sessionId, "accept", new { meetingLink = "https://meet.example.com/ada" })).StatusCode);
        var accepted = await app.WaitForEmailAsync(mentee.Email, "accepted your session");
        Assert.Equal(HttpStatusCode.OK, (await ActAsync(menteeClient, sessionId, "cancel")).StatusCode);
        var cancelledForMentor = await app.WaitForEmailAsync(mentor.Email, "cancelled your session");
        var cancelledForMentee = await app.WaitForEmailAsync(mentee.Email, "You cancelled your session");
        var download = await menteeClient.GetStringAsync($"/api/v1/sessions/{sessionId}/calendar.ics", TestContext.Current.CancellationToken);

        var date = day.ToString("dddd d MMMM yyyy", CultureInfo.InvariantCulture);
        Assert.Equal(day.AddHours(12).AddMinutes(45), start); // 18:30 in Kathmandu is 12:45 UTC
        Assert.Contains($"{date}, 18:30 Asia/Kathmandu (UTC+05:45; 12:45 UTC)", request.TextBody);
        Assert.Contains($"{date}, 07:45 America/New_York (UTC-05:00; 12:45 UTC)", accepted.TextBody);

        var invitation = Calendar(accepted, "REQUEST");
        var invited = Assert.Single(invitation.Events);
        Assert.Equal(start, invited.Start!.AsUtc);
        Assert.Equal(start.AddMinutes(60), invited.End!.AsUtc);
        Assert.Equal($"mailto:{mentor.Email}", invited.Organizer!.Value!.ToString());
        Assert.Contains(invited.Attendees, a => a.Value!.ToString() == $"mailto:{mentee.Email}");

        foreach (var email in new[] { cancelledForMentor, cancelledForMentee })
        {
            var cancelled = Assert.Single(Calendar(email, "CANCEL").Events);
            Assert.Equal(invited.Uid, cancelled.Uid);
            Assert.True(cancelled.Sequence > invited.Sequence);
            Assert.Equal("CANCELLED", cancelled.Status);
        }

        Assert.Equal("CANCELLED", Assert.Single(Ical.Net.Calendar.Load(download)!.Events).Status);
    }

    /// <summary>
    /// The Monday after a zone's clock change (next year's, found from the zone's published rule: the nth or last
    /// Sunday of the month), booked from the mentor's availability: the slot, both emails and the invitation give
    /// the instant the published offsets give, each reader in their own zone.
    /// </summary>
    [Theory]
    // Berlin has just gone to summer time (last Sunday of March); New York did so on the second Sunday of March.
    [InlineData("Europe/Berlin", 3, -1, "09:00", "+02:00", "America/New_York", "-04:00")]
    // New York has just gone to summer time; Berlin is still on winter time.
    [InlineData("America/New_York", 3, 2, "10:00", "-04:00", "Europe/Berlin", "+01:00")]
    // Lord Howe has just gone back by half an hour (first Sunday of April); the UTC day is the day before.
    [InlineData("Australia/Lord_Howe", 4, 1, "09:00", "+10:30", "Asia/Kathmandu", "+05:45")]
    // Berlin is back on winter time (last Sunday of October); New York changes only in November.
    [InlineData("Europe/Berlin", 10, -1, "09:00", "+01:00", "America/New_York", "-04:00")]
    public async Task After_a_clock_change_the_slot_both_emails_and_the_invitation_name_the_published_instant(
        string mentorZone, int month, int sunday, string from, string mentorOffset, string menteeZone, string menteeOffset)
    {
        var monday = SundayOf(DateTime.UtcNow.Year + 1, month, sunday).AddDays(1);
        var startsAt = TimeOnly.ParseExact(from, "HH:mm", CultureInfo.InvariantCulture);
        var expected = DateTime.SpecifyKind(monday.ToDateTime(startsAt) - Offset(mentorOffset), DateTimeKind.Utc);
        var mentor = await Database.SeedUserAsync(UserRole.Mentor,
            availability: new() { ["monday"] = [$"{from}-{startsAt.AddHours(1):HH:mm}"] }, timezone: mentorZone);
        var mentee = await Database.SeedUserAsync(UserRole.Mentee);
        await using var app = new MentoriApp(Database);
        var menteeClient = await SignInAsync(app, mentee);
        Assert.Equal(HttpStatusCode.OK, (await menteeClient.PutAsJsonAsync("/api/v1/me/profile",
            new { firstName = "Ada", lastName = "Lovelace", timezone = menteeZone }, TestContext.Current.CancellationToken)).StatusCode);

        var slots = await GetOkAsync(menteeClient, $"/api/v1/mentors/{mentor.Id}/slots?from={monday.AddDays(-1):yyyy-MM-dd}T00:00:00Z&to={monday.AddDays(2):yyyy-MM-dd}T00:00:00Z");
        var start = slots.GetProperty("items")[0].GetProperty("start").GetDateTime().ToUniversalTime();
        var sessionId = (await (await RequestAsync(menteeClient, mentor.Id, start)).JsonAsync()).GetProperty("id").GetGuid();
        var request = await app.WaitForEmailAsync(mentor.Email, "New session request");
        Assert.Equal(HttpStatusCode.OK, (await ActAsync(await SignInAsync(app, mentor), sessionId, "accept")).StatusCode);
        var accepted = await app.WaitForEmailAsync(mentee.Email, "accepted your session");

        Assert.Equal(expected, start);
        Assert.Contains(Reference(expected, mentorZone, mentorOffset), request.TextBody);
        Assert.Contains(Reference(expected, menteeZone, menteeOffset), accepted.TextBody);
        Assert.Equal(expected, Assert.Single(Calendar(accepted, "REQUEST").Events).Start!.AsUtc);
    }

    [Fact]
    public async Task Every_email_has_a_plain_and_an_escaped_html_part_with_the_link_to_its_page()
    {
        var mentor = await Database.SeedUserAsync(UserRole.Mentor);
        var mentee = await Database.SeedUserAsync(UserRole.Mentee);
        await using var app = new MentoriApp(Database);
        var client = await SignInAsync(app, mentee);

        var created = await (await RequestAsync(client, mentor.Id, TestData.NextYearAt(10), menteeNotes: "<script>alert(1)</script> & more")).JsonAsync();
        var email = await app.WaitForEmailAsync(mentor.Email, "New session request");

        var link = $"http://localhost:5080/sessions/{created.GetProperty("id").GetGuid()}";
        Assert.Equal("multipart/alternative", email.Body!.ContentType.MimeType);
        Assert.Contains(link, email.TextBody);
        Assert.Contains($"<a href=\"{link}\">{link}</a>", email.HtmlBody);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; more", email.HtmlBody);
        Assert.DoesNotContain("<script>", email.HtmlBody);
        Assert.Contains("<html lang=\"en\">", email.HtmlBody);
        Assert.Contains("<title>", email.HtmlBody);
    }

    /// <summary>The single calendar file attached to <paramref name="email"/>, parsed back with Ical.Net.</summary>
    private static Ical.Net.Calendar Calendar(MimeMessage email, string method)
    {
        var part = Assert.Single(email.Attachments.OfType<MimePart>(), p => p.ContentType.MimeType == "text/calendar");
        Assert.Equal(method, part.ContentType.Parameters["method"]);
        using var content = new MemoryStream();
        part.Content!.DecodeTo(content);
        var calendar = Ical.Net.Calendar.Load(System.Text.Encoding.UTF8.GetString(content.ToArray()))!;
        Assert.Equal(method, calendar.Method);
        return calendar;
    }

    /// <summary>The <paramref name="nth"/> Sunday of the month, or with -1 the last.</summary>
    private static DateOnly SundayOf(int year, int month, int nth)
    {
        var first = new DateOnly(year, month, 1);
        var firstSunday = first.AddDays(((int)DayOfWeek.Sunday - (int)first.DayOfWeek + 7) % 7);
        if (nth > 0)
        {
            return firstSunday.AddDays(7 * (nth - 1));
        }

        var last = firstSunday;
        while (last.AddDays(7).Month == month)
        {
            last = last.AddDays(7);
        }

        return last;
    }

    private static TimeSpan Offset(string offset) =>
        TimeSpan.ParseExact(offset[1..], @"hh\:mm", CultureInfo.InvariantCulture) * (offset[0] == '-' ? -1 : 1);

    /// <summary>The time as the email should read it, worked out from the published offset alone.</summary>
    private static string Reference(DateTime utc, string zone, string offset)
    {
        var local = utc + Offset(offset);
        var utcDay = local.Date == utc.Date ? "" : $" on {utc.ToString("dddd d MMMM", CultureInfo.InvariantCulture)}";
        return string.Create(CultureInfo.InvariantCulture, $"{local:dddd d MMMM yyyy}, {local:HH:mm} {zone} (UTC{offset}; {utc:HH:mm} UTC{utcDay})");
    }

    private static DateTime SecondTuesdayOfJanuaryNextYear()
    {
        var first = new DateTime(DateTime.UtcNow.Year + 1, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        return first.AddDays(((int)DayOfWeek.Tuesday - (int)first.DayOfWeek + 7) % 7 + 7);
    }
}

public sealed class SessionEmailOnPostgres(PostgresServer server) : SessionEmailTests(server);

public sealed class SessionEmailOnSqlite(SqliteFiles server) : SessionEmailTests(server);
