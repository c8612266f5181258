using Mentori.Data;
using Mentori.Data.Entities;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Mentori.Server.Infrastructure.Email;

/// <summary>
/// Queues an email as a row of <c>email_outbox</c> in the caller's <see cref="MentoriDb"/>: it is saved and committed
/// with the change it tells of, or not at all, and <see cref="OutboxSender"/> delivers it afterwards. A slow SMTP
/// server then never slows a request, and no email leaves for a change that rolled back.
/// </summary>
public sealed class EmailOutbox(MentoriDb db, IOptions<EmailOptions> options, TimeProvider clock)
{
    public void Enqueue(string to, string subject, string body, params EmailAttachment[] attachments)
    {
        var row = new OutboxEmail { Recipient = to, Subject = subject, NextAttemptAt = clock.StoredUtcNow() };
        var from = MailboxAddress.Parse(options.Value.From);
        var message = new MimeMessage { Subject = subject, MessageId = $"{row.Id:N}@{from.Domain}" };
        message.From.Add(from);
        message.To.Add(MailboxAddress.Parse(to));
        message.Body = Body(subject, body, attachments);
        using var stream = new MemoryStream();
        message.WriteTo(stream);
        row.Message = stream.ToArray();
        db.EmailOutbox.Add(row);
    }

    /// <summary>Plain text with its HTML alternative; attachments beside them.</summary>
    private static Multipart Body(string subject, string body, EmailAttachment[] attachments)
    {
        var text = new Multipart("alternative")
        {
            new TextPart("plain") { Text = body },
            new TextPart("html") { Text = EmailHtml.FromText(subject, body) },
        };
        if (attachments.Length == 0)
        {
            return text;
        }

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

        return mixed;
    }
}

/// <summary>A file sent with an email, such as a session's calendar entry.</summary>
public sealed record EmailAttachment(string FileName, string ContentType, byte[] Content);
