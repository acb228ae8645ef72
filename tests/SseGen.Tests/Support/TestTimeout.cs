namespace SseGen.Tests;

/// <summary>Bounds every wait in a test: cancelled when the test is, or after the given time.</summary>
internal static class TestTimeout
{
    public static CancellationToken After(int seconds)
    {
        var source = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        source.CancelAfter(TimeSpan.FromSeconds(seconds));
        return source.Token;
    }
}
