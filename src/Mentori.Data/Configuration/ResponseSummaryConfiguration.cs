using Mentori.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mentori.Data.Configuration;

/// <summary>Mentori's own table (see <see cref="ResponseSummary"/>); its triggers and the directory's index are in the migrations.</summary>
internal sealed class ResponseSummaryConfiguration : IEntityTypeConfiguration<ResponseSummary>
{
    public void Configure(EntityTypeBuilder<ResponseSummary> builder)
    {
        builder.ToTable("response_summaries");
        builder.HasKey(s => s.UserId).HasName("response_summaries_pkey");
        builder.Property(s => s.UserId).ValueGeneratedNever();
        builder.Property(s => s.Received).HasColumnType("integer").HasStoreDefault(0);
        builder.Property(s => s.Answered).HasColumnType("integer").HasStoreDefault(0);
        builder.Property(s => s.Stale).HasStoreDefault(false);

        builder.HasOne<User>().WithOne()
            .HasForeignKey<ResponseSummary>(s => s.UserId)
            .HasConstraintName("response_summaries_user_id_fkey")
            .OnDelete(DeleteBehavior.Cascade);

        // What ResponseSummaries computes again: the few marked stale, and those whose window has moved on.
        builder.HasIndex(s => s.UserId, "idx_response_summaries_stale").HasDatabaseName("idx_response_summaries_stale").HasFilter("stale");
        builder.HasIndex(s => s.WindowEndsAt, "idx_response_summaries_window").HasDatabaseName("idx_response_summaries_window");
    }
}
