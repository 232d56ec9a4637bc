// FactLedger's benchmark: measures, in one run on one PostgreSQL server, the raw limit (binary COPY), what a plain
// Marten app gets, and FactLedger's own ingest, HTTP writes and reads, and projection rebuilds; prints a table and
// writes a JSON file. Compare ratios within a run: absolute figures move with the machine and its neighbours.
using FactLedger.LocalPostgres;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using FactLedger.Api.Features.Ingest;
using FactLedger.Api.Infrastructure;
using FactLedger.Api.Infrastructure.Marten;
using FactLedger.Api.Infrastructure.Postgres;
using FactLedger.Benchmarks;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using JasperFx;
using JasperFx.Events;
using JasperFx.Events.Projections;
using Marten;
using Marten.Events.Aggregation;
using MediatR;
using Npgsql;
using NpgsqlTypes;

var options = BenchOptions.Parse(args);
var report = new Report(options);
Console.WriteLine($"FactLedger benchmark — {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, " +
    $"{Environment.ProcessorCount} cores, {options}");

LocalCluster? local = null;
var connection = options.Connection;
if (connection is null)
{
    var root = Path.Combine("/tmp", $"factledger-bench-{Guid.NewGuid():N}");
    Directory.CreateDirectory(root);
    File.SetUnixFileMode(root, (UnixFileMode)Convert.ToInt32("755", 8));
    local = new LocalCluster(root, log: m => Console.WriteLine($"  {m}"));
    connection = local.EnsureStarted("bench");
}
try
{
    var largest = options.Sizes.Max();
    var data = new Synthetic(options.Figures, options.Sources);

    // 1. The floor: binary COPY of the same claim payloads into a plain table. Every run measures it: the other
    // sections are read as ratios of it.
    var copyRate = await Sections.Copy(connection, data, largest);
    report.Add("1 floor", $"binary COPY, {largest:N0} rows", copyRate, "rows/s", 1.0);

    // 2. Naive Marten: batched appends of 1000 with an inline single-stream projection.
    if (options.Runs("naive"))
    {
        var naiveRate = await Sections.NaiveBatched(connection, data, largest);
        report.Add("2 naive Marten", $"Append, batches of 1000, inline projection, {largest:N0} events", naiveRate,
            "events/s", naiveRate / copyRate);
    }

    // 3. FactLedger bulk ingest through its own ingest path, at each size, each into a fresh schema: first stored in
    // sets (a statement per table, the default), then the identical input through Marten's append path, to compare
    // the two writers within one run.
    string? largestSchema = null;
    if (options.Runs("ingest"))
    {
        // Untimed: a small ingest first, so the sized runs measure the ingest, not compiling it and opening the
        // connection pool (a server pays those once, at start).
        await Sections.FactLedgerIngest(connection, "bench_ingest_warmup", new Synthetic(50, 100), 2000, inSets: true);
    }
    foreach (var size in options.Runs("ingest") ? options.Sizes.Order().ToArray() : [])
    {
        var schema = $"bench_ingest_{size}";
        using (var rss = new RssSampler())
        {
            var (rate, perClaim) = await Sections.FactLedgerIngest(connection, schema, data, size, inSets: true);
            report.Add("3 FactLedger ingest",
                $"{size:N0} claims, {options.Figures:N0} figures, {options.Sources:N0} sources, in sets", rate,
                "claims/s", rate / copyRate, $"{perClaim:F0} µs/claim; peak RSS {rss.PeakMegabytes:F0} MB");
            if (size == largest)
            {
                largestSchema = schema;
                // Where the memory is, as the runtime sees it after the ingest: the managed heap (large objects
                // apart) against what it has committed.
                var gc = GC.GetGCMemoryInfo(GCKind.Any);
                const double mb = 1024 * 1024;
                report.Add("7 memory", $"peak RSS through the {size:N0} ingest", rss.PeakMegabytes, "MB", null,
                    $"after it: managed heap {gc.HeapSizeBytes / mb:F0} MB (large objects " +
                    $"{gc.GenerationInfo[3].SizeAfterBytes / mb:F0} MB), fragmented {gc.FragmentedBytes / mb:F0} MB, " +
                    $"committed {gc.TotalCommittedBytes / mb:F0} MB; {GC.CollectionCount(2)} full collections");
            }
        }
        if (options.Runs("appendpath"))
        {
            var (rate, perClaim) = await Sections.FactLedgerIngest(connection, $"bench_append_{size}", data, size,
                inSets: false);
            report.Add("3 FactLedger ingest",
                $"{size:N0} claims, same input, Marten append path", rate, "claims/s", rate / copyRate,
                $"{perClaim:F0} µs/claim");
        }
    }

    // 4 and 5. HTTP writes and reads against the app on a loopback port, beside in-process baselines.
    if (options.Runs("http"))
    {
        await using var app = await BenchApp.StartAsync(connection, "bench_http", data);
        foreach (var concurrency in new[] { 1, 16, 64 })
        {
            var http = await Sections.HttpWrites(app, data, concurrency, options.HttpSeconds);
            var naive = await Sections.NaiveOnePerSave(connection, data, concurrency, options.HttpSeconds);
            report.Add("4 HTTP writes", $"POST /api/claims, {concurrency} clients", http.Rate, "claims/s",
                http.Rate / naive.Rate, $"p50 {http.P50:F1} ms, p99 {http.P99:F1} ms");
            report.Add("4 HTTP writes", $"naive Marten one event per save, {concurrency} tasks", naive.Rate,
                "events/s", 1.0, $"p50 {naive.P50:F1} ms, p99 {naive.P99:F1} ms");
        }
        var raw = await Sections.RawPointSelect(connection, "bench_http", data, 32, options.HttpSeconds);
        var figure = await Sections.HttpReads(app, data, "", 32, options.HttpSeconds);
        var timeline = await Sections.HttpReads(app, data, "/timeline", 32, options.HttpSeconds);
        report.Add("5 HTTP reads", "GET /api/figures/{key}, 32 clients", figure.Rate, "req/s", figure.Rate / raw.Rate,
            $"p50 {figure.P50:F1} ms, p99 {figure.P99:F1} ms");
        report.Add("5 HTTP reads", "GET /api/figures/{key}/timeline, 32 clients", timeline.Rate, "req/s",
            timeline.Rate / raw.Rate, $"p50 {timeline.P50:F1} ms, p99 {timeline.P99:F1} ms");
        report.Add("5 HTTP reads", "raw Npgsql point select of the same document, 32 tasks", raw.Rate, "req/s", 1.0,
            $"p50 {raw.P50:F1} ms, p99 {raw.P99:F1} ms");
    }

    // 6. Rebuild of every projection from the events of the largest ingest: cold (right after the load), then warm.
    if (options.Runs("rebuild") && largestSchema is not null)
    {
        var (cold, warm) = await Sections.Rebuild(connection, largestSchema);
        report.Add("6 rebuild", "all projections, cold (right after the bulk load)", cold.Rate, "events/s",
            cold.Rate / copyRate, cold.Notes);
        report.Add("6 rebuild", "all projections, warm (again)", warm.Rate, "events/s", warm.Rate / copyRate,
            warm.Notes);
    }

    // 8. The live feed: from a write's 2xx to the change arriving at every client following the figure.
    if (options.Runs("live"))
    {
        await using var app = await BenchApp.StartAsync(connection, "bench_live", data, daemon: true);
        foreach (var clients in options.Sizes.Max() <= 1000 ? new[] { 1, 50 } : [1, 500])
        {
            var live = await Sections.LiveLatency(app, data, clients, writes: 20);
            report.Add("8 live", $"write to server-sent event, {clients} clients", live.P50, "ms p50", null,
                $"p99 {live.P99:F1} ms over {live.Samples:N0} deliveries (expected {clients * 20:N0})");
        }
        var hooks = await Sections.WebhookThroughput(app, data, receivers: 4,
            claims: options.Sizes.Max() <= 1000 ? 200 : 2000);
        report.Add("8 live", $"webhook deliveries to {hooks.Receivers} local receivers", hooks.Rate, "deliveries/s",
            null, $"{hooks.Delivered:N0} of {hooks.Expected:N0} delivered in {hooks.Seconds:F1} s, each signed");
    }
}
finally
{
    local?.StopAndDelete();
}
report.Print();
await report.WriteJson();
return 0;

