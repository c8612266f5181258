namespace Mentori.Server.Features.Notifications;

/// <summary>
/// <c>GET/PUT /me/notifications</c>: the emails a user may turn off. Account emails (verification, password reset)
/// and the emails about a change to one's sessions are always sent.
/// </summary>
public sealed record NotificationSettings(bool? Reminders);
