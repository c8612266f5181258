using System.Threading.Channels;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Mentori.Server.Infrastructure.Email;

/// <summary>
/// Emails leave the request path: a request only queues its message, and this background service delivers it.
/// A slow SMTP server then never slows a request, and "forgot password" takes as long for an unknown address
/// as for a known one.
/// </summary>
public sealed class EmailOutbox(IOptions<EmailOptions> options, IServiceProvider services, ILogger<EmailOutbox> logger) : BackgroundService
{
    private readonly Channel<MimeMessage> _queue = Channel.CreateUnbounded<MimeMessage>(new UnboundedChannelOptions { SingleReader = true });

    public void Enqueue(string to, string subject, string body, params EmailAttachment[] attachments)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(options.Value.From));
        message.To.Add(MailboxAddress.Parse(to));
        message.Subject = subject;
        var text = new TextPart("plain") { Text = body };
        if (attachments.Length == 0)
        {
            message.Body = text;
        }
        else
        {
            var mixed = new Multipart("mixed") { text };
            foreach (var attachment in attachments)
            {
                mixed.Add(new MimePart(ContentType.Parse(attachment.ContentType))
                {
                    Content = new MimeContent(new MemoryStream(attachment.Content)),
                    ContentDisposition = new ContentDisposition(ContentDisposition.Attachment),
                    ContentTransferEncoding = ContentEncoding.Base64,
                    FileName = attachment.FileName,
                });
            }

            message.Body = mixed;
        }

        _queue.Writer.TryWrite(message);
    }

    public override Task StopAsync(CancellationToken cancellationToken)
    {
        _queue.Writer.TryComplete();
        return base.StopAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var sender = string.IsNullOrWhiteSpace(options.Value.Smtp.Host)
            ? (IEmailSender)ActivatorUtilities.CreateInstance<PickupDirectoryEmailSender>(services)
            : ActivatorUtilities.CreateInstance<SmtpEmailSender>(services);
        // Not stopped by stoppingToken: on a graceful stop the queue is closed (StopAsync) and drained, so emails
        // queued just before a restart still go out within the host's shutdown timeout.
        await foreach (var message in _queue.Reader.ReadAllAsync(CancellationToken.None))
        {
            try
            {
                await sender.SendAsync(message, CancellationToken.None);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // The body is not logged: it carries single-use tokens.
                logger.LogError(exception, "Could not send email \"{Subject}\" to {To}", message.Subject, message.To);
            }
        }
    }
}

/// <summary>A file sent with an email, such as a session's calendar entry.</summary>
public sealed record EmailAttachment(string FileName, string ContentType, byte[] Content);
