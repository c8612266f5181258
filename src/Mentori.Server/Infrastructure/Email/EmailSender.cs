using MimeKit;

namespace Mentori.Server.Infrastructure.Email;

/// <summary>Delivers one message: over SMTP when a host is configured, otherwise into the pickup folder.</summary>
public interface IEmailSender
{
    Task SendAsync(MimeMessage message, CancellationToken cancellationToken);
}
