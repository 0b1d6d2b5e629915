namespace CryptoPredict.Torch.Nn;

/// <summary>
/// Base of every layer and model. Parameters, buffers and submodules are registered explicitly (no reflection)
/// and named with dotted paths (<c>encoder.weight_ih_l0</c>), the names that save/load use.
/// </summary>
public abstract class Module : IDisposable
{
    private readonly List<KeyValuePair<string, Module>> _modules = [];
    private readonly List<KeyValuePair<string, Tensor>> _parameters = [];
    private readonly List<KeyValuePair<string, Tensor>> _buffers = [];
    private bool _disposed;

    public bool IsTraining { get; private set; } = true;

    /// <summary>Registers a child module under <paramref name="name"/>; the parent disposes it.</summary>
    protected T RegisterModule<T>(string name, T module)
        where T : Module
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(module);
        EnsureNewName(name);
        _modules.Add(new(name, module));
        return module;
    }

    /// <summary>Registers a trainable tensor this module owns (it leaves any dispose scope).</summary>
    protected Tensor RegisterParameter(string name, Tensor tensor)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(tensor);
        EnsureNewName(name);
        tensor.DetachFromDisposeScope();
        tensor.RequiresGrad = true;
        _parameters.Add(new(name, tensor));
        return tensor;
    }

    /// <summary>Registers a non-trainable tensor saved with the module (running statistics and the like).</summary>
    protected Tensor RegisterBuffer(string name, Tensor tensor)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(tensor);
        EnsureNewName(name);
        tensor.DetachFromDisposeScope();
        _buffers.Add(new(name, tensor));
        return tensor;
    }

    private void EnsureNewName(string name)
    {
        if (_modules.Exists(m => m.Key == name) || _parameters.Exists(p => p.Key == name) || _buffers.Exists(b => b.Key == name))
        {
            throw new ArgumentException($"'{name}' is already registered in {GetType().Name}.", nameof(name));
        }
    }

    /// <summary>Parameters this module holds itself (not its children's). Native layers override this.</summary>
    protected virtual IEnumerable<KeyValuePair<string, Tensor>> OwnParameters() => _parameters;

    protected virtual IEnumerable<KeyValuePair<string, Tensor>> OwnBuffers() => _buffers;

    public IEnumerable<KeyValuePair<string, Module>> NamedChildren() => _modules;

    public IEnumerable<KeyValuePair<string, Tensor>> NamedParameters() => Collect(m => m.OwnParameters(), "");

    public IEnumerable<KeyValuePair<string, Tensor>> NamedBuffers() => Collect(m => m.OwnBuffers(), "");

    public IEnumerable<Tensor> Parameters() => NamedParameters().Select(p => p.Value);

    /// <summary>Parameters then buffers, by name: everything a saved module holds.</summary>
    public IEnumerable<KeyValuePair<string, Tensor>> StateEntries() => NamedParameters().Concat(NamedBuffers());

    private IEnumerable<KeyValuePair<string, Tensor>> Collect(Func<Module, IEnumerable<KeyValuePair<string, Tensor>>> select, string prefix)
    {
        foreach (var item in select(this))
        {
            yield return new(prefix + item.Key, item.Value);
        }

        foreach (var (name, child) in _modules)
        {
            foreach (var item in child.Collect(select, prefix + name + "."))
            {
                yield return item;
            }
        }
    }

    public long ParameterCount() => Parameters().Sum(p => p.NumberOfElements);

    /// <summary>Switches this module and its children to training mode (dropout on, batch statistics).</summary>
    public Module Train(bool training = true)
    {
        IsTraining = training;
        OnTrainingChanged(training);
        foreach (var (_, child) in _modules)
        {
            child.Train(training);
        }

        return this;
    }

    public Module Eval() => Train(false);

    protected virtual void OnTrainingChanged(bool training)
    {
    }

    /// <summary>Moves parameters and buffers to <paramref name="device"/> in place (build optimizers afterwards).</summary>
    public Module To(Device device)
    {
        MoveOwn(device, null);
        foreach (var (_, child) in _modules)
        {
            child.To(device);
        }

        return this;
    }

    /// <summary>Converts floating-point parameters and buffers to <paramref name="type"/> (e.g. float64 for gradient checks).</summary>
    public Module To(ScalarType type)
    {
        MoveOwn(null, type);
        foreach (var (_, child) in _modules)
        {
            child.To(type);
        }

        return this;
    }

    /// <summary>Moves the tensors this module holds itself. Native layers override this to move in place.</summary>
    protected virtual void MoveOwn(Device? device, ScalarType? type)
    {
        Replace(_parameters, device, type, trainable: true);
        Replace(_buffers, device, type, trainable: false);
    }

    private static void Replace(List<KeyValuePair<string, Tensor>> items, Device? device, ScalarType? type, bool trainable)
    {
        for (var i = 0; i < items.Count; i++)
        {
            var old = items[i].Value;
            if (type is not null && old.Dtype is not (ScalarType.Float32 or ScalarType.Float64))
            {
                continue;
            }

            Tensor moved;
            using (Torch.NoGrad())
            {
                moved = device is { } d ? (type is { } t ? old.To(d, t) : old.To(d)) : old.To(type!.Value);
            }

            moved.DetachFromDisposeScope();
            if (trainable)
            {
                moved.RequiresGrad = true;
            }

            items[i] = new(items[i].Key, moved);
            old.Dispose();
        }
    }

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (_disposed || !disposing)
        {
            return;
        }

        _disposed = true;
        foreach (var (_, child) in _modules)
        {
            child.Dispose();
        }

        foreach (var (_, p) in _parameters)
        {
            p.Dispose();
        }

        foreach (var (_, b) in _buffers)
        {
            b.Dispose();
        }
    }
}

/// <summary>A module with a typed forward pass.</summary>
public abstract class Module<TInput, TOutput> : Module
{
    public abstract TOutput Forward(TInput input);
}
