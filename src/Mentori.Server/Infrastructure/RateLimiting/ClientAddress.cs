using System.Net;
using System.Net.Sockets;

namespace Mentori.Server.Infrastructure.RateLimiting;

/// <summary>Who a per-address limit counts: one IPv4 address, or one IPv6 /64 (what one household or host is given).</summary>
public static class ClientAddress
{
    /// <summary>
    /// The key of the caller's address. An IPv6 client holds a whole /64 and could step to a new address for each
    /// request, so the prefix is the key; an IPv4 address mapped into IPv6 counts as that IPv4 address.
    /// </summary>
    public static string KeyOf(HttpContext context) => KeyOf(context.Connection.RemoteIpAddress);

    public static string KeyOf(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return $"{new IPAddress(bytes)}/64";
    }
}
