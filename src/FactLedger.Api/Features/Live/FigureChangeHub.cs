using System.Collections.Concurrent;
using System.Threading.Channels;

namespace FactLedger.Api.Features.Live;

/// <summary>
/// Hands committed figure changes to the clients listening on this node. Each listener has a bounded queue: one that
/// falls <see cref="Capacity"/> changes behind is cut off (its reader completes with <see cref="TooSlow"/>) rather
/// than buffered without bound, and resumes from its last sequence when it reconnects.
/// </summary>
public sealed class FigureChangeHub
{
    public const int Capacity = 1000;

    private readonly ConcurrentDictionary<Channel<FigureChange>, Func<FigureChange, bool>> _listeners = new();

    public int Listeners => _listeners.Count;

    public ChannelReader<FigureChange> Listen(Func<FigureChange, bool> wanted, CancellationToken stop)
    {
        var channel = Channel.CreateBounded<FigureChange>(new BoundedChannelOptions(Capacity)
            { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
        _listeners[channel] = wanted;
        stop.Register(() =>
        {
            _listeners.TryRemove(channel, out _);
            channel.Writer.TryComplete();
        });
        return channel.Reader;
    }

    public void Publish(IEnumerable<FigureChange> changes)
    {
        foreach (var change in changes.OrderBy(c => c.Id))
            foreach (var (channel, wanted) in _listeners)
            {
                if (!wanted(change) || channel.Writer.TryWrite(change)) continue;
                _listeners.TryRemove(channel, out _);
                channel.Writer.TryComplete(new TooSlow());
            }
    }

    /// <summary>A listener that could not keep up.</summary>
    public sealed class TooSlow() : Exception("The client fell too far behind the live feed and was disconnected; " +
        "reconnect with Last-Event-ID to resume.");
}
