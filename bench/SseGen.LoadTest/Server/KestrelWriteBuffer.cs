using System.Globalization;
using Microsoft.AspNetCore.Hosting;

namespace SseGen.LoadTest.Server;

/// <summary>
/// The socket transport's per-connection write buffer (<c>MaxWriteBufferSize</c>: the bytes a response has flushed that
/// the kernel has not taken yet) for one benchmark run, from the driver's <c>--write-buffer</c>, the same in every server
/// it starts and so for every peer. Shared by the load and fan-out tools (linked, not copied).
/// </summary>
internal static class KestrelWriteBuffer
{
    private const string Variable = "SSEGEN_BENCH_WRITE_BUFFER";

    /// <summary>In the driver, before it starts a server: its servers are child processes and inherit its environment.</summary>
    public static void PassToServers(int? bytes) =>
        Environment.SetEnvironmentVariable(Variable, bytes?.ToString(CultureInfo.InvariantCulture));

    /// <summary>In a server: the driver's setting, or Kestrel's default when it gave none.</summary>
    public static void Apply(IWebHostBuilder host)
    {
        if (int.TryParse(Environment.GetEnvironmentVariable(Variable), NumberStyles.None, CultureInfo.InvariantCulture, out int bytes))
        {
            host.UseSockets(sockets => sockets.MaxWriteBufferSize = bytes);
        }
    }

    /// <summary>One line for the report beside the figures.</summary>
    public static string Describe(int? bytes) => bytes is { } set
        ? string.Create(CultureInfo.InvariantCulture, $"Kestrel: the socket transport's `MaxWriteBufferSize` set to {set:N0} B (`--write-buffer`) in every server of the run, for every peer alike")
        : "Kestrel: every option default (the socket transport's `MaxWriteBufferSize` 64 KiB)";
}
