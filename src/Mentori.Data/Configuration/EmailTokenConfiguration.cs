using Mentori.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Mentori.Data.Configuration;

internal sealed class EmailTokenConfiguration(DatabaseProvider provider) : IEntityTypeConfiguration<EmailToken>
{
    public void Configure(EntityTypeBuilder<EmailToken> builder)
    {
        builder.ToTable("email_tokens", table =>
            table.HasCheckConstraint("email_tokens_purpose_check", "purpose IN ('verify_email', 'reset_password')"));
        builder.IsUuidKey(provider, "email_tokens");

        builder.Property(t => t.Purpose).HasMaxLength(20).HasConversion(new ValueConverter<EmailTokenPurpose, string>(
            purpose => purpose == EmailTokenPurpose.VerifyEmail ? "verify_email" : "reset_password",
            stored => stored == "verify_email" ? EmailTokenPurpose.VerifyEmail : EmailTokenPurpose.ResetPassword));
        builder.Property(t => t.TokenHash).HasMaxLength(64);
        builder.Property(t => t.CreatedAt).HasCurrentTimestampDefault();

        builder.HasOne(t => t.User).WithMany()
            .HasForeignKey(t => t.UserId)
            .HasConstraintName("email_tokens_user_id_fkey")
            .OnDelete(DeleteBehavior.Cascade);

        builder.HasNamedIndex(t => t.TokenHash, "email_tokens_token_hash_key").IsUnique();
        builder.HasNamedIndex(t => new { t.UserId, t.Purpose }, "idx_email_tokens_user_purpose");
    }
}
