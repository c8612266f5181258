using Mentori.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mentori.Data.Configuration;

/// <summary>Mentori's own table (see <see cref="RatingSummary"/>); its triggers are in the migrations.</summary>
internal sealed class RatingSummaryConfiguration : IEntityTypeConfiguration<RatingSummary>
{
    public void Configure(EntityTypeBuilder<RatingSummary> builder)
    {
        builder.ToTable("rating_summaries");
        builder.HasKey(s => s.UserId).HasName("rating_summaries_pkey");
        builder.Property(s => s.UserId).ValueGeneratedNever();
        builder.Property(s => s.RatingCount).HasColumnType("integer").HasStoreDefault(0);
        builder.Property(s => s.RatingSum).HasColumnType("integer").HasStoreDefault(0);
        builder.Property(s => s.RatingAverage).HasStoreDefault(0.0);

        builder.HasOne<User>().WithOne()
            .HasForeignKey<RatingSummary>(s => s.UserId)
            .HasConstraintName("rating_summaries_user_id_fkey")
            .OnDelete(DeleteBehavior.Cascade);

        // The directory's "rating" sort walks this index; the user id breaks ties so the keyset is total.
        builder.HasIndex(s => new { s.RatingAverage, s.RatingCount, s.UserId }, "idx_rating_summaries_rank")
            .HasDatabaseName("idx_rating_summaries_rank")
            .IsDescending(true, true, true);
    }
}