namespace FactLedger.Benchmarks
{
    using System.Buffers;
    using Microsoft.AspNetCore.Builder;
    using Microsoft.Extensions.Configuration;
    using Microsoft.Extensions.DependencyInjection;

    public sealed record BenchOptions(int[] Sizes, int Figures, int Sources, int HttpSeconds, string Output,
        string? Connection, string[] Sections)
    {
        /// <summary>Sections besides the COPY floor, which always runs: every other figure is a ratio of it.
        /// Rebuild needs ingest (it rebuilds the largest ingest's events).</summary>
        public static readonly string[] All = ["naive", "ingest", "appendpath", "http", "rebuild", "live"];

        public bool Runs(string section) => Sections.Contains(section);

        public static BenchOptions Parse(string[] args)
        {
            string? Get(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
            var small = args.Contains("--small");
            return new BenchOptions(
                (Get("--sizes") ?? (small ? "1000" : "10000,100000")).Split(',').Select(int.Parse).ToArray(),
                int.Parse(Get("--figures") ?? (small ? "50" : "1000")),
                int.Parse(Get("--sources") ?? (small ? "100" : "5000")),
                int.Parse(Get("--http-seconds") ?? (small ? "1" : "10")),
                Get("--out") ?? "tests/TestResults/bench/results.json",
                Get("--connection"),
                Get("--sections")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                    is { } chosen
                    ? chosen.Except(All).ToArray() is []
                        ? chosen
                        : throw new ArgumentException($"--sections takes {string.Join(",", All)}")
                    : All);
        }

        public override string ToString() =>
            $"sizes {string.Join("/", Sizes.Select(s => s.ToString("N0", CultureInfo.InvariantCulture)))}, " +
            $"{Figures:N0} figures, {Sources:N0} sources, HTTP {HttpSeconds} s per case, " +
            $"sections {string.Join(",", Sections)}";
    }

    /// <summary>
    /// Deterministic claims: claim i is about figure i mod F, from source i mod S, quoting a sentence of that source.
    /// </summary>
    public sealed class Synthetic(int figures, int sources)
    {
        public int Figures => figures;
        public int Sources => sources;
        public static readonly DateTimeOffset Start = new(2022, 1, 5, 0, 0, 0, TimeSpan.Zero);

        public string FigureKey(int i) => $"bench.group-{i % figures}.detained";
        public string SourceKey(int i) => $"bs{i % sources}";
        public static long Value(int i) => 100 + i % 50;
        public static string Sentence(int i) => $"officials said {Value(i)} people were detained in district {i}.";

        public string SourceText(int source, int claims)
        {
            var text = new StringBuilder($"Article {source}.\n");
            for (var i = source; i < claims; i += sources) text.Append("Report: ").Append(Sentence(i)).Append('\n');
            return text.ToString();
        }

        public IEnumerable<object> SourcesFor(int claims) => Enumerable.Range(0, sources).Select(s => (object)new
        {
            key = $"bs{s}", outlet = $"Outlet {s % 97}", language = "en", title = $"Article {s}",
            publishedAt = Start.AddMinutes(s), text = SourceText(s, claims),
        });

        public IEnumerable<object> FigureDefinitions() => Enumerable.Range(0, figures).Select(f => (object)new
        {
            key = $"bench.group-{f}.detained", kind = "count", cumulative = true,
            labels = new Dictionary<string, string> { ["en"] = $"Detained, group {f}" },
        });

        public object Claim(int i, string? idPrefix = null) => new
        {
            id = $"{idPrefix ?? "bc"}{i}", figure = FigureKey(i), source = SourceKey(i),
            value = new { qualifier = i % 3 == 0 ? "at_least" : "exact", value = Value(i) },
            quote = Sentence(i), attributedTo = i % 4 == 0 ? "Ministry" : null,
        };
    }

    /// <summary>
    /// The FactLedger API started in this process on a free loopback port, over a schema of its own.
    /// </summary>
    public sealed class BenchApp : IAsyncDisposable
    {
        public const string Key = "bench-editor-key-0123456789abcdef";
        public const string AdminKey = "bench-admin-key-0123456789abcdef";
        public required WebApplication App { get; init; }
        public required string BaseUrl { get; init; }
        public IServiceProvider Services => App.Services;

        public static async Task<BenchApp> StartAsync(string connection, string schema, Synthetic? seedFor = null,
            int claimsInTexts = 0, bool daemon = false, bool inSets = true)
        {
            var port = FreePort();
            var builder = WebApplication.CreateBuilder(
                new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["urls"] = $"http://127.0.0.1:{port}",
                ["ConnectionStrings:FactLedger"] = connection,
                ["FactLedger:Schema"] = schema,
                ["FactLedger:RunDaemon"] = daemon ? "true" : "false",
                // 0: every batch through Marten's append path, as before the set-based writer.
                ["FactLedger:BulkWriteMinimum"] = inSets ? "1" : "0",
                ["FactLedger:Seeds:LoadOnStart"] = "false",
                ["FactLedger:ApiKeys:0:Name"] = "bench", ["FactLedger:ApiKeys:0:Role"] = "editor",
                ["FactLedger:ApiKeys:0:Key"] = Key,
                ["FactLedger:ApiKeys:1:Name"] = "bench-admin", ["FactLedger:ApiKeys:1:Role"] = "admin",
                ["FactLedger:ApiKeys:1:Key"] = AdminKey,
                ["FactLedger:Webhooks:AllowedHosts:0"] = "127.0.0.1",
                ["FactLedger:WriteRateLimit:PermitsPerSecond"] = "10000000",
                ["FactLedger:WriteRateLimit:Burst"] = "10000000",
                ["Logging:LogLevel:Default"] = "Warning",
                ["Logging:Console:FormatterName"] = "simple",
            });
            builder.AddFactLedger();
            var app = builder.Build();
            app.UseFactLedger();
            await app.StartAsync();
            var bench = new BenchApp { App = app, BaseUrl = $"http://127.0.0.1:{port}" };
            if (seedFor is not null)
            {
                // Sources whose texts hold a sentence for every claim the HTTP writers will send.
                await bench.Ingest(new Bundle(
                    seedFor.SourcesFor(Math.Max(claimsInTexts, seedFor.Sources * 4))
                        .Select(Convert<BundleSource>).ToList(),
                    seedFor.FigureDefinitions()
                        .Select(Convert<FactLedger.Api.Features.Figures.DefineFigure.Command>).ToList(),
                    null));
            }
            return bench;
        }

        public async Task<IngestResult> Ingest(Bundle bundle)
        {
            await using var scope = Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<IMediator>()
                .Send(new IngestBundle.Command(bundle, null, "bench"));
        }

        public static T Convert<T>(object value) =>
            JsonSerializer.Deserialize<T>(JsonSerializer.Serialize(value, JsonSerializerOptions.Web),
                JsonSerializerOptions.Web)!;

        private static int FreePort()
        {
            using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
            listener.Start();
            return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        }

        public async ValueTask DisposeAsync()
        {
            await App.StopAsync();
            await App.DisposeAsync();
        }
    }

