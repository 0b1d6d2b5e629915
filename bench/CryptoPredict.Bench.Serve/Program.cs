using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;

// Load benchmark of `cryptopredict serve` (bench/run-serve.sh starts the server): CLIENTS concurrent loopback clients
// send REQUESTS POST /v1/predict with one body, after WARMUP untimed ones. Reports throughput, latency percentiles and
// the server's resident memory (VmRSS of SERVER_PID) before and after the warm-up, every tenth of the run and at the end.
if (args.Length < 3)
{
    Console.Error.WriteLine("usage: CryptoPredict.Bench.Serve URL BODY_FILE SERVER_PID [requests 10000] [clients 16] [warmup 1000]");
    return 1;
}

var url = new Uri(new Uri(args[0]), "/v1/predict");
var body = File.ReadAllBytes(args[1]);
var pid = int.Parse(args[2], CultureInfo.InvariantCulture);
var requests = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 10_000;
var clients = args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 16;
var warmup = args.Length > 5 ? int.Parse(args[5], CultureInfo.InvariantCulture) : 1_000;

using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = clients, UseProxy = false }) { Timeout = TimeSpan.FromSeconds(60) };
var rssStart = Rss(pid);
await Run(warmup, null, null);
var rssWarm = Rss(pid);
var latencies = new double[requests];
var samples = new List<(int Done, long Rss)>();
var watch = Stopwatch.StartNew();
var failures = await Run(requests, latencies, samples);
var elapsed = watch.Elapsed;
var rssEnd = Rss(pid);

Array.Sort(latencies);
double Percentile(double p) => latencies[Math.Min(latencies.Length - 1, (int)Math.Ceiling(p * latencies.Length) - 1)];
var line = string.Create(CultureInfo.InvariantCulture,
    $"{{\"requests\":{requests},\"clients\":{clients},\"failures\":{failures},\"seconds\":{elapsed.TotalSeconds:0.000},\"requests_per_second\":{requests / elapsed.TotalSeconds:0.0}," +
    $"\"p50_ms\":{Percentile(0.50):0.00},\"p90_ms\":{Percentile(0.90):0.00},\"p99_ms\":{Percentile(0.99):0.00},\"max_ms\":{latencies[^1]:0.00}," +
    $"\"rss_start_mb\":{Mb(rssStart):0.0},\"rss_after_warmup_mb\":{Mb(rssWarm):0.0},\"rss_end_mb\":{Mb(rssEnd):0.0}," +
    $"\"rss_samples_mb\":[{string.Join(",", samples.Select(s => Mb(s.Rss).ToString("0.0", CultureInfo.InvariantCulture)))}]}}");
Console.WriteLine(line);
return failures == 0 ? 0 : 2;

// Sends `count` requests from `clients` loops sharing one counter; records each latency (ms) and, every tenth, the RSS.
async Task<int> Run(int count, double[]? times, List<(int Done, long Rss)>? rss)
{
    var next = -1;
    var done = 0;
    var failed = 0;
    var step = Math.Max(1, count / 10);
    var errors = new StringBuilder();
    await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
    {
        int i;
        while ((i = Interlocked.Increment(ref next)) < count)
        {
            var start = Stopwatch.GetTimestamp();
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
            using var response = await http.PostAsync(url, content);
            await response.Content.ReadAsByteArrayAsync();
            if (times is not null)
            {
                times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            }

            if (response.StatusCode != HttpStatusCode.OK && Interlocked.Increment(ref failed) <= 3)
            {
                lock (errors)
                {
                    errors.AppendLine(CultureInfo.InvariantCulture, $"HTTP {(int)response.StatusCode}");
                }
            }

            if (rss is not null && Interlocked.Increment(ref done) % step == 0)
            {
                lock (rss)
                {
                    rss.Add((done, Rss(pid)));
                }
            }
        }
    })));
    Console.Error.Write(errors.ToString());
    return failed;
}

static long Rss(int pid)
{
    foreach (var line in File.ReadLines($"/proc/{pid}/status"))
    {
        if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
        {
            return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
        }
    }

    throw new InvalidOperationException($"/proc/{pid}/status has no VmRSS line: is the server running?");
}

static double Mb(long bytes) => bytes / (1024.0 * 1024.0);
