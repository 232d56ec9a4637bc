using Npgsql;

namespace FactLedger.Api.Infrastructure.Postgres;

public static class DatabaseErrors
{
    /// <summary>
    /// Whether a failure means PostgreSQL cannot be reached now (down, restarting, out of connections).
    /// </summary>
    public static bool IsUnavailable(Exception exception) => exception switch
    {
        NpgsqlException { IsTransient: true } => true,
        NpgsqlException { InnerException: System.Net.Sockets.SocketException or IOException or TimeoutException }
            => true,
        PostgresException { SqlState: "57P01" or "57P02" or "57P03" or "53300" } => true,
        _ => exception.InnerException is not null && IsUnavailable(exception.InnerException),
    };
}
