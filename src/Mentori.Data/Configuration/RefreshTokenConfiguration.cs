using Mentori.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mentori.Data.Configuration;

internal sealed class RefreshTokenConfiguration(DatabaseProvider provider) : IEntityTypeConfiguration<RefreshToken>
{
    public void Configure(EntityTypeBuilder<RefreshToken> builder)
    {
        builder.ToTable("refresh_tokens");
        builder.IsUuidKey(provider, "refresh_tokens");

        builder.Property(t => t.TokenHash).HasMaxLength(64);
        builder.Property(t => t.CreatedAt).HasCurrentTimestampDefault();

        builder.HasOne(t => t.User).WithMany()
            .HasForeignKey(t => t.UserId)
            .HasConstraintName("refresh_tokens_user_id_fkey")
            .OnDelete(DeleteBehavior.Cascade);

        builder.HasNamedIndex(t => t.TokenHash, "refresh_tokens_token_hash_key").IsUnique();
        builder.HasNamedIndex(t => t.FamilyId, "idx_refresh_tokens_family_id");
        builder.HasNamedIndex(t => t.UserId, "idx_refresh_tokens_user_id");
    }
}
