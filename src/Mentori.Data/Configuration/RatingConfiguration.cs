using Mentori.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mentori.Data.Configuration;

internal sealed class RatingConfiguration(DatabaseProvider provider) : IEntityTypeConfiguration<Rating>
{
    public void Configure(EntityTypeBuilder<Rating> builder)
    {
        builder.ToTable("ratings", table => table.HasCheckConstraint("ratings_rating_check", "rating >= 1 AND rating <= 5"));
        builder.IsUuidKey(provider, "ratings");

        builder.Property(r => r.Score).HasColumnName("rating").HasColumnType("integer");
        builder.Property(r => r.CreatedAt).HasCurrentTimestampDefault();

        builder.HasOne(r => r.Session).WithMany()
            .HasForeignKey(r => r.SessionId)
            .HasConstraintName("ratings_session_id_fkey")
            .OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(r => r.Rater).WithMany()
            .HasForeignKey(r => r.RaterId)
            .HasConstraintName("ratings_rater_id_fkey")
            .OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(r => r.Rated).WithMany()
            .HasForeignKey(r => r.RatedId)
            .HasConstraintName("ratings_rated_id_fkey")
            .OnDelete(DeleteBehavior.Cascade);

        // Decision 4: one rating per rater per session, so mentor and mentee may each rate.
        builder.HasNamedIndex(r => new { r.SessionId, r.RaterId }, "ratings_session_id_rater_id_key").IsUnique();
        builder.HasNamedIndex(r => r.SessionId, "idx_ratings_session_id");
        builder.HasNamedIndex(r => r.RatedId, "idx_ratings_rated_id");
        // Not in the document: serves "ratings given" and the cascade when a rater is deleted.
        builder.HasNamedIndex(r => r.RaterId, "idx_ratings_rater_id");
        // Not in the document: ratings received, newest first, paged by (created_at, id).
        builder.HasNamedIndex(r => new { r.RatedId, r.CreatedAt, r.Id }, "idx_ratings_received").IsDescending(false, true, true);
    }
}
