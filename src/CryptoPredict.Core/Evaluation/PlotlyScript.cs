using System.Text;
using Plotly.NET;

namespace CryptoPredict.Core.Evaluation;

/// <summary>
/// plotly.js as the report inlines it. Plotly.NET ships the minified bundle as an embedded resource (its
/// <c>PlotlyJSReference.Full</c> option inlines the same text), so the page needs no CDN and works offline; the bundle's
/// third-party license notices travel with it as line comments. Read once per process: it is about 3.6 MB.
/// </summary>
internal static class PlotlyScript
{
    private static readonly Lazy<string> Text = new(Load);

    /// <summary>The plotly.js version bundled with the referenced Plotly.NET, e.g. <c>2.28.0</c>.</summary>
    public static string Version => Globals.PLOTLYJS_VERSION;

    /// <summary>The license notices followed by the minified library, safe to place between script tags.</summary>
    public static string Source => Text.Value;

    private static string Load()
    {
        var name = $"Plotly.NET.plotly-{Version}.min.js";
        var library = Resource(name);

        // Inline script ends at the first "</script"; a bundle holding one would cut the page short.
        if (library.Contains("</script", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"The embedded resource '{name}' of Plotly.NET contains \"</script\" and cannot be inlined into a report.");
        }

        var source = new StringBuilder(library.Length + 2048);
        source.Append("// plotly.js ").Append(Version).Append(" (MIT, https://github.com/plotly/plotly.js), inlined from Plotly.NET; bundled notices:\n");
        foreach (var line in Resource(name + ".LICENSE.txt").Split('\n'))
        {
            source.Append("// ").Append(line.TrimEnd('\r')).Append('\n');
        }

        return source.Append(library).ToString();
    }

    private static string Resource(string name)
    {
        var assembly = typeof(GenericChart).Assembly;
        using var stream = assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"{assembly.GetName().Name} {assembly.GetName().Version} holds no embedded resource '{name}'; the report cannot inline plotly.js.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
