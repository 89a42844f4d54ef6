using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Upcare.Tests.Infrastructure;

/// <summary>
/// A real PostgreSQL server for the tests, started from the installed binaries (initdb, pg_ctl) in a temporary
/// folder on a free loopback port, and stopped and removed when the test run ends. No container engine needed.
/// </summary>
public sealed class PostgresServer
{
    private static readonly Lazy<Task<PostgresServer>> Shared = new(() => StartAsync());

    private readonly string _binDirectory;
    private readonly string _dataDirectory;
    private readonly bool _runAsPostgresUser;
    private int _databases;

    private PostgresServer(string binDirectory, string dataDirectory, int port, bool runAsPostgresUser)
    {
        _binDirectory = binDirectory;
        _dataDirectory = dataDirectory;
        Port = port;
        _runAsPostgresUser = runAsPostgresUser;
    }

    public int Port { get; }

    /// <summary>The one server of this test run, started on first use.</summary>
    public static Task<PostgresServer> GetAsync() => Shared.Value;

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix)
    {
        var name = $"{prefix}_{Interlocked.Increment(ref _databases)}".ToLowerInvariant();
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync();
        return ConnectionString(name);
    }

    // Hundreds of apps come and go in one run, each with its own pool; idle connections are closed after seconds, not
    // the default five minutes, so the pools of finished tests do not take the server's connection slots.
    private string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={Port};Database={database};Username=postgres;Pooling=true;Connection Idle Lifetime=5;Connection Pruning Interval=1;Include Error Detail=true";

    private static async Task<PostgresServer> StartAsync(bool durable = false)
    {
        var bin = FindBinDirectory() ?? throw new InvalidOperationException(
            "PostgreSQL server binaries (initdb, pg_ctl) were not found. Install them: sudo apt-get install postgresql");
        var root = Path.Combine(Path.GetTempPath(), $"upcare-pg-{Guid.NewGuid():N}");
        Directory.CreateDirectory(root);
        // initdb refuses to run as root, so under root (as in CI containers) the server runs as the postgres user.
        var asPostgres = Environment.UserName == "root";
        if (asPostgres)
        {
            await RunAsync("chown", ["postgres:postgres", root]);
        }
        var data = Path.Combine(root, "data");
        var port = FreePort();
        var server = new PostgresServer(bin, data, port, asPostgres) { _durable = durable };
        await server.RunPgAsync("initdb", ["-D", data, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync"]);
        await server.StartServerAsync();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Stop(root);
        return server;
    }

    private string Root => Path.GetDirectoryName(_dataDirectory)!;

    // The shared server trades durability for speed: with synchronous_commit off a commit is acknowledged before its WAL
    // is written, so an immediate stop loses it. A server that a test stops must keep every acknowledged commit, as a real
    // one does; fsync may stay off there, because the process is killed, not the machine, and the OS keeps what was written.
    private bool _durable;

    private Task StartServerAsync() => RunPgAsync("pg_ctl", ["-D", _dataDirectory, "-l", Path.Combine(Root, "server.log"), "-w", "-t", "60",
        "-o", $"-p {Port} -h 127.0.0.1 -k {Root} -c fsync=off -c synchronous_commit={(_durable ? "on" : "off")} -c full_page_writes=off -c max_connections=500", "start"]);

    /// <summary>A server of its own, for a test that stops and starts it (the shared one serves every other test); it keeps every acknowledged commit.</summary>
    public static Task<PostgresServer> StartDedicatedAsync() => StartAsync(durable: true);

    /// <summary>Stops the server at once, as a crash or a failover would: open connections are cut, nothing is flushed politely.</summary>
    public Task StopImmediatelyAsync() => RunPgAsync("pg_ctl", ["-D", _dataDirectory, "-m", "immediate", "-w", "stop"]);

    /// <summary>Starts a stopped server again on the same port and data.</summary>
    public Task StartAgainAsync() => StartServerAsync();

    private void Stop(string root)
    {
        try
        {
            RunPgAsync("pg_ctl", ["-D", _dataDirectory, "-m", "immediate", "-w", "stop"]).GetAwaiter().GetResult();
        }
        catch (InvalidOperationException)
        {
            // Already stopped (a fault test left it so).
        }
        finally
        {
            try { Directory.Delete(root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    private Task RunPgAsync(string tool, string[] args) => _runAsPostgresUser
        ? RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(_binDirectory, tool), .. args])
        : RunAsync(Path.Combine(_binDirectory, tool), args);

    private static async Task RunAsync(string file, string[] args)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed ({process.ExitCode}):\n{await stdout}\n{await stderr}");
        }
    }

    private static string? FindBinDirectory()
    {
        var candidates = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var v) ? v : 0).Select(d => Path.Combine(d, "bin"))
            : [];
        return candidates.Append("/usr/local/bin").Append("/usr/bin")
            .FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
