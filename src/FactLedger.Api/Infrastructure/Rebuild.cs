using FactLedger.Api.Infrastructure.Marten;

namespace FactLedger.Api.Infrastructure;

/// <summary>The <c>rebuild</c> command: every projection rebuilt from the events, with progress lines.</summary>
public static class Rebuild
{
    public static async Task<int> RunAsync(WebApplication app)
    {
        await app.StartAsync();
        try
        {
            var store = app.Services.GetRequiredService<IDocumentStore>();
            var rebuilt = await ProjectionRebuilder.RebuildAllAsync(store,
                app.Services.GetRequiredService<Features.Origins.OriginBook>(), line => Console.Error.WriteLine(line),
                CancellationToken.None);
            Console.WriteLine($"rebuilt {rebuilt.Count} projections: " +
                string.Join(", ", rebuilt.Select(r => $"{r.Projection} {r.Took.TotalSeconds:F1} s")));
            return 0;
        }
        finally
        {
            await app.StopAsync();
        }
    }
}
