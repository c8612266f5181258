using System.Buffers.Text;
using System.Text;

namespace Mentori.Server.Infrastructure.Pagination;

/// <summary>
/// An opaque, URL-safe cursor: the sort-key values of the last item, as invariant strings. Opaque means clients
/// must not build or read it; it is not a secret (it holds only what the client has already seen).
/// </summary>
public static class Cursor
{
    private const char Separator = '\n';

    public static string Encode(IEnumerable<string> parts) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(string.Join(Separator, parts)));

    /// <summary>The parts, or null when the text is not a cursor at all.</summary>
    public static IReadOnlyList<string>? Decode(string cursor)
    {
        if (cursor.Length > 1000 || !Base64Url.IsValid(cursor))
        {
            return null;
        }

        return Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor)).Split(Separator);
    }
}
