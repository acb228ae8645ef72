using SseGen.Client;
using SseGen.TestContracts;

namespace SseGen.IntegrationTests.Client;

/// <summary>
/// The client side of <see cref="IMarketFeeds"/>, from its contract project: a project with a client of a contract calls
/// that contract's server and maps none of it.
/// </summary>
[SseClient(typeof(IMarketFeeds), JsonContext = typeof(MarketJsonContext))]
internal sealed partial class MarketFeedsClient;
