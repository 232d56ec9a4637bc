using System.Net.Http;
using FactLedger.Api.Infrastructure;

namespace FactLedger.Api.Features.Webhooks;

public static class WebhookSetup
{
    public static IServiceCollection AddWebhooks(this IServiceCollection services, FactLedgerOptions options)
    {
        services.AddSingleton<WebhookTargets>();
        services.AddSingleton<WebhookSignal>();
        services.AddSingleton<WebhookDeliveries>();
        services.AddHttpClient(WebhookDispatcher.ClientName, c =>
            {
                // The dispatcher cuts each attempt off itself (answer and body), by its own timeout.
                c.Timeout = Timeout.InfiniteTimeSpan;
                c.DefaultRequestHeaders.UserAgent.ParseAdd("FactLedger-Webhooks/1");
            })
            .ConfigurePrimaryHttpMessageHandler(p => new SocketsHttpHandler
            {
                // A redirect could lead anywhere, inside too: it is an answer, and not a 2xx.
                AllowAutoRedirect = false,
                // A proxy would make the connection check look at the proxy, not the receiver.
                UseProxy = false,
                UseCookies = false,
                ConnectCallback = p.GetRequiredService<WebhookTargets>().ConnectAsync,
                // Connections are renewed, so a host's new addresses are checked again.
                PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            })
            .RemoveAllLoggers();
        // Only where the daemon may run: that node makes the deliveries and hears of new ones first. (HotCold: on every
        // such node, but it dispatches only while it runs the daemon, and locks each webhook it sends to.)
        if (options.EffectiveDaemon != DaemonRole.Disabled) services.AddHostedService<WebhookDispatcher>();
        return services;
    }
}
