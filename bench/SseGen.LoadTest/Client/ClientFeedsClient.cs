using SseGen.Client;

namespace SseGen.LoadTest.Client;

/// <summary>The client side of <see cref="IClientFeeds"/>: the generator implements the contract here.</summary>
[SseClient(typeof(IClientFeeds), JsonContext = typeof(LoadTestJsonContext))]
internal sealed partial class ClientFeedsClient;
