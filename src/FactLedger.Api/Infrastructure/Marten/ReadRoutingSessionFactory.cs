using FactLedger.Api.Infrastructure.Postgres;

namespace FactLedger.Api.Infrastructure.Marten;

/// <summary>
/// Marten's sessions for one scope: writing sessions always on the primary (lightweight, as before); query sessions
/// on the replica when this request's reads were routed there (<see cref="ReadRouting"/>), else on the primary. The
/// handlers ask for an <c>IQuerySession</c> as before and need not know where it reads.
/// </summary>
public sealed class ReadRoutingSessionFactory(IDocumentStore primary, ReplicaDatabase replica, ReadRouting routing)
    : ISessionFactory
{
    public IQuerySession QuerySession() =>
        routing.FromReplica ? replica.Store.QuerySession() : primary.QuerySession();

    public IDocumentSession OpenSession() => primary.LightweightSession();
}
