using Mentori.Data;
using Mentori.Data.Entities;
using Mentori.Server.Features.Sessions;
using Mentori.Server.Infrastructure.Problems;
using Microsoft.EntityFrameworkCore;

namespace Mentori.Server.Features.Mentors;

/// <summary>
/// A mentor's free times (api.md, <c>GET /mentors/{id}/slots</c>): starts on a 30-minute grid from the start of
/// each available stretch, long enough for the duration, far enough ahead for a request to be answered in time
/// (<see cref="RequestDeadline"/>), clear of the mentor's accepted sessions.
/// </summary>
public sealed class MentorSlots(MentoriDb db, TimeProvider clock, RequestDeadline deadline)
{
    public static readonly TimeSpan Grid = TimeSpan.FromMinutes(30);
    public static readonly TimeSpan MaxWindow = TimeSpan.FromDays(31);
    public static readonly TimeSpan DefaultWindow = TimeSpan.FromDays(7);

    // Far enough either way for any calendar, and far from the ends of DateTime, whose arithmetic would overflow.
    private static readonly DateTimeOffset Earliest = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Latest = new(2200, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static bool InRange(DateTimeOffset value) => value >= Earliest && value <= Latest;

    public async Task<FreeSlots> FindAsync(Guid mentorId, DateTimeOffset? from, DateTimeOffset? to, int? duration, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var length = TimeSpan.FromMinutes(duration ?? SessionRules.DefaultDuration);
        if (SessionRules.DurationProblem(duration) is { } durationProblem)
        {
            errors.Add("duration", durationProblem);
        }

        var now = clock.StoredUtcNow();
        errors.AddIf(from is not null && !InRange(from.Value), "from", $"Dates are between {Earliest:yyyy-MM-dd} and {Latest:yyyy-MM-dd}.");
        errors.AddIf(to is not null && !InRange(to.Value), "to", $"Dates are between {Earliest:yyyy-MM-dd} and {Latest:yyyy-MM-dd}.");
        errors.ThrowIfAny();
        var start = from?.UtcDateTime ?? now;
        var end = to?.UtcDateTime ?? start + DefaultWindow;
        errors.AddIf(end <= start, "to", "The end must be after the start.");
        errors.AddIf(end - start > MaxWindow, "to", $"At most {MaxWindow.TotalDays} days per request.");
        errors.ThrowIfAny();

        var mentor = await MentorDirectory.ListedMentorProfiles(db)
            .Where(p => p.UserId == mentorId)
            .Select(p => new { p.Timezone, p.Availability })
            .SingleOrDefaultAsync(cancellationToken) ?? throw MentorDirectory.NotAMentor();
        var week = new WeeklyAvailability(mentor.Availability ?? [], WeeklyAvailability.ZoneOf(mentor.Timezone));

        var busy = (await db.Sessions.AsNoTracking()
                .Where(s => s.MentorId == mentorId).AcceptedNear(start, end)
                .Select(s => new { s.ScheduledAt, s.Duration })
                .ToListAsync(cancellationToken))
            .Select(s => (Start: s.ScheduledAt, End: SessionRules.EndOf(s.ScheduledAt, s.Duration)))
            .ToList();

        var slots = new List<TimeSlot>();
        foreach (var (open, close) in week.Intervals(start, end))
        {
            for (var slot = open; slot + length <= close; slot += Grid)
            {
                var slotEnd = slot + length;
                if (slot >= start && slotEnd <= end && deadline.IsOpen(now, slot, now) && !busy.Any(b => SessionRules.Overlaps(slot, slotEnd, b.Start, b.End)))
                {
                    slots.Add(new TimeSlot(slot, slotEnd));
                }
            }
        }

        return new FreeSlots(week.Zone.Id, slots);
    }
}
