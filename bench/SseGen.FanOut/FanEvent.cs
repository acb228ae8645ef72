namespace SseGen.FanOut;

/// <summary>
/// The broadcast event. <see cref="PublishedAt"/> is the server's <see cref="System.Diagnostics.Stopwatch.GetTimestamp"/>
/// when the publish began; on Linux that is <c>clock_gettime(CLOCK_MONOTONIC)</c> in nanoseconds, one clock for every
/// process on the machine, so the driver subtracts it from its own reading to get publish→receive latency.
/// </summary>
/// <remarks>A class, as broadcast events usually are: a struct would be boxed once per publish by the JSON contract taken from the app's options.</remarks>
public sealed record FanEvent(long Sequence, long PublishedAt, string Symbol, double Price);
