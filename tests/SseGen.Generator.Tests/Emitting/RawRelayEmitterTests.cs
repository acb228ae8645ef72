using SseGen.Generator.Tests.Infrastructure;
using Xunit;

namespace SseGen.Generator.Tests.Emitting;

/// <summary>An endpoint of pre-encoded <c>SseFrame</c>s (a raw relay): each frame is written as it is, described as text events of any type.</summary>
public sealed class RawRelayEmitterTests
{
    [Fact]
    public Task FrameItems_AreWrittenAsTheyAre_WithoutAJsonContract() => GeneratorSnapshot.VerifyAsync("""
        namespace MyApp;

        public static class Relays
        {
            [SseEndpoint("/relay", HeartbeatSeconds = 0)]
            public static async IAsyncEnumerable<SseFrame> Relay()
            {
                await Task.Yield();
                yield return SseFrame.FromUtf8("data: x\n\n"u8);
            }

            [SseEndpoint("/relay/nullable")]
            public static IAsyncEnumerable<SseFrame?> Nullable() => throw new NotImplementedException();
        }
        """);

    [Fact]
    public Task FrameItems_AreTextEventsOfAnyType_ForTheTypeScriptClient() => ClientScriptSnapshot.VerifyAsync("""
        namespace MyApp;

        public static class Relays
        {
            [SseEndpoint("/relay")]
            public static IAsyncEnumerable<SseFrame> Relay() => throw new NotImplementedException();
        }
        """);
}
