using System.Diagnostics;
using FactLedger.LocalPostgres;

namespace FactLedger.Api.Tests.Support;

/// <summary>Faults the tests inject into a managed cluster.</summary>
public static class FaultInjection
{
    /// <summary>Kills the server the hard way (SIGKILL to the postmaster), as a crash would.</summary>
    public static void Kill(this LocalCluster cluster)
    {
        var pidFile = Path.Combine(cluster.DataDirectory, "postmaster.pid");
        if (!File.Exists(pidFile) || !int.TryParse(File.ReadLines(pidFile).First(), out var pid)) return;
        try
        {
            using var postmaster = Process.GetProcessById(pid);
            postmaster.Kill();
        }
        catch (ArgumentException)
        {
            // Already gone.
        }
    }
}
