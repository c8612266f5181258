using Mentori.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mentori.Data.Configuration;

internal sealed class RequestReminderConfiguration : IEntityTypeConfiguration<RequestReminder>
{
    public void Configure(EntityTypeBuilder<RequestReminder> builder)
    {
        builder.ToTable("request_reminders");
        builder.HasKey(r => r.SessionId).HasName("request_reminders_pkey");
        builder.Property(r => r.SessionId).ValueGeneratedNever();
        builder.HasOne<Session>().WithOne()
            .HasForeignKey<RequestReminder>(r => r.SessionId)
            .HasConstraintName("request_reminders_session_id_fkey")
            .OnDelete(DeleteBehavior.Cascade);
    }
}
