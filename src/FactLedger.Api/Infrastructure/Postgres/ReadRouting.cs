using System.Diagnostics;
using Npgsql;
using NpgsqlTypes;

namespace FactLedger.Api.Infrastructure.Postgres;

/// <summary>
/// Where one request's reads go: the primary, unless the endpoint reads from the replica (<c>FromReplica</c>), a
/// replica is configured and answers, and it has replayed the write position the client brought
/// (<see cref="WritePosition"/>). A position not yet replayed is waited for, at most
/// <c>FactLedger:Replica:MaxWaitMilliseconds</c>, then the primary is read: a client always sees its own writes.
/// </summary>
public sealed class ReadRouting(
    ReplicaDatabase replica, IOptionsMonitor<FactLedgerOptions> options, ILogger<ReadRouting> logger)
{
    /// <summary>The answer's header saying which database served the read: <c>replica</c> or <c>primary</c>.
    /// </summary>
    public const string ServedByHeader = "FactLedger-Read-From";
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(10);

    /// <summary>Whether this request reads from the replica (false until <see cref="ChooseAsync"/> says so).</summary>
    public bool FromReplica { get; private set; }

    public async Task ChooseAsync(HttpContext http)
    {
        if (!replica.Configured) return;
        var wanted = WritePosition.Requested(http.Request);
        FromReplica = replica.Reachable && (wanted is not { } position || await ReplayedAsync(position, http));
        http.Response.Headers[ServedByHeader] = FromReplica ? "replica" : "primary";
    }

    /// <summary>Whether the replica replays <paramref name="position"/> within the allowed wait.</summary>
    private async Task<bool> ReplayedAsync(NpgsqlLogSequenceNumber position, HttpContext http)
    {
        if (replica.LastReplayed >= position) return true;
        var bound = TimeSpan.FromMilliseconds(Math.Max(0, options.CurrentValue.Replica.MaxWaitMilliseconds));
        var waited = Stopwatch.StartNew();
        try
        {
            while (true)
            {
                if (await replica.SharedReplayedPositionAsync().WaitAsync(http.RequestAborted) >= position)
                    return true;
                if (waited.Elapsed >= bound) break;
                await Task.Delay(Poll, http.RequestAborted);
            }
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException) { /* unreachable: read the primary */ }
        // Debug: under lasting lag this is every such read; /health/ready reports the lag itself.
        logger.LogDebug("The replica had not replayed {Position} after {Waited} ms (it is at {Replayed}): " +
            "read from the primary", position, (long)waited.Elapsed.TotalMilliseconds, replica.LastReplayed);
        return false;
    }
}
