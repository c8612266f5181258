using Mentori.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mentori.Data.Configuration;

internal sealed class BackupRunConfiguration : IEntityTypeConfiguration<BackupRun>
{
    public void Configure(EntityTypeBuilder<BackupRun> builder)
    {
        builder.ToTable("backup_runs");
        builder.HasKey(r => r.Id).HasName("backup_runs_pkey");
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.HasIndex(r => r.ScheduledFor).IsUnique().HasDatabaseName("backup_runs_scheduled_for_key");
        builder.HasIndex(r => r.FinishedAt).HasDatabaseName("idx_backup_runs_finished_at");
        builder.Property(r => r.FileName).HasMaxLength(255);
        builder.Property(r => r.Error).HasMaxLength(1000);
    }
}
