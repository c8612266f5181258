using Mentori.Data.Conversions;
using Mentori.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mentori.Data.Configuration;

/// <summary>
/// The rule that a mentor's accepted sessions never overlap is not expressible in EF's model: the migrations
/// add it by hand (an exclusion constraint on PostgreSQL, a trigger on SQLite).
/// </summary>
internal sealed class SessionConfiguration(DatabaseProvider provider) : IEntityTypeConfiguration<Session>
{
    public const string DeclineReasonCheck = "sessions_decline_reason_check";

    /// <summary>A declined session says why; no other has a reason.</summary>
    public const string DeclineReasonRule =
        "(status = 'declined' AND decline_reason IS NOT NULL AND decline_reason IN ('mentor', 'expired')) OR (status <> 'declined' AND decline_reason IS NULL)";

    private const string PendingFilter = "status = 'pending'";

    public void Configure(EntityTypeBuilder<Session> builder)
    {
        builder.ToTable("sessions", table =>
        {
            table.HasCheckConstraint("sessions_status_check",
                "status IN ('pending', 'accepted', 'declined', 'completed', 'cancelled')");
            table.HasCheckConstraint("sessions_duration_check", "duration >= 30 AND duration <= 180");
            table.HasCheckConstraint("sessions_distinct_participants_check", "mentor_id <> mentee_id");
            if (provider == DatabaseProvider.Postgres)
            {
                table.HasCheckConstraint(DeclineReasonCheck, DeclineReasonRule); // on SQLite, triggers (adding a CHECK there rebuilds the table, and its triggers with it)
            }
        });
        builder.IsUuidKey(provider, "sessions");

        builder.Property(s => s.Status).HasMaxLength(20).HasConversion(new LowerCaseEnumConverter<SessionStatus>());
        builder.Property(s => s.DeclineReason).HasMaxLength(20).HasConversion(new LowerCaseEnumConverter<DeclineReason>());
        builder.Property(s => s.Duration).HasColumnType("integer").HasStoreDefault(60);
        builder.Property(s => s.MeetingLink).HasMaxLength(500);
        builder.Property(s => s.CreatedAt).HasCurrentTimestampDefault();
        builder.Property(s => s.UpdatedAt).HasCurrentTimestampDefault();

        builder.HasOne(s => s.Mentor).WithMany()
            .HasForeignKey(s => s.MentorId)
            .HasConstraintName("sessions_mentor_id_fkey")
            .OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(s => s.Mentee).WithMany()
            .HasForeignKey(s => s.MenteeId)
            .HasConstraintName("sessions_mentee_id_fkey")
            .OnDelete(DeleteBehavior.Cascade);

        builder.HasNamedIndex(s => s.MentorId, "idx_sessions_mentor_id");
        builder.HasNamedIndex(s => s.MenteeId, "idx_sessions_mentee_id");
        builder.HasNamedIndex(s => s.Status, "idx_sessions_status");
        builder.HasNamedIndex(s => s.ScheduledAt, "idx_sessions_scheduled_at");
        builder.HasNamedIndex(s => new { s.MentorId, s.Status }, "idx_sessions_mentor_status");
        builder.HasNamedIndex(s => new { s.MenteeId, s.Status }, "idx_sessions_mentee_status");

        // Not in the document: each participant's list, newest start first, paged by (scheduled_at, id).
        builder.HasNamedIndex(s => new { s.MentorId, s.ScheduledAt, s.Id }, "idx_sessions_mentor_schedule").IsDescending(false, true, true);
        builder.HasNamedIndex(s => new { s.MenteeId, s.ScheduledAt, s.Id }, "idx_sessions_mentee_schedule").IsDescending(false, true, true);

        // Not in the document: the open requests by age and by start, for the expiry and the reminders, which ask every
        // 30 seconds for the few past a time among millions of sessions.
        builder.HasNamedIndex(s => s.CreatedAt, "idx_sessions_pending_made").HasFilter(PendingFilter);
        builder.HasNamedIndex(s => s.ScheduledAt, "idx_sessions_pending_start").HasFilter(PendingFilter);
    }
}
