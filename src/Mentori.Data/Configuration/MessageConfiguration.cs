using Mentori.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mentori.Data.Configuration;

internal sealed class MessageConfiguration(DatabaseProvider provider) : IEntityTypeConfiguration<Message>
{
    public void Configure(EntityTypeBuilder<Message> builder)
    {
        var length = SchemaConventions.CharLength(provider, "content");
        builder.ToTable("messages", table =>
        {
            table.HasCheckConstraint("messages_content_check", $"{length} <= {Message.MaxContentLength}");
            table.HasCheckConstraint("messages_content_not_empty_check", $"{length} >= 1");
            table.HasCheckConstraint("messages_message_type_check", "message_type = 'text'");
        });
        builder.IsUuidKey(provider, "messages");

        builder.Property(m => m.MessageType).HasMaxLength(20).HasStoreDefault("text");
        builder.Property(m => m.IsRead).HasStoreDefault(false);
        builder.Property(m => m.CreatedAt).HasCurrentTimestampDefault();

        builder.HasOne(m => m.Session).WithMany()
            .HasForeignKey(m => m.SessionId)
            .HasConstraintName("messages_session_id_fkey")
            .OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(m => m.Sender).WithMany()
            .HasForeignKey(m => m.SenderId)
            .HasConstraintName("messages_sender_id_fkey")
            .OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(m => m.Receiver).WithMany()
            .HasForeignKey(m => m.ReceiverId)
            .HasConstraintName("messages_receiver_id_fkey")
            .OnDelete(DeleteBehavior.Cascade);

        builder.HasNamedIndex(m => m.SessionId, "idx_messages_session_id");
        builder.HasNamedIndex(m => m.SenderId, "idx_messages_sender_id");
        builder.HasNamedIndex(m => m.ReceiverId, "idx_messages_receiver_id");
        builder.HasNamedIndex(m => m.IsRead, "idx_messages_is_read");
        builder.HasNamedIndex(m => m.CreatedAt, "idx_messages_created_at").IsDescending();

        // Not in the document: a thread is read newest first and paged by (created_at, id), one direction of the
        // pair each; unread counts look only at unread rows.
        builder.HasNamedIndex(m => new { m.SenderId, m.ReceiverId, m.CreatedAt, m.Id }, "idx_messages_thread").IsDescending(false, false, true, true);
        builder.HasNamedIndex(m => new { m.ReceiverId, m.SenderId }, "idx_messages_unread").HasFilter(provider == DatabaseProvider.Postgres ? "NOT is_read" : "is_read = 0");
    }
}