    public sealed record Load(double Rate, double P50, double P99);

    public static class Sections
    {
        public static async Task<double> Copy(string connection, Synthetic data, int rows)
        {
            await using var db = new NpgsqlConnection(connection);
            await db.OpenAsync();
            await new NpgsqlCommand("drop table if exists bench_copy; create table bench_copy " +
                "(id text, figure text, source text, value jsonb, quote text, published_at timestamptz)", db)
                .ExecuteNonQueryAsync();
            var clock = Stopwatch.StartNew();
            await using (var copy = await db.BeginBinaryImportAsync(
                "copy bench_copy (id, figure, source, value, quote, published_at) from stdin (format binary)"))
            {
                for (var i = 0; i < rows; i++)
                {
                    await copy.StartRowAsync();
                    await copy.WriteAsync($"bc{i}", NpgsqlDbType.Text);
                    await copy.WriteAsync(data.FigureKey(i), NpgsqlDbType.Text);
                    await copy.WriteAsync(data.SourceKey(i), NpgsqlDbType.Text);
                    await copy.WriteAsync($"{{\"qualifier\":\"exact\",\"value\":{Synthetic.Value(i)}}}",
                        NpgsqlDbType.Jsonb);
                    await copy.WriteAsync(Synthetic.Sentence(i), NpgsqlDbType.Text);
                    await copy.WriteAsync(Synthetic.Start.AddMinutes(i % data.Sources), NpgsqlDbType.TimestampTz);
                }
                await copy.CompleteAsync();
            }
            return rows / clock.Elapsed.TotalSeconds;
        }

