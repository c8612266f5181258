using Mentori.Data.Conversions;
using Mentori.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mentori.Data.Configuration;

internal sealed class OutboxEmailConfiguration : IEntityTypeConfiguration<OutboxEmail>
{
    public void Configure(EntityTypeBuilder<OutboxEmail> builder)
    {
        builder.ToTable("email_outbox", table =>
        {
            table.HasCheckConstraint("email_outbox_status_check", "status IN ('queued', 'sent', 'failed')");
            table.HasCheckConstraint("email_outbox_attempts_check", "attempts >= 0");
        });
        builder.HasKey(e => e.Id).HasName("email_outbox_pkey");
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.Recipient).HasMaxLength(255);
        builder.Property(e => e.Subject).HasMaxLength(500);
        builder.Property(e => e.Status).HasMaxLength(20).HasConversion(new LowerCaseEnumConverter<OutboxEmailStatus>());
        builder.Property(e => e.LastError).HasMaxLength(1000);

        // The sender's claim reads the queued rows by due time; the statistics count by status.
        builder.HasIndex(e => new { e.Status, e.NextAttemptAt }).HasDatabaseName("idx_email_outbox_status_next_attempt_at");
    }
}
