using SseGen.Client;
using SseGen.TestLibrary.Live;

namespace SseGen.IntegrationTests.Client;

/// <summary>The client side of the shared contract: the generator implements <see cref="ILiveFeeds"/> here.</summary>
[SseClient(typeof(ILiveFeeds), JsonContext = typeof(LiveJsonContext))]
internal sealed partial class LiveFeedsClient;
