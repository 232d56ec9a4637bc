using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using FactLedger.Api.Infrastructure;

namespace FactLedger.Api.Features.Webhooks;

/// <summary>
/// Where webhooks may send: https to hosts whose every address is public, so a webhook cannot be made to reach the
/// server's own network (loopback, private, link-local, unique-local, CGNAT, multicast, unspecified, reserved).
/// Hosts listed in <c>FactLedger:Webhooks:AllowedHosts</c> are exempt (and may use http). The address check runs
/// when a webhook is registered and again on every connection (<see cref="ConnectAsync"/>), so a name that resolves
/// elsewhere later (DNS rebinding) still cannot reach inside.
/// </summary>
public sealed class WebhookTargets(IOptionsMonitor<FactLedgerOptions> options)
{
    private static readonly TimeSpan ResolveTimeout = TimeSpan.FromSeconds(5);

    public bool IsAllowedHost(string host)
    {
        var bare = Bare(host);
        return options.CurrentValue.Webhooks.AllowedHosts.Any(h =>
            string.Equals(Bare(h.Trim()), bare, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Why <paramref name="url"/> may not receive webhooks, or null when it may.</summary>
    public async Task<string?> RefusalAsync(Uri url, CancellationToken ct)
    {
        var allowed = IsAllowedHost(url.IdnHost);
        if (url.Scheme != Uri.UriSchemeHttps && !(allowed && url.Scheme == Uri.UriSchemeHttp))
            return "must be an https URL (http only for a host listed in FactLedger:Webhooks:AllowedHosts)";
        if (allowed) return null;
        IPAddress[] addresses;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(ResolveTimeout);
            addresses = await ResolveAsync(url.IdnHost, timeout.Token);
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException && !ct.IsCancellationRequested)
        {
            return $"its host '{url.IdnHost}' does not resolve";
        }
        if (addresses.Length == 0) return $"its host '{url.IdnHost}' does not resolve";
        return addresses.FirstOrDefault(a => !IsPublic(a)) is { } inside
            ? $"its host '{url.IdnHost}' resolves to {inside}, which is not a public address"
            : null;
    }

    /// <summary>The webhook client's connections: to the host's addresses only when they are all public (or the host
    /// is allowed), checked on the addresses actually connected to.</summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken ct)
    {
        var (host, port) = (context.DnsEndPoint.Host, context.DnsEndPoint.Port);
        var addresses = await ResolveAsync(host, ct);
        if (!IsAllowedHost(host) && addresses.FirstOrDefault(a => !IsPublic(a)) is { } inside)
            throw new HttpRequestException(HttpRequestError.ConnectionError,
                $"refused to connect: '{host}' resolves to {inside}, which is not a public address");
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, port, ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static async Task<IPAddress[]> ResolveAsync(string host, CancellationToken ct) =>
        IPAddress.TryParse(Bare(host), out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, ct);

    private static string Bare(string host) => host.TrimStart('[').TrimEnd(']');

    /// <summary>Whether an address is on the public internet: not loopback, private (10/8, 172.16/12, 192.168/16,
    /// fc00::/7), link-local (169.254/16, fe80::/10), CGNAT (100.64/10), multicast, unspecified or reserved.
    /// IPv4 inside IPv6 (mapped, NAT64) is judged as the IPv4 it carries.</summary>
    public static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        var b = address.GetAddressBytes();
        if (address.AddressFamily == AddressFamily.InterNetwork)
            return !(b[0] is 0 or 10 or 127 or >= 224 // this network, private, loopback, multicast and reserved
                || b[0] == 100 && (b[1] & 0xC0) == 64 // CGNAT 100.64/10
                || b[0] == 169 && b[1] == 254 // link-local
                || b[0] == 172 && (b[1] & 0xF0) == 16 // private 172.16/12
                || b[0] == 192 && b[1] == 168 // private
                || b[0] == 192 && b[1] == 0 && b[2] == 0 // IETF protocol assignments
                || b[0] == 198 && (b[1] & 0xFE) == 18); // benchmarking 198.18/15
        if (address.AddressFamily != AddressFamily.InterNetworkV6) return false;
        // NAT64 (64:ff9b::/96) reaches the IPv4 address in its last four bytes.
        if (b[0] == 0 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b && b[4..12].All(x => x == 0))
            return IsPublic(new IPAddress(b[12..]));
        return !(address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.IPv6Loopback)
            || address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast
            || (b[0] & 0xFE) == 0xFC // unique-local fc00::/7
            || b[..10].All(x => x == 0)); // IPv4-compatible and other ::/80 forms
    }
}
