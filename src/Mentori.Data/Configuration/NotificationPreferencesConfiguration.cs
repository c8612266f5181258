using Mentori.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mentori.Data.Configuration;

internal sealed class NotificationPreferencesConfiguration : IEntityTypeConfiguration<NotificationPreferences>
{
    public void Configure(EntityTypeBuilder<NotificationPreferences> builder)
    {
        builder.ToTable("notification_preferences");
        builder.HasKey(p => p.UserId).HasName("notification_preferences_pkey");
        builder.Property(p => p.UserId).ValueGeneratedNever();
        builder.HasOne<User>().WithOne()
            .HasForeignKey<NotificationPreferences>(p => p.UserId)
            .HasConstraintName("notification_preferences_user_id_fkey")
            .OnDelete(DeleteBehavior.Cascade);
    }
}