        private static DocumentStore NaiveStore(string connection, string schema) => DocumentStore.For(o =>
        {
            o.Connection(connection);
            o.DatabaseSchemaName = schema;
            o.Events.StreamIdentity = StreamIdentity.AsString;
            o.AutoCreateSchemaObjects = AutoCreate.All;
            o.Projections.Add(new NaiveTallyProjection(), ProjectionLifecycle.Inline);
        });

        public static async Task<double> NaiveBatched(string connection, Synthetic data, int events)
        {
            using var store = NaiveStore(connection, "bench_naive_batched");
            await store.Advanced.Clean.CompletelyRemoveAllAsync();
            await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
            var clock = Stopwatch.StartNew();
            for (var start = 0; start < events; start += 1000)
            {
                await using var session = store.LightweightSession();
                foreach (var group in Enumerable.Range(start, Math.Min(1000, events - start)).GroupBy(data.FigureKey))
                    session.Events.Append(group.Key, group.Select(i => (object)new NaiveClaim($"bc{i}",
                        data.SourceKey(i), Synthetic.Value(i), Synthetic.Sentence(i))).ToArray());
                await session.SaveChangesAsync();
            }
            return events / clock.Elapsed.TotalSeconds;
        }

        public static async Task<Load> NaiveOnePerSave(string connection, Synthetic data, int concurrency, int seconds)
        {
            using var store = NaiveStore(connection, "bench_naive_single");
            await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
            var counter = 0;
            return await Measure(concurrency, seconds, async () =>
            {
                var i = Interlocked.Increment(ref counter);
                await using var session = store.LightweightSession();
                session.Events.Append(data.FigureKey(i),
                    new NaiveClaim($"n{i}", data.SourceKey(i), Synthetic.Value(i), Synthetic.Sentence(i)));
                try
                {
                    await session.SaveChangesAsync();
                    return true;
                }
                catch (Exception e)
                    when (e is EventStreamUnexpectedMaxEventIdException or JasperFx.ConcurrencyException)
                {
                    // Two writers on one stream: a plain app loses this write (counted as a failure, not in the rate).
                    return false;
                }
            });
        }

