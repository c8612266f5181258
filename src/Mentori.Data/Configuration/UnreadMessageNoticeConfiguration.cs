using Mentori.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mentori.Data.Configuration;

internal sealed class UnreadMessageNoticeConfiguration : IEntityTypeConfiguration<UnreadMessageNotice>
{
    public void Configure(EntityTypeBuilder<UnreadMessageNotice> builder)
    {
        builder.ToTable("unread_message_notices");
        builder.HasKey(n => new { n.ReceiverId, n.SenderId }).HasName("unread_message_notices_pkey");
        builder.Property(n => n.SentAt).IsConcurrencyToken();
        builder.HasOne<User>().WithMany()
            .HasForeignKey(n => n.ReceiverId)
            .HasConstraintName("unread_message_notices_receiver_id_fkey")
            .OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<User>().WithMany()
            .HasForeignKey(n => n.SenderId)
            .HasConstraintName("unread_message_notices_sender_id_fkey")
            .OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(n => n.SenderId).HasDatabaseName("idx_unread_message_notices_sender_id");
    }
}
