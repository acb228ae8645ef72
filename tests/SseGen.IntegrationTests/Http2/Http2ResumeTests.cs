using System.Net;
using System.Net.ServerSentEvents;
using Microsoft.Extensions.DependencyInjection;

namespace SseGen.IntegrationTests.Http2;

/// <summary>Resuming with <c>Last-Event-ID</c> over HTTP/2, where leaving resets one stream and the connection may stay.</summary>
public sealed class Http2ResumeTests
{
    [Theory]
    [InlineData(HttpTransport.Http2Tls)]
    [InlineData(HttpTransport.H2c)]
    public async Task ClientThatDropsAndResumes_GetsEveryEventExactlyOnce_OnTheSameConnectionAndOnNewOnes(HttpTransport transport)
    {
        const int Total = 300;
        CancellationToken ct = TestTimeout.After(60);
        await using TransportTestApp app = await ResumableTicker.StartAsync(transport);
        ISseReplayStore store = app.App.Services.GetRequiredService<ISseReplayStore>();

        // Events are published while the client comes and goes, so some arrive live and some from the store's history.
        Task publishing = Task.Run(async () =>
        {
            for (int i = 1; i <= Total; i++)
            {
                await store.AppendAsync(ResumableTicker.Stream, $"tick {i}", "tick", ct);
                if (i % 10 == 0)
                {
                    await Task.Delay(5, ct);
                }
            }
        }, ct);

        var received = new List<SseItem<string>>();
        var versions = new HashSet<Version>();

        // "0" is before the store's first id: the first connection reads from the start.
        string? lastEventId = "0";
        var random = new Random(18);
        int requests = 0;
        HttpClient client = app.CreateClient();
        try
        {
            for (; received.Count < Total; requests++)
            {
                // Every other reconnect is on a new connection; the others reuse the one whose stream was just reset.
                if (requests % 2 == 1)
                {
                    client.Dispose();
                    client = app.CreateClient();
                }

                int take = random.Next(5, 60);
                // A request made by hand does not take the client's default version: ask for the transport's own.
                using var request = new HttpRequestMessage(HttpMethod.Get, "/ticker") { Version = client.DefaultRequestVersion, VersionPolicy = client.DefaultVersionPolicy };
                request.Headers.Add("Last-Event-ID", lastEventId);
                using HttpResponseMessage response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
                versions.Add(response.Version);
                await foreach (SseItem<string> item in SseParser.Create(await response.Content.ReadAsStreamAsync(ct)).EnumerateAsync(ct))
                {
                    Assert.NotEqual(ISseReplayStore.HistoryLostEventType, item.EventType);
                    received.Add(item);
                    lastEventId = item.EventId;
                    if (--take == 0 || received.Count == Total)
                    {
                        break;
                    }
                }
            }
        }
        finally
        {
            client.Dispose();
        }

        await publishing;
        Assert.True(requests >= 4, $"only {requests} connections: the drops were not exercised");
        Assert.Equal([HttpVersion.Version20], versions);
        Assert.Equal(1 + (requests / 2), app.App.Services.GetRequiredService<ResumableTicker>().ConnectionIds.Distinct().Count());
        Assert.Equal(Enumerable.Range(1, Total).Select(i => $"tick {i}"), received.Select(i => i.Data));
        Assert.Equal(Total, received.Select(i => i.EventId).Distinct().Count());
    }
}
