using Mentori.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mentori.Data.Configuration;

internal sealed class AdminAuditConfiguration(DatabaseProvider provider) : IEntityTypeConfiguration<AdminAuditEntry>
{
    public void Configure(EntityTypeBuilder<AdminAuditEntry> builder)
    {
        builder.ToTable("admin_audit");
        builder.IsUuidKey(provider, "admin_audit");
        builder.Property(a => a.Action).HasMaxLength(50);
        builder.Property(a => a.CreatedAt).HasCurrentTimestampDefault();
        builder.HasOne<User>().WithMany().HasForeignKey(a => a.AdminId)
            .HasConstraintName("admin_audit_admin_id_fkey").OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<User>().WithMany().HasForeignKey(a => a.TargetUserId)
            .HasConstraintName("admin_audit_target_user_id_fkey").OnDelete(DeleteBehavior.SetNull);
        builder.HasIndex(a => new { a.CreatedAt, a.Id }, "idx_admin_audit_newest").HasDatabaseName("idx_admin_audit_newest").IsDescending(true, true);
        builder.HasIndex(a => a.AdminId, "idx_admin_audit_admin_id").HasDatabaseName("idx_admin_audit_admin_id");
        builder.HasIndex(a => a.TargetUserId, "idx_admin_audit_target_user_id").HasDatabaseName("idx_admin_audit_target_user_id");
    }
}
