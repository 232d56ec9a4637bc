namespace FactLedger.Api.Features.Webhooks;

/// <summary>Wakes the dispatcher early: new changes were committed, a webhook was resumed, a sender finished.
/// </summary>
public sealed class WebhookSignal
{
    private readonly SemaphoreSlim _wake = new(0, 1);

    public void Wake()
    {
        try { _wake.Release(); }
        catch (SemaphoreFullException) { /* already awake */ }
    }

    /// <summary>Waits for a wake-up or <paramref name="longest"/>, whichever comes first.</summary>
    public Task WaitAsync(TimeSpan longest, CancellationToken ct) => _wake.WaitAsync(longest, ct);
}
