using Npgsql;

namespace FactLedger.Api.Infrastructure.Postgres;

/// <summary>A unit of work failed after its connection to PostgreSQL broke; the error it surfaced (for example a
/// retry on the dead connection: "Transaction is already completed") is the inner exception.</summary>
public sealed class ConnectionLostException(Exception inner)
    : Exception("The connection to PostgreSQL was lost.", inner);

public static class DatabaseErrors
{
    /// <summary>
    /// Whether a failure means PostgreSQL cannot be reached now (down, restarting, out of connections).
    /// </summary>
    public static bool IsUnavailable(Exception exception) => exception switch
    {
        ConnectionLostException => true,
        NpgsqlException { IsTransient: true } => true,
        NpgsqlException { InnerException: System.Net.Sockets.SocketException or IOException or TimeoutException }
            => true,
        PostgresException { SqlState: "57P01" or "57P02" or "57P03" or "53300" } => true,
        _ => exception.InnerException is not null && IsUnavailable(exception.InnerException),
    };

    /// <summary>Whether two transactions waited on each other and PostgreSQL ended this one.</summary>
    public static bool IsDeadlock(Exception exception) => exception switch
    {
        PostgresException { SqlState: PostgresErrorCodes.DeadlockDetected } => true,
        _ => exception.InnerException is not null && IsDeadlock(exception.InnerException),
    };

    /// <summary>The error to raise for a failure on <paramref name="connection"/>: marked as a lost connection when
    /// the connection broke, whatever the failure looked like.</summary>
    public static Exception OnConnection(NpgsqlConnection connection, Exception exception) =>
        connection.FullState.HasFlag(System.Data.ConnectionState.Broken) && exception is not ConnectionLostException
            ? new ConnectionLostException(exception)
            : exception;
}
