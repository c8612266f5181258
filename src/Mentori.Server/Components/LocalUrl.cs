namespace Mentori.Server.Components;

/// <summary>Where a page may send the browser after a form: an address on Mentori itself, or home, never another site.</summary>
public static class LocalUrl
{
    public static string OrHome(string? url) =>
        url is { Length: > 0 } && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\')) ? url : "/";
}
