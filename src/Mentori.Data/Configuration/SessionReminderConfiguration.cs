using Mentori.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mentori.Data.Configuration;

internal sealed class SessionReminderConfiguration : IEntityTypeConfiguration<SessionReminder>
{
    public void Configure(EntityTypeBuilder<SessionReminder> builder)
    {
        builder.ToTable("session_reminders");
        builder.HasKey(r => r.SessionId).HasName("session_reminders_pkey");
        builder.Property(r => r.SessionId).ValueGeneratedNever();
        builder.HasOne<Session>().WithOne()
            .HasForeignKey<SessionReminder>(r => r.SessionId)
            .HasConstraintName("session_reminders_session_id_fkey")
            .OnDelete(DeleteBehavior.Cascade);
    }
}
