using System.Net;

namespace CryptoPredict.Cli.Commands.Serve;

/// <summary>
/// One address of <c>--urls</c>: <c>http://HOST:PORT</c>, where HOST is an IP address, <c>localhost</c>, a host
/// name, or <c>*</c>/<c>+</c>/<c>0.0.0.0</c>/<c>[::]</c> for every interface. Only a loopback address
/// (127.0.0.0/8, [::1], localhost) is reachable from this machine alone; every other one needs an API key.
/// </summary>
internal sealed record ListenAddress(string Url, string Host, int Port, bool IsLoopback)
{
    /// <summary>Parses one address, or says in one line what is wrong with it.</summary>
    public static bool TryParse(string text, out ListenAddress address, out string problem)
    {
        address = null!;
        problem = "";
        var trimmed = text.Trim();
        if (!trimmed.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
        {
            problem = trimmed.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
                ? $"--urls '{trimmed}': serve speaks plain HTTP; put a TLS-terminating proxy in front of it for HTTPS."
                : $"--urls '{trimmed}' is not an address: use http://HOST:PORT, such as http://127.0.0.1:8080.";
            return false;
        }

        // Kestrel's wildcards are not host names Uri accepts; they mean every interface, as 0.0.0.0 does.
        var rest = trimmed["http://".Length..];
        var wildcard = rest.StartsWith('*') || rest.StartsWith('+');
        var parsable = "http://" + (wildcard ? "0.0.0.0" + rest[1..] : rest);
        if (!Uri.TryCreate(parsable, UriKind.Absolute, out var uri) || uri.AbsolutePath != "/" || uri.Query.Length > 0 || uri.UserInfo.Length > 0)
        {
            problem = $"--urls '{trimmed}' is not an address: use http://HOST:PORT with no path, such as http://127.0.0.1:8080.";
            return false;
        }

        if (!rest.Contains(':', StringComparison.Ordinal) || (rest.StartsWith('[') && !rest.Contains("]:", StringComparison.Ordinal)))
        {
            problem = $"--urls '{trimmed}' has no port: use http://HOST:PORT, such as http://127.0.0.1:8080 (port 0 picks a free one).";
            return false;
        }

        var host = uri.Host;
        var loopback = string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));
        address = new ListenAddress(wildcard ? trimmed.TrimEnd('/') : uri.GetLeftPart(UriPartial.Authority), host, uri.Port, loopback);
        return true;
    }
}
