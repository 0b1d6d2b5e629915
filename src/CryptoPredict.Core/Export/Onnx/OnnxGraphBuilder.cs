using System.Globalization;
using System.Runtime.InteropServices;
using CryptoPredict.Core.Export.Onnx.Schema;
using Google.Protobuf;

namespace CryptoPredict.Core.Export.Onnx;

/// <summary>
/// Collects the nodes and initializers of one ONNX graph. Every value gets a fresh name from the prefix the caller
/// gives (<c>l1/Y</c>, <c>fc1/out_3</c>), so layers can be emitted in any order without clashes, and initializers
/// are stored as raw little-endian data, the compact form every ONNX reader accepts.
/// </summary>
internal sealed class OnnxGraphBuilder
{
    private readonly GraphProto _graph = new();
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);

    public OnnxGraphBuilder(string name) => _graph.Name = name;

    public GraphProto Graph => _graph;

    /// <summary>A name not used before in this graph, <paramref name="prefix"/> itself when it is still free.</summary>
    public string Fresh(string prefix)
    {
        var name = prefix;
        for (var i = 1; !_names.Add(name); i++)
        {
            name = string.Create(CultureInfo.InvariantCulture, $"{prefix}_{i}");
        }

        return name;
    }

    public string Floats(string name, ReadOnlySpan<float> values, params long[] dims) =>
        Initializer(name, TensorProto.Types.DataType.Float, MemoryMarshal.AsBytes(values), dims);

    public string Doubles(string name, ReadOnlySpan<double> values, params long[] dims) =>
        Initializer(name, TensorProto.Types.DataType.Double, MemoryMarshal.AsBytes(values), dims);

    public string Int64s(string name, ReadOnlySpan<long> values, params long[] dims) =>
        Initializer(name, TensorProto.Types.DataType.Int64, MemoryMarshal.AsBytes(values), dims);

    /// <summary>A one-dimensional int64 constant (shapes, axes, perms given as inputs).</summary>
    public string Shape(string name, params long[] values) => Int64s(name, values, values.Length);

    /// <summary>Adds <paramref name="opType"/> of the default domain; returns its first output.</summary>
    public string Node(string opType, string[] inputs, string output, params AttributeProto[] attributes) =>
        NodeWithOutputs(opType, inputs, [output], attributes)[0];

    /// <summary>Adds a node whose outputs get fresh names from <paramref name="outputs"/>; returns them.</summary>
    public string[] NodeWithOutputs(string opType, string[] inputs, string[] outputs, params AttributeProto[] attributes)
    {
        var names = outputs.Select(Fresh).ToArray();
        var node = new NodeProto { OpType = opType, Name = Fresh("node/" + opType + "/" + names[0]) };
        node.Input.AddRange(inputs);
        node.Output.AddRange(names);
        node.Attribute.AddRange(attributes);
        _graph.Node.Add(node);
        return names;
    }

    public void Input(string name, TensorProto.Types.DataType type, params object[] dims)
    {
        _names.Add(name);
        _graph.Input.Add(Value(name, type, dims));
    }

    public void Output(string name, TensorProto.Types.DataType type, params object[] dims) => _graph.Output.Add(Value(name, type, dims));

    public static AttributeProto Int(string name, long value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };

    public static AttributeProto Float(string name, float value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Float, F = value };

    public static AttributeProto Ints(string name, params long[] values)
    {
        var attribute = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
        attribute.Ints.AddRange(values);
        return attribute;
    }

    public static AttributeProto Text(string name, string value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.String, S = ByteString.CopyFromUtf8(value) };

    private string Initializer(string name, TensorProto.Types.DataType type, ReadOnlySpan<byte> data, long[] dims)
    {
        var unique = Fresh(name);
        var tensor = new TensorProto { Name = unique, DataType = (int)type, RawData = ByteString.CopyFrom(data) };
        tensor.Dims.AddRange(dims);
        _graph.Initializer.Add(tensor);
        return unique;
    }

    // A dimension is a fixed size (int) or a symbolic one (string, such as "batch").
    private static ValueInfoProto Value(string name, TensorProto.Types.DataType type, object[] dims)
    {
        var shape = new TensorShapeProto();
        foreach (var dim in dims)
        {
            shape.Dim.Add(dim is string symbol
                ? new TensorShapeProto.Types.Dimension { DimParam = symbol }
                : new TensorShapeProto.Types.Dimension { DimValue = Convert.ToInt64(dim, CultureInfo.InvariantCulture) });
        }

        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)type, Shape = shape } },
        };
    }
}
