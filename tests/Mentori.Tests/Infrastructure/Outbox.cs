using System.Text.RegularExpressions;
using MimeKit;

namespace Mentori.Tests.Infrastructure;

/// <summary>Reads the emails the app wrote into its pickup folder, as a user reads their inbox.</summary>
public static partial class Outbox
{
    /// <summary>Waits (by watching the folder, up to 10 s) for the next email to <paramref name="to"/> with that subject.</summary>
    public static async Task<MimeMessage> WaitForEmailAsync(this MentoriApp app, string to, string subjectContains, int count = 1)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            var matching = Read(app).Where(m => m.To.ToString().Contains(to, StringComparison.OrdinalIgnoreCase)
                && (m.Subject ?? "").Contains(subjectContains, StringComparison.Ordinal)).ToList();
            if (matching.Count >= count)
            {
                return matching[count - 1];
            }

            await Task.Delay(20, timeout.Token);
        }
    }

    public static IReadOnlyList<MimeMessage> Read(MentoriApp app) =>
        Directory.Exists(app.OutboxFolder)
            ? Directory.GetFiles(app.OutboxFolder, "*.eml").Order().Select(file => MimeMessage.Load(file)).ToList()
            : [];

    public static string Token(this MimeMessage message) =>
        TokenLine().Match(message.TextBody ?? "").Groups[1].Value is { Length: > 0 } token ? token : throw new InvalidOperationException("no Token: line");

    /// <summary>The path and query of the email's first link to <paramref name="page"/> (the host is the configured public address, not the test's).</summary>
    public static string LinkTo(this MimeMessage message, string page) =>
        Links().Matches(message.TextBody ?? "").Select(m => new Uri(m.Value)).FirstOrDefault(uri => uri.AbsolutePath == page)?.PathAndQuery
            ?? throw new InvalidOperationException($"no link to {page}");

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex Links();

    [GeneratedRegex(@"^\s*Token: (\S+)\s*$", RegexOptions.Multiline)]
    private static partial Regex TokenLine();
}
