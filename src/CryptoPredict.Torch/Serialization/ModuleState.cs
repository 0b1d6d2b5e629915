using System.Globalization;
using CryptoPredict.Torch.Nn;

namespace CryptoPredict.Torch.Serialization;

/// <summary>Saving and loading a module's parameters and buffers by name.</summary>
public static class ModuleState
{
    public const string Kind = "module";

    public static StateFile Capture(Module module, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(module);
        var file = new StateFile(Kind);
        file.Metadata["architecture"] = module.GetType().FullName ?? module.GetType().Name;
        if (metadata is not null)
        {
            foreach (var (k, v) in metadata)
            {
                file.Metadata[k] = v;
            }
        }

        foreach (var (name, tensor) in module.StateEntries())
        {
            file.Add(name, tensor);
        }

        return file;
    }

    public static byte[] ToBytes(this Module module) => Capture(module).ToBytes();

    public static void Save(this Module module, string path) => Capture(module).Save(path);

    public static void Load(this Module module, string path) => Restore(module, StateFile.Load(path), path);

    public static void LoadBytes(this Module module, ReadOnlySpan<byte> bytes) => Restore(module, StateFile.FromBytes(bytes), "(bytes)");

    /// <summary>
    /// Copies the stored tensors into the module's parameters and buffers. Every name and shape is checked before
    /// anything is copied, so a file for another architecture leaves the module untouched and names the first mismatch.
    /// </summary>
    public static void Restore(Module module, StateFile file, string source)
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(file);
        if (file.Kind != Kind)
        {
            throw new TorchException($"'{source}' holds {file.Kind} state, not module weights.");
        }

        var stored = new Dictionary<string, StoredTensor>(StringComparer.Ordinal);
        foreach (var t in file.Tensors)
        {
            stored[t.Name] = t;
        }

        var targets = module.StateEntries().ToList();
        foreach (var (name, tensor) in targets)
        {
            if (!stored.TryGetValue(name, out var entry))
            {
                throw new TorchException($"'{source}' does not match this model: parameter '{name}' is missing from the file " +
                    $"(the file was saved from {file.Metadata.GetValueOrDefault("architecture", "an unknown architecture")}).");
            }

            var shape = tensor.Shape;
            if (!shape.AsSpan().SequenceEqual(entry.Shape))
            {
                throw new TorchException($"'{source}' does not match this model: parameter '{name}' has shape [{Join(entry.Shape)}] in the file " +
                    $"but [{Join(shape)}] in the model.");
            }
        }

        var expected = targets.Select(t => t.Key).ToHashSet(StringComparer.Ordinal);
        var extra = file.Tensors.FirstOrDefault(t => !expected.Contains(t.Name));
        if (extra is not null)
        {
            throw new TorchException($"'{source}' does not match this model: the file has parameter '{extra.Name}', which the model does not.");
        }

        using var scope = Torch.NewDisposeScope();
        foreach (var (name, tensor) in targets)
        {
            tensor.CopyFrom(StateFile.ToTensor(stored[name]));
        }
    }

    private static string Join(long[] shape) => string.Join(", ", shape.Select(d => d.ToString(CultureInfo.InvariantCulture)));
}
