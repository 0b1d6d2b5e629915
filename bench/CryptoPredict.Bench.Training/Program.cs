using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using CryptoPredict.Bench.Training;
using CryptoPredict.Torch;
using CryptoPredict.Torch.Optim;
using F = CryptoPredict.Torch.Nn.Functional;

// One configuration per process, one JSON line on stdout, in the same shape as bench/pytorch/reference.py:
//   cryptopredict-bench-training --model bilstm2 --batch 32 [--seconds 3] [--blocks 5] [--warmup 3]
var options = args.Select((a, i) => (a, i)).Where(p => p.a.StartsWith("--", StringComparison.Ordinal))
    .ToDictionary(p => p.a[2..], p => p.i + 1 < args.Length ? args[p.i + 1] : "", StringComparer.Ordinal);
string Get(string name, string fallback) => options.TryGetValue(name, out var v) ? v : fallback;
var model = Get("model", "bilstm2");
var batch = int.Parse(Get("batch", "32"), CultureInfo.InvariantCulture);
var seconds = double.Parse(Get("seconds", "3"), CultureInfo.InvariantCulture);
var blocks = int.Parse(Get("blocks", "5"), CultureInfo.InvariantCulture);
var warmup = int.Parse(Get("warmup", "3"), CultureInfo.InvariantCulture);
if (model != "bilstm2")
{
    Console.Error.WriteLine($"unknown model '{model}': this benchmark has bilstm2 (the five seed models arrive with the models issue)");
    return 2;
}

Torch.ManualSeed(0);
using var net = new BiLstm2();
net.Train();
using var optimizer = new Adam(net.NamedParameters(), lr: 1e-3);
using var x = Torch.Randn([batch, 60, 13]);
using var y = Torch.Randn([batch, 1]);

void Step()
{
    using var scope = Torch.NewDisposeScope();
    optimizer.ZeroGrad();
    var loss = F.MseLoss(net.Forward(x), y);
    loss.Backward();
    optimizer.Step();
}

for (var i = 0; i < warmup; i++)
{
    Step();
}

var rates = new List<double>();
var stepMs = new List<double>();
var perBlock = seconds / blocks;
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

static double Median(List<double> v)
{
    var s = v.Order().ToList();
    return s.Count % 2 == 1 ? s[s.Count / 2] : (s[s.Count / 2 - 1] + s[s.Count / 2]) / 2;
}

var result = new Dictionary<string, object?>
{
    ["impl"] = "cryptopredict",
    ["model"] = model,
    ["batch"] = batch,
    ["samples_per_second"] = Math.Round(Median(rates), 2),
    ["step_ms"] = Math.Round(Median(stepMs), 3),
    ["threads"] = Torch.GetNumThreads(),
    ["params"] = net.ParameterCount(),
    ["choices"] = TorchRuntime.Choices.ToDictionary(c => c.Setting, c => c.Value),
    ["torch_version"] = Torch.LibTorchVersion.ToString(),
};
Console.WriteLine(JsonSerializer.Serialize(result));
return 0;
