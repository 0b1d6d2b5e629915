using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

namespace CryptoPredict.Torch.Serialization;

/// <summary>One named tensor as stored in a state file: element type, shape and raw little-endian bytes.</summary>
public sealed record StoredTensor(string Name, ScalarType Dtype, long[] Shape, byte[] Data);

/// <summary>
/// CryptoPredict's own versioned container for named tensors and string metadata (module weights, optimizer
/// state). Independent of libtorch's archive format, whose optimizer keys differ between 1.13 and 2.x, and
/// checked by a SHA-256 trailer so a truncated or corrupted file is reported, never half-loaded.
/// Layout: magic "CPTSTATE", int32 format version, libtorch version, kind, metadata pairs, tensors, SHA-256.
/// </summary>
public sealed class StateFile
{
    public const int FormatVersion = 1;
    private static readonly byte[] Magic = "CPTSTATE"u8.ToArray();
    private const int HashLength = 32;

    public StateFile(string kind)
    {
        Kind = kind;
        LibTorchVersion = Torch.LibTorchVersion.ToString();
    }

    private StateFile(string kind, string libTorchVersion, int formatVersion)
    {
        Kind = kind;
        LibTorchVersion = libTorchVersion;
        Version = formatVersion;
    }

    public string Kind { get; }

    /// <summary>The libtorch version that wrote the file (informational; the format does not depend on it).</summary>
    public string LibTorchVersion { get; }

    public int Version { get; } = FormatVersion;

    public Dictionary<string, string> Metadata { get; } = new(StringComparer.Ordinal);

    public List<StoredTensor> Tensors { get; } = [];

    /// <summary>Copies <paramref name="tensor"/> to host memory and adds it under <paramref name="name"/>.</summary>
    public void Add(string name, Tensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        var dtype = tensor.Dtype;
        byte[] data = dtype switch
        {
            ScalarType.Float32 => MemoryMarshal.AsBytes(tensor.ToArray<float>().AsSpan()).ToArray(),
            ScalarType.Float64 => MemoryMarshal.AsBytes(tensor.ToArray<double>().AsSpan()).ToArray(),
            ScalarType.Int64 => MemoryMarshal.AsBytes(tensor.ToArray<long>().AsSpan()).ToArray(),
            ScalarType.Bool or ScalarType.UInt8 => tensor.ToArray<byte>(),
            _ => throw new TorchException($"Cannot store tensor '{name}' of type {dtype}."),
        };
        Tensors.Add(new StoredTensor(name, dtype, tensor.Shape, data));
    }

    /// <summary>Creates a CPU tensor from a stored entry.</summary>
    public static Tensor ToTensor(StoredTensor stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        return stored.Dtype switch
        {
            ScalarType.Float32 => Torch.FromArray(MemoryMarshal.Cast<byte, float>(stored.Data), stored.Shape),
            ScalarType.Float64 => Torch.FromArray(MemoryMarshal.Cast<byte, double>(stored.Data), stored.Shape),
            ScalarType.Int64 => Torch.FromArray(MemoryMarshal.Cast<byte, long>(stored.Data), stored.Shape),
            ScalarType.UInt8 => Torch.FromBytes(stored.Data, stored.Shape),
            ScalarType.Bool => Torch.FromBytes(stored.Data, stored.Shape).To(ScalarType.Bool),
            _ => throw new TorchException($"Tensor '{stored.Name}' has unsupported type {stored.Dtype}."),
        };
    }

    public byte[] ToBytes()
    {
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Magic);
            writer.Write(FormatVersion);
            writer.Write(LibTorchVersion);
            writer.Write(Kind);
            writer.Write(Metadata.Count);
            foreach (var (key, value) in Metadata.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            {
                writer.Write(key);
                writer.Write(value);
            }

            writer.Write(Tensors.Count);
            foreach (var t in Tensors)
            {
                writer.Write(t.Name);
                writer.Write((int)t.Dtype);
                writer.Write(t.Shape.Length);
                foreach (var d in t.Shape)
                {
                    writer.Write(d);
                }

                writer.Write((long)t.Data.Length);
                writer.Write(t.Data);
            }
        }

        var body = buffer.ToArray();
        var result = new byte[body.Length + HashLength];
        body.CopyTo(result, 0);
        SHA256.HashData(body, result.AsSpan(body.Length));
        return result;
    }

    public void Save(string path) => AtomicFile.WriteAllBytes(path, ToBytes());

    public static StateFile Load(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new TorchException($"Cannot read state file '{path}': {e.Message}", e);
        }

        return FromBytes(bytes, path);
    }

    /// <summary>Parses a state file; <paramref name="source"/> names it in error messages.</summary>
    public static StateFile FromBytes(ReadOnlySpan<byte> bytes, string source = "(bytes)")
    {
        if (bytes.Length < Magic.Length + HashLength || !bytes[..Magic.Length].SequenceEqual(Magic))
        {
            throw new TorchException($"'{source}' is not a CryptoPredict state file (missing CPTSTATE header).");
        }

        var body = bytes[..^HashLength];
        Span<byte> hash = stackalloc byte[HashLength];
        SHA256.HashData(body, hash);
        if (!hash.SequenceEqual(bytes[^HashLength..]))
        {
            throw new TorchException($"'{source}' is corrupted or truncated (its SHA-256 checksum does not match its content).");
        }

        try
        {
            using var stream = new MemoryStream(body.ToArray(), writable: false);
            using var reader = new BinaryReader(stream, Encoding.UTF8);
            reader.ReadBytes(Magic.Length);
            var version = reader.ReadInt32();
            if (version != FormatVersion)
            {
                throw new TorchException($"'{source}' has state format version {version}; this build reads version {FormatVersion}.");
            }

            var libTorchVersion = reader.ReadString();
            var file = new StateFile(reader.ReadString(), libTorchVersion, version);
            var metaCount = reader.ReadInt32();
            for (var i = 0; i < metaCount; i++)
            {
                file.Metadata[reader.ReadString()] = reader.ReadString();
            }

            var count = reader.ReadInt32();
            for (var i = 0; i < count; i++)
            {
                var name = reader.ReadString();
                var dtype = (ScalarType)reader.ReadInt32();
                var ndim = reader.ReadInt32();
                if (ndim is < 0 or > 16)
                {
                    throw new TorchException($"'{source}': tensor '{name}' has an invalid rank {ndim}.");
                }

                var shape = new long[ndim];
                for (var d = 0; d < ndim; d++)
                {
                    shape[d] = reader.ReadInt64();
                }

                var length = reader.ReadInt64();
                if (length < 0 || length > stream.Length - stream.Position)
                {
                    throw new TorchException($"'{source}': tensor '{name}' claims {length} bytes, more than the file holds.");
                }

                file.Tensors.Add(new StoredTensor(name, dtype, shape, reader.ReadBytes((int)length)));
            }

            return file;
        }
        catch (EndOfStreamException e)
        {
            throw new TorchException($"'{source}' ends early: it is truncated.", e);
        }
    }
}
