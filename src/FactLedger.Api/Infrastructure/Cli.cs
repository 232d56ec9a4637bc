using FactLedger.Api.Features.Ingest;
using FactLedger.Api.Features.Proposals;

namespace FactLedger.Api.Infrastructure;

/// <summary>
/// Command-line forms of the app. <c>ingest &lt;folder-or-file&gt;</c> loads bundles through the same commands as the
/// API, with a progress line, then exits (0 when nothing was rejected); <c>propose &lt;file&gt; …</c> prints the
/// extractor's proposals for a text as an NDJSON bundle (<see cref="ProposeFile"/>). With no command the app serves
/// HTTP.
/// </summary>
public static class Cli
{
    public static (string? Command, string[] Arguments, string[] HostArgs) Parse(string[] args) =>
        args is ["ingest", var path, .. var rest] ? ("ingest", [path], rest)
        : args is ["ingest"] ? ("ingest", [], [])
        : args is ["hash-key", .. var hashRest] ? ("hash-key", [], hashRest)
        : args is ["rebuild", .. var rebuildRest] ? ("rebuild", [], rebuildRest)
        : args is ["propose", .. var proposeRest] ? ("propose", proposeRest, [])
        : (null, [], args);

    /// <summary>Settings for a one-shot command: no HTTP port, no daemon, no automatic seeding.</summary>
    public static void ConfigureForCommand(WebApplicationBuilder builder)
    {
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration["FactLedger:RunDaemon"] = "false";
        builder.Configuration["FactLedger:Seeds:LoadOnStart"] = "false";
        // The command prints its own progress and summary; the host's logs would bury them.
        builder.Configuration["Logging:LogLevel:Default"] = "Warning";
        builder.Configuration["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Warning";
        builder.Configuration["Logging:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics"] = "Warning";
        builder.Configuration["Logging:LogLevel:FactLedger"] = "Warning";
        builder.Configuration["Logging:Console:FormatterName"] = "simple";
    }

    /// <summary>A relative path is looked for from the working folder upwards: `dotnet run --project` runs in the
    /// project's folder, so `ingest seeds` from the repository root still finds the repository's seeds/.</summary>
    public static string Resolve(string path)
    {
        if (Path.IsPathRooted(path)) return path;
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, path);
            if (File.Exists(candidate) || Directory.Exists(candidate)) return candidate;
        }
        return path;
    }

    /// <summary>Commands that need no database: answered before the host is built.</summary>
    public static int? RunWithoutHost(string? command, string[] arguments)
    {
        if (command == "propose") return ProposeFile.Run(arguments, Console.Out, Console.Error);
        if (command != "hash-key") return null;
        // The key comes on standard input (not the command line, which shells keep in their history);
        // with none, a new random key is made.
        var key = Console.IsInputRedirected ? Console.In.ReadToEnd().Trim() : "";
        var generated = key.Length == 0;
        if (generated) key = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24));
        if (key.Length < 16)
        {
            Console.Error.WriteLine("An API key must be at least 16 characters.");
            return 64;
        }
        if (generated) Console.WriteLine($"key:     {key}");
        Console.WriteLine($"KeyHash: {Http.ApiKeyHash.Create(key)}");
        return 0;
    }

    public static async Task<int> RunAsync(WebApplication app, string command, string[] arguments)
    {
        if (command == "rebuild") return await Rebuild.RunAsync(app);
        if (arguments.Length != 1)
        {
            Console.Error.WriteLine("usage: dotnet run --project src/FactLedger.Api -- ingest <folder-or-file>");
            return 64;
        }
        await app.StartAsync();
        try
        {
            var rejected = 0;
            foreach (var file in BundleFiles.In(Resolve(arguments[0])))
            {
                await using var scope = app.Services.CreateAsyncScope();
                var progress = new ImmediateProgress(p => Console.Error.Write(p.Total > 0
                    ? $"\r{Path.GetFileName(file)}: {p.Done}/{p.Total} items"
                    : $"\r{Path.GetFileName(file)}: {p.Done} items"));
                var result = await BundleFiles.IngestAsync(scope.ServiceProvider.GetRequiredService<IMediator>(), file,
                    Environment.UserName, progress, CancellationToken.None);
                Console.Error.WriteLine();
                foreach (var item in result.Items.Where(i => i.Outcome == IngestOutcome.Rejected))
                    Console.WriteLine($"rejected {item.Kind} {item.Key}: {item.Reason}");
                Console.WriteLine($"{Path.GetFileName(file)}: {result.Created} created, " +
                    $"{result.AlreadyPresent} already present, {result.Rejected} rejected");
                rejected += result.Rejected;
            }
            return rejected == 0 ? 0 : 1;
        }
        catch (Exception e) when (e is FileNotFoundException or System.Text.Json.JsonException or InvalidDataException)
        {
            Console.Error.WriteLine(e.Message);
            return 65;
        }
        finally
        {
            await app.StopAsync();
        }
    }

    /// <summary>Reports on the caller's thread (Progress&lt;T&gt; posts later, after the summary is printed).</summary>
    private sealed class ImmediateProgress(Action<(int Done, int Total)> report) : IProgress<(int Done, int Total)>
    {
        public void Report((int Done, int Total) value) => report(value);
    }
}
