using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace CryptoPredict.Core.Tests.Batch;

/// <summary>
/// A real, throw-away PostgreSQL server for the ledger tests: <c>initdb</c> in a temporary folder and <c>pg_ctl
/// start</c> on a free loopback port, stopped and deleted at the end. PostgreSQL refuses to run as root, so as root
/// it runs as user <c>postgres</c> through <c>runuser</c>. Where no server can be started the tests are skipped
/// with the reason, except under CI (<c>CI=true</c>), where that is a failure.
/// </summary>
public sealed class PostgresServer : IDisposable
{
    private readonly string? _root;
    private readonly string? _bin;
    private int _databases;

    public PostgresServer()
    {
        try
        {
            _bin = FindBin() ?? throw new InvalidOperationException(
                "no PostgreSQL server binaries (initdb, pg_ctl) in /usr/lib/postgresql/*/bin or CRYPTOPREDICT_PG_BIN; install Debian's postgresql package (scripts/install-deps.sh with WITH_TESTS=1).");
            _root = Directory.CreateTempSubdirectory("cp-pg-").FullName;
            Port = FreePort();
            if (Environment.UserName == "root")
            {
                Run("chown", "-R", "postgres:postgres", _root);
            }

            var data = Path.Combine(_root, "data");
            AsServerUser(Path.Combine(_bin, "initdb"), "-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-sync");
            AsServerUser(Path.Combine(_bin, "pg_ctl"), "-D", data, "-l", Path.Combine(_root, "server.log"), "-w", "-t", "60",
                "-o", $"-p {Port} -k {_root} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=60", "start");
        }
        catch (Exception e) when (Environment.GetEnvironmentVariable("CI") != "true")
        {
            SkipReason = $"PostgreSQL server could not be started here: {e.Message}";
            DeleteRoot();
        }
    }

    public int Port { get; }

    /// <summary>Why the PostgreSQL tests are skipped; null when the server runs.</summary>
    public string? SkipReason { get; }

    /// <summary>A new empty database on the server, as a ledger URL.</summary>
    public string NewDatabase()
    {
        var name = $"ledger_{Environment.ProcessId}_{Interlocked.Increment(ref _databases)}";
        using var connection = new NpgsqlConnection($"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres;Pooling=false");
        connection.Open();
        using var command = connection.CreateCommand();
#pragma warning disable CA2100 // A name this fixture made.
        command.CommandText = $"CREATE DATABASE {name}";
#pragma warning restore CA2100
        command.ExecuteNonQuery();
        return $"postgres://postgres@127.0.0.1:{Port}/{name}";
    }

    public void Dispose()
    {
        if (SkipReason is null && _bin is not null && _root is not null)
        {
            try
            {
                AsServerUser(Path.Combine(_bin, "pg_ctl"), "-D", Path.Combine(_root, "data"), "-m", "immediate", "-w", "stop");
            }
            catch (InvalidOperationException)
            {
                // Stopping a server that already died is no reason to fail the tests that ran.
            }
        }

        DeleteRoot();
    }

    private void DeleteRoot()
    {
        if (_root is not null && Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private static string? FindBin()
    {
        if (Environment.GetEnvironmentVariable("CRYPTOPREDICT_PG_BIN") is { Length: > 0 } given)
        {
            return given;
        }

        const string root = "/usr/lib/postgresql";
        return Directory.Exists(root)
            ? Directory.GetDirectories(root)
                .Select(d => Path.Combine(d, "bin"))
                .Where(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")))
                .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0)
                .FirstOrDefault()
            : null;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void AsServerUser(string program, params string[] args)
    {
        if (Environment.UserName == "root")
        {
            Run("runuser", ["-u", "postgres", "--", program, .. args]);
        }
        else
        {
            Run(program, args);
        }
    }

    private static void Run(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(90)))
        {
            process.Kill();
            throw new InvalidOperationException($"{program} {string.Join(' ', args)} did not finish in 90 s.");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', args)} exited {process.ExitCode}: {error.Result.Trim()} {output.Result.Trim()}");
        }
    }
}
