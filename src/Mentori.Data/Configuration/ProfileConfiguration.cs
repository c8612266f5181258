using Mentori.Data.Conversions;
using Mentori.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mentori.Data.Configuration;

internal sealed class ProfileConfiguration(DatabaseProvider provider) : IEntityTypeConfiguration<Profile>
{
    public void Configure(EntityTypeBuilder<Profile> builder)
    {
        builder.ToTable("profiles");
        builder.IsUuidKey(provider, "profiles");

        builder.Property(p => p.FirstName).HasMaxLength(100);
        builder.Property(p => p.LastName).HasMaxLength(100);
        // A concurrency token: an edit or upload that read the profile before another one replaced the photo is
        // refused instead of leaving a stored photo that nothing points at.
        builder.Property(p => p.ProfileImage).HasMaxLength(500).IsConcurrencyToken();
        builder.Property(p => p.Phone).HasMaxLength(20);
        builder.Property(p => p.Location).HasMaxLength(100);
        builder.Property(p => p.Timezone).HasMaxLength(50);
        builder.Property(p => p.ExperienceLevel).HasMaxLength(50);
        builder.Property(p => p.YearsExperience).HasColumnType("integer");
        builder.Property(p => p.CreatedAt).HasCurrentTimestampDefault();
        builder.Property(p => p.UpdatedAt).HasCurrentTimestampDefault();

        var jsonType = provider == DatabaseProvider.Postgres ? "jsonb" : "TEXT";
        builder.Property(p => p.Expertise).HasColumnType(jsonType)
            .HasConversion(JsonColumn.Converter<List<string>>(), JsonColumn.Comparer<List<string>>());
        builder.Property(p => p.Interests).HasColumnType(jsonType)
            .HasConversion(JsonColumn.Converter<List<string>>(), JsonColumn.Comparer<List<string>>());
        builder.Property(p => p.Availability).HasColumnType(jsonType)
            .HasConversion(JsonColumn.Converter<Dictionary<string, List<string>>>(), JsonColumn.Comparer<Dictionary<string, List<string>>>());

        if (provider == DatabaseProvider.Postgres)
        {
            builder.Property(p => p.HourlyRate).HasColumnType("numeric(10,2)");
        }
        else
        {
            // SQLite keeps decimals as text, which it can neither compare nor sort; a double holds any
            // numeric(10,2) amount exactly enough to round back to cents.
            builder.Property(p => p.HourlyRate).HasConversion<double?>();
        }

        builder.HasOne(p => p.User).WithOne(u => u.Profile)
            .HasForeignKey<Profile>(p => p.UserId)
            .HasConstraintName("profiles_user_id_fkey")
            .OnDelete(DeleteBehavior.Cascade);

        builder.HasNamedIndex(p => p.UserId, "profiles_user_id_key").IsUnique();
        builder.HasNamedIndex(p => p.UserId, "idx_profiles_user_id");
        if (provider == DatabaseProvider.Postgres)
        {
            builder.HasNamedIndex(p => p.Expertise, "idx_profiles_expertise").HasMethod("gin");
            builder.HasNamedIndex(p => p.Interests, "idx_profiles_interests").HasMethod("gin");
        }
    }
}