        public static async Task<(double Rate, double MicrosPerClaim)> FactLedgerIngest(string connection,
            string schema, Synthetic data, int claims, bool inSets)
        {
            await DropSchema(connection, schema);
            await using var app = await BenchApp.StartAsync(connection, schema, inSets: inSets);
            // Everything goes in as NDJSON streams through the streamed ingest path, generated as they are read, so the
            // input is never held whole on either side: first the sources and figures (not timed), then the claims.
            var setup = await StreamIngest(app, data.SourcesFor(claims).Select(s => (object)new { source = s })
                .Concat(data.FigureDefinitions().Select(f => (object)new { figure = f })), null);
            if (setup.Rejected > 0)
                throw new InvalidOperationException($"setup rejected {setup.Rejected}: {setup.Items.First().Reason}");
            var clock = Stopwatch.StartNew();
            var result = await StreamIngest(app,
                Enumerable.Range(0, claims).Select(i => (object)new { claim = data.Claim(i) }),
                done => Console.Error.Write(
                    $"\r  ingest {claims:N0}: {done:N0} claims, {done / clock.Elapsed.TotalSeconds:F0}/s   "));
            if (result.Rejected > 0)
                throw new InvalidOperationException($"rejected {result.Rejected}: {result.Items.First().Reason}");
            if (result.Created != claims) throw new InvalidOperationException($"created {result.Created} of {claims}");
            Console.Error.WriteLine();
            var seconds = clock.Elapsed.TotalSeconds;
            return (claims / seconds, seconds * 1e6 / claims);
        }

        /// <summary>Sends <paramref name="lines"/> as one NDJSON stream through the streamed ingest, writing each line
        /// as the ingest reads (a pipe: at most a few lines are in flight).</summary>
        private static async Task<IngestResult> StreamIngest(BenchApp app, IEnumerable<object> lines,
            Action<int>? progress)
        {
            var pipe = new System.IO.Pipelines.Pipe();
            var producer = Task.Run(async () =>
            {
                var n = 0;
                foreach (var line in lines)
                {
                    pipe.Writer.Write(JsonSerializer.SerializeToUtf8Bytes(line, JsonSerializerOptions.Web));
                    pipe.Writer.Write("\n"u8);
                    if (++n % 1000 == 0) await pipe.Writer.FlushAsync();
                }
                await pipe.Writer.CompleteAsync();
            });
            await using var scope = app.Services.CreateAsyncScope();
            var result = await scope.ServiceProvider.GetRequiredService<IMediator>()
                .Send(new IngestStream.Command(pipe.Reader.AsStream(), null, "bench")
                {
                    Progress = progress is null ? null : new Progress<(int Done, int Total)>(p => progress(p.Done)),
                });
            await producer;
            return result;
        }

        public static async Task<Load> HttpWrites(BenchApp app, Synthetic data, int concurrency, int seconds)
        {
            using var client = Client(app, concurrency);
            var counter = 0;
            var prefix = $"h{concurrency}-";
            return await Measure(concurrency, seconds, async () =>
            {
                // Texts hold sentences for the first Sources*4 claims; cycle through them under fresh ids.
                var n = Interlocked.Increment(ref counter);
                var i = n % (data.Sources * 4);
                var claim = new
                {
                    id = $"{prefix}{n}", figure = data.FigureKey(n), source = data.SourceKey(i),
                    value = new { qualifier = "exact", value = Synthetic.Value(i) }, quote = Synthetic.Sentence(i),
                };
                var response = await client.PostAsJsonAsync("/api/claims", claim);
                return response.IsSuccessStatusCode;
            });
        }

