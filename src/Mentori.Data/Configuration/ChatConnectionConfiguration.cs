using Mentori.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mentori.Data.Configuration;

internal sealed class ChatConnectionConfiguration : IEntityTypeConfiguration<ChatConnection>
{
    public void Configure(EntityTypeBuilder<ChatConnection> builder)
    {
        builder.ToTable("chat_connections");
        builder.HasKey(c => c.Id).HasName("chat_connections_pkey");
        builder.Property(c => c.Id).HasMaxLength(ChatConnection.MaxIdLength).ValueGeneratedNever();
        builder.HasOne<User>().WithMany()
            .HasForeignKey(c => c.UserId)
            .HasConstraintName("chat_connections_user_id_fkey")
            .OnDelete(DeleteBehavior.Cascade);

        // "Is this user on Mentori?" looks up by user; an instance renews its own rows.
        builder.HasIndex(c => c.UserId).HasDatabaseName("idx_chat_connections_user_id");
        builder.HasIndex(c => c.InstanceId).HasDatabaseName("idx_chat_connections_instance_id");
    }
}
