using System.Text;
using System.Text.Json;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace CryptoPredict.Core.Batch;

/// <summary>
/// A plan file's document as maps, lists and scalars with the line each starts on, read from YAML or JSON, so one
/// validator checks both and every error names the line. Public because the CLI reads <c>--config</c> files with it.
/// </summary>
public abstract record PlanNode(int Line)
{
    /// <summary>
    /// Parses <paramref name="text"/>: JSON when <paramref name="json"/>, else YAML. A syntax error is a
    /// <see cref="PlanSyntaxException"/> with the line it was found on.
    /// </summary>
    public static PlanNode Parse(string text, bool json) => json ? FromJson(text) : FromYaml(text);

    private static PlanNode FromYaml(string text)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            throw new PlanSyntaxException(checked((int)e.Start.Line), "not valid YAML: " + e.Message);
        }

        return stream.Documents.Count == 0 ? new PlanMap([], 1) : Convert(stream.Documents[0].RootNode);
    }

    private static PlanNode Convert(YamlNode node)
    {
        var line = checked((int)node.Start.Line);
        return node switch
        {
            YamlMappingNode map => new PlanMap(
                map.Children.Select(c => new PlanEntry(((c.Key as YamlScalarNode)?.Value) ?? "", checked((int)c.Key.Start.Line), Convert(c.Value))).ToList(), line),
            YamlSequenceNode list => new PlanList(list.Children.Select(Convert).ToList(), line),
            YamlScalarNode scalar => new PlanScalar(scalar.Value ?? "", line),
            _ => new PlanScalar("", line),
        };
    }

    private static PlanNode FromJson(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var lineStarts = new List<int> { 0 };
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] == (byte)'\n')
            {
                lineStarts.Add(i + 1);
            }
        }

        int LineOf(long offset)
        {
            var found = lineStarts.BinarySearch((int)offset);
            return (found >= 0 ? found : ~found - 1) + 1;
        }

        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        try
        {
            if (!reader.Read())
            {
                return new PlanMap([], 1);
            }

            var root = ReadJson(ref reader, LineOf);
            if (reader.Read())
            {
                throw new PlanSyntaxException(LineOf(reader.TokenStartIndex), "not valid JSON: more than one value in the file.");
            }

            return root;
        }
        catch (JsonException e)
        {
            throw new PlanSyntaxException(checked((int)(e.LineNumber ?? 0) + 1), "not valid JSON: " + e.Message);
        }
    }

    private static PlanNode ReadJson(ref Utf8JsonReader reader, Func<long, int> lineOf)
    {
        var line = lineOf(reader.TokenStartIndex);
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                var entries = new List<PlanEntry>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                {
                    var keyLine = lineOf(reader.TokenStartIndex);
                    var key = reader.GetString() ?? "";
                    reader.Read();
                    entries.Add(new PlanEntry(key, keyLine, ReadJson(ref reader, lineOf)));
                }

                return new PlanMap(entries, line);
            case JsonTokenType.StartArray:
                var items = new List<PlanNode>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    items.Add(ReadJson(ref reader, lineOf));
                }

                return new PlanList(items, line);
            case JsonTokenType.String:
                return new PlanScalar(reader.GetString() ?? "", line);
            case JsonTokenType.Null:
                return new PlanScalar("", line);
            default:
                return new PlanScalar(Encoding.UTF8.GetString(reader.ValueSpan), line);
        }
    }
}

public sealed record PlanScalar(string Text, int Line) : PlanNode(Line);

public sealed record PlanList(IReadOnlyList<PlanNode> Items, int Line) : PlanNode(Line);

public sealed record PlanMap(IReadOnlyList<PlanEntry> Entries, int Line) : PlanNode(Line);

public sealed record PlanEntry(string Key, int Line, PlanNode Value);

/// <summary>A plan file that is not valid YAML or JSON, at <see cref="Line"/>.</summary>
public sealed class PlanSyntaxException(int line, string message) : Exception(message)
{
    public int Line { get; } = line;
}
