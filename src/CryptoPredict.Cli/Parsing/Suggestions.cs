namespace CryptoPredict.Cli.Parsing;

/// <summary>"Did you mean" for mistyped verbs and options: the closest known names by edit distance.</summary>
internal static class Suggestions
{
    /// <summary>The candidates within a small edit distance of <paramref name="typed"/> (or starting with it), closest first.</summary>
    public static IReadOnlyList<string> Closest(string typed, IEnumerable<string> candidates)
    {
        ArgumentNullException.ThrowIfNull(typed);
        ArgumentNullException.ThrowIfNull(candidates);
        var text = typed.ToLowerInvariant();
        var limit = Math.Max(2, text.TrimStart('-').Length / 3);
        return candidates
            .Select(c => (Name: c, Distance: Distance(text, c.ToLowerInvariant())))
            .Where(c => c.Distance <= limit || (text.TrimStart('-').Length >= 3 && c.Name.StartsWith(typed, StringComparison.OrdinalIgnoreCase)))
            .OrderBy(c => c.Distance)
            .ThenBy(c => c.Name, StringComparer.Ordinal)
            .Select(c => c.Name)
            .Take(3)
            .ToArray();
    }

    /// <summary>Optimal string alignment distance (Levenshtein with transpositions: "trian" is one step from "train").</summary>
    public static int Distance(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
