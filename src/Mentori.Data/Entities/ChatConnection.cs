namespace Mentori.Data.Entities;

/// <summary>
/// Mentori's own table: a chat connection open on one server instance, so that every instance knows who is on
/// Mentori right now (the unread-message email goes only to people who are not). The instance renews its rows while
/// it runs; a row it stopped renewing belongs to an instance that died, and no longer counts.
/// </summary>
public class ChatConnection
{
    public const int MaxIdLength = 100;

    /// <summary>SignalR's connection id.</summary>
    public string Id { get; set; } = "";

    public Guid UserId { get; set; }
    public Guid InstanceId { get; set; }
    public DateTime SeenAt { get; set; }
}
