using System.Globalization;
using CryptoPredict.Torch.Native;
using CryptoPredict.Torch.Serialization;

namespace CryptoPredict.Torch.Optim;

/// <summary>
/// Base of the optimizers. Parameters are known by name so that state saved from one process can be restored
/// into a freshly built model in another (and across libtorch versions): per parameter the step count and the
/// moment buffers, plus the learning rate, which a scheduler may have changed.
/// </summary>
public abstract class Optimizer : IDisposable
{
    private readonly OptimizerHandle _handle;
    private readonly string[] _names;
    private readonly Tensor[] _parameters;

    private protected unsafe Optimizer(string kind, int kindCode, IEnumerable<KeyValuePair<string, Tensor>> namedParameters, OptimizerSettings settings)
    {
        ArgumentNullException.ThrowIfNull(namedParameters);
        var list = namedParameters.ToList();
        if (list.Count == 0)
        {
            throw new ArgumentException("An optimizer needs at least one parameter.", nameof(namedParameters));
        }

        var duplicate = list.GroupBy(p => p.Key).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"Parameter name '{duplicate.Key}' appears twice.", nameof(namedParameters));
        }

        Kind = kind;
        _names = list.Select(p => p.Key).ToArray();
        _parameters = list.Select(p => p.Value).ToArray();
        var raw = _parameters.Select(p => p.Handle.DangerousGetHandle()).ToArray();
        int status;
        OptimizerHandle handle;
        fixed (IntPtr* p = raw)
        {
            status = OptimNative.cp_optim_new(kindCode, p, raw.Length, settings.LearningRate, settings.Beta1, settings.Beta2, settings.Eps,
                settings.WeightDecay, settings.Momentum, settings.Dampening, settings.AmsGrad ? 1 : 0, settings.Nesterov ? 1 : 0, out handle);
        }

        GC.KeepAlive(_parameters);
        if (status != 0)
        {
            handle.Dispose();
            ErrorNative.Check(status, $"{kind}()");
        }

        _handle = handle;
    }

    /// <summary>Names parameters "0", "1", ... in order, for callers that have no names.</summary>
    private protected static IEnumerable<KeyValuePair<string, Tensor>> Numbered(IEnumerable<Tensor> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return parameters.Select((p, i) => new KeyValuePair<string, Tensor>(i.ToString(CultureInfo.InvariantCulture), p));
    }

    public string Kind { get; }

    public IReadOnlyList<string> ParameterNames => _names;

    public double LearningRate
    {
        get
        {
            ErrorNative.Check(OptimNative.cp_optim_get_lr(_handle, out var lr), "get lr");
            return lr;
        }
        set => ErrorNative.Check(OptimNative.cp_optim_set_lr(_handle, value), "set lr");
    }

    /// <summary>Drops every parameter's gradient (set to none, the same on libtorch 1.13 and 2.x).</summary>
    public void ZeroGrad() => ErrorNative.Check(OptimNative.cp_optim_zero_grad(_handle), "zero_grad");

    public void Step() => ErrorNative.Check(OptimNative.cp_optim_step(_handle), $"{Kind}.step");

    public StateFile CaptureState()
    {
        var file = new StateFile("optimizer");
        file.Metadata["optimizer"] = Kind;
        file.Metadata["lr"] = LearningRate.ToString("R", CultureInfo.InvariantCulture);
        using var scope = Torch.NewDisposeScope();
        for (var i = 0; i < _names.Length; i++)
        {
            var status = OptimNative.cp_optim_get_state(_handle, i, out var step, out var h0, out var h1, out var h2);
            var t0 = Tensor.WrapOptional(status, h0, "optimizer state");
            var t1 = Tensor.WrapOptional(status, h1, "optimizer state");
            var t2 = Tensor.WrapOptional(status, h2, "optimizer state");
            file.Metadata[$"step:{_names[i]}"] = step.ToString(CultureInfo.InvariantCulture);
            AddIfPresent(file, $"{_names[i]}#0", t0);
            AddIfPresent(file, $"{_names[i]}#1", t1);
            AddIfPresent(file, $"{_names[i]}#2", t2);
        }

        return file;
    }

    private static void AddIfPresent(StateFile file, string name, Tensor? tensor)
    {
        if (tensor is not null)
        {
            file.Add(name, tensor);
        }
    }

    public byte[] StateToBytes() => CaptureState().ToBytes();

    public void SaveState(string path) => CaptureState().Save(path);

    public void LoadState(string path) => RestoreState(StateFile.Load(path), path);

    public void LoadStateBytes(ReadOnlySpan<byte> bytes) => RestoreState(StateFile.FromBytes(bytes), "(bytes)");

    /// <summary>Restores per-parameter state by name and the learning rate; checks everything before changing anything.</summary>
    public void RestoreState(StateFile file, string source)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (file.Kind != "optimizer" || file.Metadata.GetValueOrDefault("optimizer") != Kind)
        {
            throw new TorchException($"'{source}' holds {file.Metadata.GetValueOrDefault("optimizer", file.Kind)} state, not {Kind} state.");
        }

        var steps = new long[_names.Length];
        for (var i = 0; i < _names.Length; i++)
        {
            if (!file.Metadata.TryGetValue($"step:{_names[i]}", out var text) || !long.TryParse(text, CultureInfo.InvariantCulture, out steps[i]))
            {
                throw new TorchException($"'{source}' has no optimizer state for parameter '{_names[i]}'.");
            }
        }

        var known = _names.ToHashSet(StringComparer.Ordinal);
        var stranger = file.Metadata.Keys.Where(k => k.StartsWith("step:", StringComparison.Ordinal)).Select(k => k[5..]).FirstOrDefault(n => !known.Contains(n));
        if (stranger is not null)
        {
            throw new TorchException($"'{source}' has optimizer state for parameter '{stranger}', which this model does not have.");
        }

        var tensors = file.Tensors.ToDictionary(t => t.Name, StringComparer.Ordinal);
        using var scope = Torch.NewDisposeScope();
        var restored = new Tensor?[_names.Length, 3];
        for (var i = 0; i < _names.Length; i++)
        {
            var shape = _parameters[i].Shape;
            for (var j = 0; j < 3; j++)
            {
                if (tensors.TryGetValue($"{_names[i]}#{j}", out var stored))
                {
                    if (!shape.AsSpan().SequenceEqual(stored.Shape))
                    {
                        throw new TorchException($"'{source}': optimizer state of '{_names[i]}' has shape [{string.Join(", ", stored.Shape)}] " +
                            $"but the parameter has shape [{string.Join(", ", shape)}].");
                    }

                    restored[i, j] = StateFile.ToTensor(stored);
                }
            }
        }

        for (var i = 0; i < _names.Length; i++)
        {
            var status = OptimNative.cp_optim_set_state(_handle, i, steps[i], Tensor.HandleOrNull(restored[i, 0]), Tensor.HandleOrNull(restored[i, 1]),
                Tensor.HandleOrNull(restored[i, 2]));
            ErrorNative.Check(status, "restore optimizer state");
        }

        GC.KeepAlive(restored);
        if (file.Metadata.TryGetValue("lr", out var lr))
        {
            LearningRate = double.Parse(lr, CultureInfo.InvariantCulture);
        }
    }

    public void Dispose()
    {
        _handle.Dispose();
        GC.SuppressFinalize(this);
    }
}

internal readonly record struct OptimizerSettings(double LearningRate, double Beta1 = 0.9, double Beta2 = 0.999, double Eps = 1e-8,
    double WeightDecay = 0, double Momentum = 0, double Dampening = 0, bool AmsGrad = false, bool Nesterov = false);
