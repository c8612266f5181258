namespace Mentori.Server.Features.Notifications;

/// <summary>
/// <c>GET/PUT /me/notifications</c>: the emails a user may turn off. Account emails (verification, password reset)
/// and the emails about a change to one's sessions are always sent.
/// </summary>
/// <param name="Reminders">The reminder the day before an accepted session.</param>
/// <param name="UnreadMessages">An email when a chat message waits unread 15 minutes while one is away from Mentori (at most one an hour per conversation).</param>
public sealed record NotificationSettings(bool? Reminders, bool? UnreadMessages);
