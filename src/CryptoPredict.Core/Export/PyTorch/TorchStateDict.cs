using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using CryptoPredict.Torch;
using CryptoPredict.Torch.Serialization;

namespace CryptoPredict.Core.Export.PyTorch;

/// <summary>
/// Writes named tensors in the file format of <c>torch.save(state_dict)</c> (PyTorch 1.6 and later), so that
/// <c>torch.load</c> returns an <c>OrderedDict[str, Tensor]</c> without any code of ours: a zip archive (entries
/// stored, not compressed) holding <c>archive/data.pkl</c>, a pickle (protocol 2) of the dictionary whose tensors
/// are <c>torch._utils._rebuild_tensor_v2</c> calls over persistent storages, <c>archive/data/K</c> with storage K's
/// raw little-endian bytes, and <c>archive/version</c>. Only the pickle opcodes that structure needs are written.
/// </summary>
internal static class TorchStateDict
{
    private const string Archive = "archive";

    public static byte[] ToBytes(IEnumerable<StoredTensor> tensors)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        var list = tensors.ToList();
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            Add(zip, Archive + "/data.pkl", Pickle(list));
            for (var key = 0; key < list.Count; key++)
            {
                Add(zip, $"{Archive}/data/{key}", list[key].Data);
            }

            Add(zip, Archive + "/version", "3\n"u8.ToArray());
        }

        return buffer.ToArray();
    }

    private static void Add(ZipArchive zip, string name, byte[] data)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.NoCompression);
        entry.LastWriteTime = new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero); // reproducible bytes
        using var stream = entry.Open();
        stream.Write(data);
    }

    private static byte[] Pickle(List<StoredTensor> tensors)
    {
        using var p = new PickleWriter();
        p.Proto();
        p.Global("collections", "OrderedDict");
        p.EmptyTuple();
        p.Reduce();
        p.Mark();
        for (var key = 0; key < tensors.Count; key++)
        {
            var tensor = tensors[key];
            p.Text(tensor.Name);
            p.Global("torch._utils", "_rebuild_tensor_v2");
            p.Mark();
            p.Mark();
            p.Text("storage");
            p.Global("torch", StorageType(tensor));
            p.Text(key.ToString(System.Globalization.CultureInfo.InvariantCulture));
            p.Text("cpu");
            p.Int(Elements(tensor));
            p.Tuple();
            p.PersistentId();
            p.Int(0);                                    // storage offset
            p.IntTuple(tensor.Shape);
            p.IntTuple(ContiguousStrides(tensor.Shape));
            p.False();                                   // requires_grad
            p.Global("collections", "OrderedDict");     // backward hooks
            p.EmptyTuple();
            p.Reduce();
            p.Tuple();
            p.Reduce();
        }

        p.SetItems();
        p.Stop();
        return p.ToArray();
    }

    private static string StorageType(StoredTensor tensor) => tensor.Dtype switch
    {
        ScalarType.Float32 => "FloatStorage",
        ScalarType.Float64 => "DoubleStorage",
        ScalarType.Int64 => "LongStorage",
        ScalarType.UInt8 => "ByteStorage",
        ScalarType.Bool => "BoolStorage",
        _ => throw new ArgumentException($"Tensor '{tensor.Name}' has type {tensor.Dtype}, which a state dictionary export does not write.", nameof(tensor)),
    };

    private static long Elements(StoredTensor tensor) => tensor.Shape.Aggregate(1L, (a, d) => a * d);

    private static long[] ContiguousStrides(long[] shape)
    {
        var strides = new long[shape.Length];
        var stride = 1L;
        for (var d = shape.Length - 1; d >= 0; d--)
        {
            strides[d] = stride;
            stride *= shape[d];
        }

        return strides;
    }

    /// <summary>The pickle opcodes (protocol 2) a state dictionary needs, as CPython's pickle module defines them.</summary>
    private sealed class PickleWriter : IDisposable
    {
        private readonly MemoryStream _out = new();

        public void Proto() => Bytes(0x80, 0x02);

        public void Global(string module, string name) => Raw($"c{module}\n{name}\n");

        public void EmptyTuple() => Bytes((byte)')');

        public void Reduce() => Bytes((byte)'R');

        public void Mark() => Bytes((byte)'(');

        public void Tuple() => Bytes((byte)'t');

        public void SetItems() => Bytes((byte)'u');

        public void PersistentId() => Bytes((byte)'Q');

        public void False() => Bytes(0x89);

        public void Stop() => Bytes((byte)'.');

        public void Text(string text)
        {
            var utf8 = Encoding.UTF8.GetBytes(text);
            Bytes((byte)'X');
            Span<byte> length = stackalloc byte[4];
            BinaryPrimitives.WriteUInt32LittleEndian(length, (uint)utf8.Length);
            _out.Write(length);
            _out.Write(utf8);
        }

        public void Int(long value)
        {
            if (value is >= int.MinValue and <= int.MaxValue)
            {
                Bytes((byte)'J'); // BININT: 4-byte signed
                Span<byte> bytes = stackalloc byte[4];
                BinaryPrimitives.WriteInt32LittleEndian(bytes, (int)value);
                _out.Write(bytes);
                return;
            }

            Bytes(0x8a, 8); // LONG1 with 8 bytes, two's complement little-endian
            Span<byte> wide = stackalloc byte[8];
            BinaryPrimitives.WriteInt64LittleEndian(wide, value);
            _out.Write(wide);
        }

        public void IntTuple(long[] values)
        {
            if (values.Length == 0)
            {
                EmptyTuple();
                return;
            }

            Mark();
            foreach (var v in values)
            {
                Int(v);
            }

            Tuple();
        }

        public byte[] ToArray() => _out.ToArray();

        public void Dispose() => _out.Dispose();

        private void Raw(string ascii) => _out.Write(Encoding.ASCII.GetBytes(ascii));

        private void Bytes(params byte[] bytes) => _out.Write(bytes);
    }
}
