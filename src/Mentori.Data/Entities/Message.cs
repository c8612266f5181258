namespace Mentori.Data.Entities;

public class Message
{
    public const int MaxContentLength = 2000;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid? SessionId { get; set; }
    public Guid SenderId { get; set; }
    public Guid ReceiverId { get; set; }
    public required string Content { get; set; }

    /// <summary>Always <c>"text"</c> for now; the schema's CHECK refuses anything else.</summary>
    public string MessageType { get; set; } = "text";

    public bool IsRead { get; set; }
    public DateTime? ReadAt { get; set; }
    public DateTime CreatedAt { get; set; }

    public Session? Session { get; set; }
    public User Sender { get; set; } = null!;
    public User Receiver { get; set; } = null!;
}
