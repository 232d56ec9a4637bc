using Marten.Events.Daemon.Coordination;

namespace FactLedger.Api.Infrastructure.Marten;

/// <summary>
/// With the daemon in HotCold mode, says in the log when this node starts or stops running the async projections
/// (it holds Marten's leader lock), so operators can see which node does.
/// </summary>
public sealed class DaemonLeadership(IProjectionCoordinator coordinator, ILogger<DaemonLeadership> logger)
    : BackgroundService
{
    public static readonly string Node = $"{Environment.MachineName}/{Environment.ProcessId}";

    /// <summary>Whether this node runs the async projections now.</summary>
    public bool Leads => coordinator.DaemonForMainDatabase().CurrentAgents().Count > 0;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var leading = false;
        logger.LogInformation("Async daemon in HotCold mode on node {Node}: it runs here while this node holds " +
            "the leader lock", Node);
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            var now = Leads;
            if (now == leading) continue;
            leading = now;
            if (now) logger.LogInformation("Node {Node} now runs the async daemon (HotCold leader)", Node);
            else logger.LogWarning("Node {Node} no longer runs the async daemon", Node);
        }
    }
}