        public static async Task<Load> HttpReads(BenchApp app, Synthetic data, string suffix, int concurrency,
            int seconds)
        {
            using var client = Client(app, concurrency);
            var counter = 0;
            return await Measure(concurrency, seconds, async () =>
            {
                var i = Interlocked.Increment(ref counter);
                using var response = await client.GetAsync($"/api/figures/{data.FigureKey(i)}{suffix}");
                await response.Content.CopyToAsync(Stream.Null);
                return response.IsSuccessStatusCode;
            });
        }

        public static async Task<Load> RawPointSelect(string connection, string schema, Synthetic data,
            int concurrency, int seconds)
        {
            await using var source = NpgsqlDataSource.Create(connection);
            var counter = 0;
            return await Measure(concurrency, seconds, async () =>
            {
                var i = Interlocked.Increment(ref counter);
                await using var command =
                    source.CreateCommand($"select data from {schema}.mt_doc_figureview where id = $1");
                command.Parameters.AddWithValue(data.FigureKey(i));
                var json = (string?)await command.ExecuteScalarAsync();
                return json is not null;
            });
        }

        /// <summary>Rebuilds every projection twice. Rate: events read over all projections (each reads every
        /// event), per second; the notes give the wall time and the ledger's events per second of it.</summary>
        public static async Task<((double Rate, string Notes) Cold, (double Rate, string Notes) Warm)> Rebuild(
            string connection, string schema)
        {
            await using var app = await BenchApp.StartAsync(connection, schema);
            var store = app.Services.GetRequiredService<IDocumentStore>();
            var events = await store.Storage.Database.FetchHighestEventSequenceNumber();
            var projections = store.Options.Events.Projections().Count();
            var origins = app.Services.GetRequiredService<Api.Features.Origins.OriginBook>();
            async Task<(double, string)> Once()
            {
                var clock = Stopwatch.StartNew();
                await ProjectionRebuilder.RebuildAllAsync(store, origins,
                    line => Console.Error.WriteLine($"  {line}"), CancellationToken.None);
                var seconds = clock.Elapsed.TotalSeconds;
                return (events * projections / seconds,
                    $"{projections} projections, {events:N0} events in {seconds:F1} s: {events / seconds:N0} " +
                    "ledger events/s");
            }
            return (await Once(), await Once());
        }

        private static HttpClient Client(BenchApp app, int concurrency)
        {
            var client = new HttpClient(new SocketsHttpHandler
            {
                MaxConnectionsPerServer = concurrency, PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            })
            { BaseAddress = new Uri(app.BaseUrl), Timeout = TimeSpan.FromSeconds(60) };
            client.DefaultRequestHeaders.Add("X-Api-Key", BenchApp.Key);
            return client;
        }

