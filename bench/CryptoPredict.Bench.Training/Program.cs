using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using CryptoPredict.Bench.Training;
using CryptoPredict.Torch;
using CryptoPredict.Torch.Optim;

// One configuration per process, one JSON line on stdout, in the same shape as bench/pytorch/reference.py:
//   cryptopredict-bench-training --model bilstm2|cnn-lstm-attn|bilstm-ohlc|lstm-attn-vol|lstm|cnn-lstm-regime
//       --batch 32 [--seconds 3] [--blocks 5] [--warmup 3] [--pool 4]
// Step, as the reference's: zero_grad -> forward -> loss -> backward -> Adam(lr 1e-3).step, train mode, on a pool of
// pre-generated random batches cycled through.
var options = args.Select((a, i) => (a, i)).Where(p => p.a.StartsWith("--", StringComparison.Ordinal))
    .ToDictionary(p => p.a[2..], p => p.i + 1 < args.Length ? args[p.i + 1] : "", StringComparer.Ordinal);
string Get(string name, string fallback) => options.TryGetValue(name, out var v) ? v : fallback;
var modelName = Get("model", "bilstm2");
var batch = int.Parse(Get("batch", "32"), CultureInfo.InvariantCulture);
var seconds = double.Parse(Get("seconds", "3"), CultureInfo.InvariantCulture);
var blocks = int.Parse(Get("blocks", "5"), CultureInfo.InvariantCulture);
var warmup = int.Parse(Get("warmup", "3"), CultureInfo.InvariantCulture);
var poolSize = int.Parse(Get("pool", "4"), CultureInfo.InvariantCulture);
if (!BenchModel.Names.Contains(modelName))
{
    Console.Error.WriteLine($"unknown model '{modelName}'; choose from {string.Join(", ", BenchModel.Names)}");
    return 2;
}

Torch.ManualSeed(0);
using var model = BenchModel.Create(modelName);
var net = model.Network;
net.Train();
using var optimizer = new Adam(net.NamedParameters(), lr: 1e-3);
var pool = new List<(Tensor X, Tensor Y)>();
for (var i = 0; i < poolSize; i++)
{
    pool.Add((Torch.Randn([batch, model.Steps, model.Features]).DetachFromDisposeScope(), model.RandomTargets(batch).DetachFromDisposeScope()));
}

var next = 0;
float lastLoss = float.NaN;
void Step()
{
    using var scope = Torch.NewDisposeScope();
    var (x, y) = pool[next++ % pool.Count];
    optimizer.ZeroGrad();
    var loss = model.ComputeLoss(net.Forward(x), y);
    loss.Backward();
    optimizer.Step();
    if (next % 16 == 0)
    {
        lastLoss = loss.Item<float>();
    }
}

for (var i = 0; i < warmup; i++)
{
    Step();
}

var rates = new List<double>();
var stepMs = new List<double>();
var perBlock = seconds / blocks;
var cpu = Process.GetCurrentProcess().TotalProcessorTime;
var wall = Stopwatch.StartNew();
for (var b = 0; b < blocks; b++)
{
    var watch = Stopwatch.StartNew();
    var steps = 0;
    do
    {
        Step();
        steps++;
    }
    while (watch.Elapsed.TotalSeconds < perBlock);

    var elapsed = watch.Elapsed.TotalSeconds;
    rates.Add(steps * batch / elapsed);
    stepMs.Add(elapsed * 1000 / steps);
}

var cpuPerWall = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds / wall.Elapsed.TotalSeconds;

static double Median(List<double> v)
{
    var s = v.Order().ToList();
    return s.Count % 2 == 1 ? s[s.Count / 2] : (s[s.Count / 2 - 1] + s[s.Count / 2]) / 2;
}

var result = new Dictionary<string, object?>
{
    ["impl"] = "cryptopredict",
    ["model"] = modelName,
    ["reference_model"] = model.ReferenceName,
    ["batch"] = batch,
    ["samples_per_second"] = Math.Round(Median(rates), 2),
    ["step_ms"] = Math.Round(Median(stepMs), 3),
    ["sps_min"] = Math.Round(rates.Min(), 2),
    ["sps_max"] = Math.Round(rates.Max(), 2),
    ["blocks"] = blocks,
    ["warmup"] = warmup,
    ["seconds"] = seconds,
    ["threads"] = Torch.GetNumThreads(),
    ["params"] = net.ParameterCount(),
    ["cpu_per_wall"] = Math.Round(cpuPerWall, 2),
    ["final_loss"] = float.IsNaN(lastLoss) ? null : lastLoss,
    ["choices"] = TorchRuntime.Choices.ToDictionary(c => c.Setting, c => c.Value),
    ["torch_version"] = Torch.LibTorchVersion.ToString(),
};
Console.WriteLine(JsonSerializer.Serialize(result));
foreach (var (x, y) in pool)
{
    x.Dispose();
    y.Dispose();
}

return 0;
