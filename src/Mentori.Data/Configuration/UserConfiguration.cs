using Mentori.Data.Conversions;
using Mentori.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mentori.Data.Configuration;

internal sealed class UserConfiguration(DatabaseProvider provider) : IEntityTypeConfiguration<User>
{
    public void Configure(EntityTypeBuilder<User> builder)
    {
        builder.ToTable("users", table => table.HasCheckConstraint("users_role_check", "role IN ('mentor', 'mentee', 'admin')"));
        builder.IsUuidKey(provider, "users");

        builder.Property(u => u.Email).HasMaxLength(255);
        builder.Property(u => u.PasswordHash).HasMaxLength(255);
        builder.Property(u => u.Role).HasMaxLength(20).HasConversion(new LowerCaseEnumConverter<UserRole>());
        builder.Property(u => u.IsActive).HasStoreDefault(true);
        builder.Property(u => u.IsVerified).HasStoreDefault(false);
        builder.Property(u => u.CreatedAt).HasCurrentTimestampDefault();
        builder.Property(u => u.UpdatedAt).HasCurrentTimestampDefault();

        builder.HasNamedIndex(u => u.Email, "users_email_key").IsUnique();
        builder.HasNamedIndex(u => u.Email, "idx_users_email");
        builder.HasNamedIndex(u => u.Role, "idx_users_role");
        builder.HasNamedIndex(u => u.IsActive, "idx_users_is_active");
    }
}
