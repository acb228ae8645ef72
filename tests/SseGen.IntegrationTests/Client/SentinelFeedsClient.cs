using SseGen.Client;
using SseGen.TestApp;

namespace SseGen.IntegrationTests.Client;

/// <summary>The client side of <see cref="ISentinelFeeds"/>: its requests end on the contract's <c>[DONE]</c>.</summary>
[SseClient(typeof(ISentinelFeeds), JsonContext = typeof(SentinelJsonContext))]
internal sealed partial class SentinelFeedsClient;
