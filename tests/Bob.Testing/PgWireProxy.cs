using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Npgsql;

namespace Bob.Testing;

/// <summary>
/// A loopback TCP proxy in front of the test PostgreSQL that speaks just enough of the wire protocol to lose an
/// acknowledgement on purpose: once armed, the next transaction whose statements mention <see cref="ArmFor"/>'s text
/// is committed by the server, and then the connection is cut before the client sees it committed (<c>COMMIT</c>, or
/// the idle <c>ReadyForQuery</c> that ends an implicit transaction), exactly as when a
/// network drops between the database and the silo. Everything else is forwarded untouched.
/// </summary>
public sealed class PgWireProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly string _targetHost;
    private readonly int _targetPort;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<TcpClient> _open = [];
    private string? _armedFor;
    private int _cuts;

    private PgWireProxy(string targetHost, int targetPort)
    {
        _targetHost = targetHost;
        _targetPort = targetPort;
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>How many commits had their acknowledgement cut so far.</summary>
    public int Cuts => Volatile.Read(ref _cuts);

    /// <summary>Starts a proxy to the server of <paramref name="connectionString"/>.</summary>
    public static PgWireProxy Start(string connectionString)
    {
        var target = new NpgsqlConnectionStringBuilder(connectionString);
        var proxy = new PgWireProxy(target.Host!, target.Port);
        proxy._listener.Start();
        _ = proxy.AcceptLoopAsync();
        return proxy;
    }

    /// <summary>The same connection string, through this proxy (plain TCP: no TLS or GSS negotiation to parse).</summary>
    public string Through(string connectionString) => new NpgsqlConnectionStringBuilder(connectionString)
    {
        Host = "127.0.0.1",
        Port = Port,
        SslMode = SslMode.Disable,
        GssEncryptionMode = GssEncryptionMode.Disable,
    }.ConnectionString;

    /// <summary>Cuts the acknowledgement of the next commit of a transaction that ran a statement containing <paramref name="statementText"/>.</summary>
    public void ArmFor(string statementText) => Volatile.Write(ref _armedFor, statementText);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        lock (_open)
        {
            _open.ForEach(c => c.Dispose());
        }
        _stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }
            _ = RelayAsync(client);
        }
    }

    private async Task RelayAsync(TcpClient client)
    {
        using var server = new TcpClient();
        lock (_open)
        {
            _open.Add(client);
            _open.Add(server);
        }
        try
        {
            await server.ConnectAsync(_targetHost, _targetPort, _stop.Token);
            var connection = new ProxiedConnection();
            using var cut = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
            var up = PumpAsync(client.GetStream(), server.GetStream(), frontend: true, connection, cut);
            var down = PumpAsync(server.GetStream(), client.GetStream(), frontend: false, connection, cut);
            await Task.WhenAny(up, down);
        }
        catch (Exception) when (_stop.IsCancellationRequested)
        {
        }
        catch (IOException)
        {
        }
        catch (SocketException)
        {
        }
        finally
        {
            client.Dispose();
        }
    }

    /// <summary>Copies whole protocol messages; the first frontend message (startup) has no type byte.</summary>
    private async Task PumpAsync(NetworkStream from, NetworkStream to, bool frontend, ProxiedConnection connection, CancellationTokenSource cut)
    {
        var started = !frontend;
        var header = new byte[5];
        try
        {
            while (!cut.IsCancellationRequested)
            {
                byte type;
                int length;
                if (!started)
                {
                    await from.ReadExactlyAsync(header.AsMemory(0, 4), cut.Token);
                    type = 0;
                    length = BinaryPrimitives.ReadInt32BigEndian(header);
                    started = true;
                    await to.WriteAsync(header.AsMemory(0, 4), cut.Token);
                }
                else
                {
                    await from.ReadExactlyAsync(header, cut.Token);
                    type = header[0];
                    length = BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(1));
                }
                var body = new byte[length - 4];
                await from.ReadExactlyAsync(body, cut.Token);
                if (frontend)
                {
                    Inspect(type, body, connection);
                }
                else if (connection.Marked && IsCommitAcknowledgement(type, body))
                {
                    // The server has committed; the client never hears of it.
                    Interlocked.Increment(ref _cuts);
                    await cut.CancelAsync();
                    return;
                }
                if (type != 0)
                {
                    await to.WriteAsync(header, cut.Token);
                }
                await to.WriteAsync(body, cut.Token);
            }
        }
        catch (Exception) when (cut.IsCancellationRequested)
        {
        }
        catch (IOException)
        {
        }
    }

    /// <summary>An explicit transaction's <c>COMMIT</c> completing, or <c>ReadyForQuery</c> with the server idle: a batch sent
    /// without BEGIN runs as one implicit transaction that commits at its Sync, and idle after it means it is committed.</summary>
    private static bool IsCommitAcknowledgement(byte type, byte[] body) =>
        (type == (byte)'C' && Encoding.ASCII.GetString(body).StartsWith("COMMIT", StringComparison.Ordinal))
        || (type == (byte)'Z' && body is [(byte)'I']);

    private void Inspect(byte type, byte[] body, ProxiedConnection connection)
    {
        if ((type == (byte)'Q' || type == (byte)'P') && Volatile.Read(ref _armedFor) is { } text
            && Encoding.UTF8.GetString(body).Contains(text, StringComparison.Ordinal)
            && Interlocked.CompareExchange(ref _armedFor, null, text) == text)
        {
            connection.Marked = true;
        }
    }

    private sealed class ProxiedConnection
    {
        public volatile bool Marked;
    }
}