        /// <summary>Runs <paramref name="operation"/> from <paramref name="concurrency"/> tasks for a warm-up (a fifth
        /// of the time, at least a second: compiled code and pooled connections settle, nothing is counted), then for
        /// <paramref name="seconds"/>, timing each call; the rate counts successful operations only.</summary>
        public static async Task<Load> Measure(int concurrency, int seconds, Func<Task<bool>> operation)
        {
            var warm = Stopwatch.GetTimestamp() + (long)(Math.Max(1.0, seconds / 5.0) * Stopwatch.Frequency);
            await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
            {
                while (Stopwatch.GetTimestamp() < warm) await operation();
            }));
            var until = Stopwatch.GetTimestamp() + (long)(seconds * Stopwatch.Frequency);
            var latencies = new List<double>[concurrency];
            var failures = 0;
            var clock = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async w =>
            {
                var mine = latencies[w] = [];
                while (Stopwatch.GetTimestamp() < until)
                {
                    var started = Stopwatch.GetTimestamp();
                    if (await operation()) mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    else Interlocked.Increment(ref failures);
                }
            }));
            var all = latencies.SelectMany(l => l).Order().ToArray();
            if (failures > 0) Console.Error.WriteLine($"  {failures} operations failed");
            return all.Length == 0 ? new Load(0, 0, 0)
                : new Load(all.Length / clock.Elapsed.TotalSeconds, all[(int)(all.Length * 0.50)],
                    all[Math.Min(all.Length - 1, (int)(all.Length * 0.99))]);
        }

        /// <summary>Opens <paramref name="clients"/> event streams on one figure, writes claims that each move its
        /// estimate, and times each change from its write's 2xx to its arrival at each client.</summary>
        public static async Task<(double P50, double P99, int Samples)> LiveLatency(BenchApp app, Synthetic data,
            int clients, int writes)
        {
            var figure = data.FigureKey(0);
            using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = clients + 16 };
            using var client = new HttpClient(handler)
                { BaseAddress = new Uri(app.BaseUrl), Timeout = Timeout.InfiniteTimeSpan };
            client.DefaultRequestHeaders.Add("X-Api-Key", BenchApp.Key);
            var written = new System.Collections.Concurrent.ConcurrentDictionary<string, long>();
            // Arrivals are matched with the writes afterwards: a change may reach a client before the writer has
            // read its own 2xx.
            var arrivals = new System.Collections.Concurrent.ConcurrentBag<(string Id, long At)>();
            using var stop = new CancellationTokenSource();
            var opened = 0;
            var readers = Enumerable.Range(0, clients).Select(async _ =>
            {
                try
                {
                    using var response = await client.GetAsync($"/api/stream?figure={figure}",
                        HttpCompletionOption.ResponseHeadersRead, stop.Token);
                    Interlocked.Increment(ref opened);
                    using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(stop.Token));
                    while (await reader.ReadLineAsync(stop.Token) is { } line)
                    {
                        if (!line.StartsWith("data: ", StringComparison.Ordinal)) continue;
                        var arrived = Stopwatch.GetTimestamp();
                        using var change = JsonDocument.Parse(line[6..]);
                        foreach (var id in change.RootElement.GetProperty("claimIds").EnumerateArray())
                            arrivals.Add((id.GetString()!, arrived));
                    }
                }
                catch (OperationCanceledException) { }
                catch (IOException) { }
            }).ToList();
            for (var wait = Stopwatch.StartNew(); opened < clients && wait.Elapsed < TimeSpan.FromSeconds(60);)
                await Task.Delay(50);
            await Task.Delay(500);
            for (var k = 0; k < writes; k++)
            {
                var id = $"live-{clients}-{k}";
                var response = await client.PostAsJsonAsync("/api/claims", new
                {
                    id, figure, source = data.SourceKey(k),
                    value = new { qualifier = "exact", value = 100_000 + clients * 1000 + k },
                    quote = Synthetic.Sentence(k),
                });
                if (response.IsSuccessStatusCode) written[id] = Stopwatch.GetTimestamp();
                await Task.Delay(100);
            }
            for (var wait = Stopwatch.StartNew();
                 arrivals.Count < clients * written.Count && wait.Elapsed < TimeSpan.FromSeconds(15);)
                await Task.Delay(50);
            await stop.CancelAsync();
            await Task.WhenAll(readers);
            var all = arrivals.Where(a => written.ContainsKey(a.Id))
                .Select(a => Math.Max(0, Stopwatch.GetElapsedTime(written[a.Id], a.At).TotalMilliseconds))
                .Order().ToArray();
            return all.Length == 0 ? (0, 0, 0)
                : (all[all.Length / 2], all[Math.Min(all.Length - 1, (int)(all.Length * 0.99))], all.Length);
        }

        /// <summary>Registers webhooks to receivers on this machine, writes claims that each change a figure, and
        /// counts deliveries per second until every change has reached every receiver (or 60 s pass).</summary>
        public static async Task<(int Receivers, double Rate, int Delivered, int Expected, double Seconds)>
            WebhookThroughput(BenchApp app, Synthetic data, int receivers, int claims)
        {
            var received = 0;
            var listeners = new List<WebApplication>();
            using var admin = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
            admin.DefaultRequestHeaders.Add("X-Api-Key", BenchApp.AdminKey);
            for (var r = 0; r < receivers; r++)
            {
                var builder = WebApplication.CreateSlimBuilder();
                Microsoft.AspNetCore.Hosting.HostingAbstractionsWebHostBuilderExtensions.UseUrls(builder.WebHost,
                    "http://127.0.0.1:0");
                builder.Configuration["Logging:LogLevel:Default"] = "Warning";
                var receiver = builder.Build();
                receiver.Run(async http =>
                {
                    await http.Request.Body.CopyToAsync(Stream.Null);
                    Interlocked.Increment(ref received);
                });
                await receiver.StartAsync();
                listeners.Add(receiver);
                var url = receiver.Urls.First();
                (await admin.PostAsJsonAsync("/api/webhooks", new { url = $"{url}/hook" })).EnsureSuccessStatusCode();
            }
            using var writer = Client(app, 16);
            var clock = Stopwatch.StartNew();
            var changes = 0;
            var writers = new ParallelOptions { MaxDegreeOfParallelism = 16 };
            await Parallel.ForEachAsync(Enumerable.Range(0, claims), writers, async (k, ct) =>
            {
                // Each claim a new origin of its figure at a new value: each moves that figure's estimate.
                var response = await writer.PostAsJsonAsync("/api/claims", new
                {
                    id = $"hook-{k}", figure = data.FigureKey(k), source = data.SourceKey(k),
                    value = new { qualifier = "exact", value = 500_000 + k }, quote = Synthetic.Sentence(k),
                }, ct);
                if (response.IsSuccessStatusCode) Interlocked.Increment(ref changes);
            });
            var expected = changes * receivers;
            while (Volatile.Read(ref received) < expected && clock.Elapsed < TimeSpan.FromSeconds(60))
                await Task.Delay(50);
            var seconds = clock.Elapsed.TotalSeconds;
            foreach (var listener in listeners) await listener.DisposeAsync();
            return (receivers, received / seconds, received, expected, seconds);
        }

        private static async Task DropSchema(string connection, string schema)
        {
            await using var db = new NpgsqlConnection(connection);
            await db.OpenAsync();
            await new NpgsqlCommand($"drop schema if exists {schema} cascade", db).ExecuteNonQueryAsync();
        }
    }

    public sealed record NaiveClaim(string ClaimId, string Source, long Value, string Quote);

    public sealed class NaiveTally
    {
        public string Id { get; set; } = "";
        public int Claims { get; set; }
        public long Last { get; set; }
    }

    public sealed partial class NaiveTallyProjection : SingleStreamProjection<NaiveTally, string>
    {
        public NaiveTally Create(IEvent<NaiveClaim> e) => new() { Id = e.StreamKey!, Claims = 1, Last = e.Data.Value };
        public void Apply(NaiveClaim e, NaiveTally tally) { tally.Claims++; tally.Last = e.Value; }
    }

    /// <summary>Samples this process's resident memory; reports the peak while alive.</summary>
    public sealed class RssSampler : IDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private long _peak;

        public RssSampler() => _ = Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                Interlocked.Exchange(ref _peak, Math.Max(Interlocked.Read(ref _peak), Rss()));
                try { await Task.Delay(100, _stop.Token); } catch (OperationCanceledException) { }
            }
        });

        public double PeakMegabytes => Math.Max(Interlocked.Read(ref _peak), Rss()) / 1024.0 / 1024.0;

        private static long Rss()
        {
            var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("VmRSS:"));
            return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;
        }

        public void Dispose() => _stop.Cancel();
    }

    public sealed class Report(BenchOptions options)
    {
        private readonly List<(string Section, string Case, double Value, string Unit, double? Ratio, string? Note)>
            _rows = [];

        public void Add(string section, string @case, double value, string unit, double? ratio, string? note = null)
        {
            _rows.Add((section, @case, value, unit, ratio, note));
            Console.WriteLine($"  {section}: {@case}: {value:N0} {unit}" +
                $"{(ratio is null ? "" : $" ({ratio:P1})")}{(note is null ? "" : $" — {note}")}");
        }

        public void Print()
        {
            Console.WriteLine();
            Console.WriteLine("| section | case | result | ratio | notes |");
            Console.WriteLine("| --- | --- | --- | --- | --- |");
            foreach (var r in _rows)
                Console.WriteLine($"| {r.Section} | {r.Case} | " +
                    $"{r.Value.ToString("N0", CultureInfo.InvariantCulture)} {r.Unit} | " +
                    $"{(r.Ratio is null ? "" : r.Ratio.Value.ToString("P1", CultureInfo.InvariantCulture))} | " +
                    $"{r.Note} |");
            Console.WriteLine(
                "ratio: of the raw COPY rate for sections 2, 3 and 6; of the baseline beside it for 4 and 5.");
        }

        public async Task WriteJson()
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(options.Output))!);
            await File.WriteAllTextAsync(options.Output, JsonSerializer.Serialize(new
            {
                at = DateTime.UtcNow, cores = Environment.ProcessorCount, options = options.ToString(),
                rows = _rows.Select(r => new { r.Section, r.Case, r.Value, r.Unit, r.Ratio, r.Note }),
            }, new JsonSerializerOptions { WriteIndented = true }));
            Console.WriteLine($"results written to {options.Output}");
        }
    }
}
