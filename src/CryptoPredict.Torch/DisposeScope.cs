namespace CryptoPredict.Torch;

/// <summary>
/// Frees every tensor created on this thread while the scope is the innermost one, except those moved out
/// with <see cref="Tensor.MoveToOuterDisposeScope"/> or <see cref="Tensor.DetachFromDisposeScope"/>.
/// Scopes nest and must be disposed in LIFO order (use <c>using</c>); a second Dispose is a no-op.
/// </summary>
public sealed class DisposeScope : IDisposable
{
    [ThreadStatic]
    private static DisposeScope? t_current;

    private readonly HashSet<Tensor> _tensors = new(ReferenceEqualityComparer.Instance);
    private bool _disposed;

    internal DisposeScope()
    {
        Outer = t_current;
        t_current = this;
    }

    internal static DisposeScope? Current => t_current;

    internal DisposeScope? Outer { get; }

    /// <summary>Tensors this scope will free.</summary>
    public int Count => _tensors.Count;

    internal void Register(Tensor tensor) => _tensors.Add(tensor);

    internal bool Remove(Tensor tensor) => _tensors.Remove(tensor);

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        if (!ReferenceEquals(t_current, this))
        {
            throw new InvalidOperationException("Dispose scopes must be disposed in the reverse order of creation (use 'using').");
        }

        _disposed = true;
        t_current = Outer;
        foreach (var tensor in _tensors)
        {
            tensor.DisposeFromScope();
        }

        _tensors.Clear();
    }
}
