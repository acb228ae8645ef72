using SseGen.Client;

namespace SseGen.Tests.Client;

/// <summary>Backoff: exponential with jitter while attempts fail, the server's retry after one that delivered.</summary>
public sealed class SseConnectionStateTests
{
    private static readonly SseClientOptions Options = new()
    {
        ReconnectDelay = TimeSpan.FromMilliseconds(100),
        MaxReconnectDelay = TimeSpan.FromMilliseconds(1000),
    };

    [Fact]
    public void FailedAttempts_DoubleTheDelay_WithinHalfToWholeOfIt_UpToTheCap()
    {
        var state = new SseConnectionState(null, Options);
        double[] ceilings = [100, 200, 400, 800, 1000, 1000, 1000];

        foreach (double ceiling in ceilings)
        {
            double delay = state.NextDelay(delivered: false, retryAfter: null).TotalMilliseconds;
            Assert.InRange(delay, ceiling / 2, ceiling);
        }

        Assert.Equal(ceilings.Length, state.FailedAttempts);
    }

    [Fact]
    public void Jitter_SpreadsClientsThatFailedTogether()
    {
        var delays = Enumerable.Range(0, 50)
            .Select(_ =>
            {
                var state = new SseConnectionState(null, Options);
                state.NextDelay(false, null);
                state.NextDelay(false, null);
                return state.NextDelay(false, null);
            })
            .Distinct()
            .Count();

        Assert.True(delays > 10, $"50 clients chose only {delays} distinct delays");
    }

    [Fact]
    public void AnAttemptThatDelivered_ResetsTheFailures_AndWaitsTheServersRetry()
    {
        var state = new SseConnectionState(null, Options);
        state.NextDelay(false, null);
        state.NextDelay(false, null);
        state.ObserveRetry(TimeSpan.FromMilliseconds(2500));

        Assert.Equal(TimeSpan.FromMilliseconds(2500), state.NextDelay(delivered: true, retryAfter: null));
        Assert.Equal(0, state.FailedAttempts);
    }

    [Fact]
    public void RetryAfter_LongerThanTheBackoff_IsHonoured()
    {
        var state = new SseConnectionState(null, Options);

        Assert.Equal(TimeSpan.FromSeconds(30), state.NextDelay(false, TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public void AnEventWithoutAnId_KeepsTheLastOne_AndAnEmptyIdResetsIt()
    {
        var state = new SseConnectionState("4", Options);
        Assert.True(state.Resumable);

        state.ObserveId("5");
        state.ObserveId(null);
        Assert.Equal("5", state.LastEventId);

        state.ObserveId("");
        Assert.Null(state.LastEventId);
        Assert.True(state.Resumable);
    }

    [Fact]
    public void TheParsersDefaultRetry_IsNotTakenForTheServers()
    {
        var state = new SseConnectionState(null, Options);
        state.ObserveRetry(Timeout.InfiniteTimeSpan);

        Assert.Equal(Options.ReconnectDelay, state.NextDelay(delivered: true, retryAfter: null));
    }
}
