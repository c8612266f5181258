using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace Mentori.Server.Infrastructure.Email;

/// <summary>
/// The HTML alternative of a plain-text email: the same words, every character escaped, paragraphs where the text
/// has blank lines, and each web address a link. Simple on purpose: it reads the same in every mail client and to a
/// screen reader (a language, a title, no layout tables, no images).
/// </summary>
public static partial class EmailHtml
{
    public static string FromText(string subject, string text)
    {
        var html = new StringBuilder()
            .Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>").Append(WebUtility.HtmlEncode(subject))
            .Append("</title></head><body style=\"font-family: sans-serif; line-height: 1.5; max-width: 40em;\">");
        foreach (var paragraph in Paragraphs().Split(text.Replace("\r\n", "\n", StringComparison.Ordinal).Trim()))
        {
            html.Append("<p>").Append(string.Join("<br>", paragraph.Split('\n').Select(Line))).Append("</p>");
        }

        return html.Append("</body></html>").ToString();
    }

    /// <summary>One line, escaped, with its http(s) addresses made links (the address is the link's text).</summary>
    private static string Line(string line)
    {
        var html = new StringBuilder();
        var last = 0;
        foreach (Match url in Url().Matches(line))
        {
            html.Append(WebUtility.HtmlEncode(line[last..url.Index]));
            var encoded = WebUtility.HtmlEncode(url.Value);
            html.Append("<a href=\"").Append(encoded).Append("\">").Append(encoded).Append("</a>");
            last = url.Index + url.Length;
        }

        return html.Append(WebUtility.HtmlEncode(line[last..])).ToString();
    }

    [GeneratedRegex(@"\n\s*\n")]
    private static partial Regex Paragraphs();

    [GeneratedRegex(@"https?://[^\s<>""]+")]
    private static partial Regex Url();
}
