using Mentori.Server.Infrastructure.Configuration;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Mentori.Server.Infrastructure.Email;

/// <summary>Writes each message as an RFC 5322 <c>.eml</c> file, for development and for servers without SMTP.</summary>
public sealed class PickupDirectoryEmailSender(
    IOptions<EmailOptions> options, IHostEnvironment environment, TimeProvider clock, ILogger<PickupDirectoryEmailSender> logger) : IEmailSender
{
    // Names sort in sending order even while a test's clock stands still.
    private static long _sequence;

    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        var folder = ContentPaths.Resolve(environment, options.Value.PickupDirectory);
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, $"{clock.GetUtcNow():yyyyMMddTHHmmssfff}-{Interlocked.Increment(ref _sequence):D8}-{Guid.NewGuid():N}.eml");

        // Written under a temporary name and renamed, so a reader never sees half a message.
        var partial = file + ".partial";
        await message.WriteToAsync(partial, cancellationToken);
        File.Move(partial, file);
        logger.LogInformation("Email {MessageId} written to {File}", message.MessageId, file); // no address or subject: they name people
    }
}
