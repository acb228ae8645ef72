using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace SseGen;

/// <summary>
/// The topics of one event type, by name: <c>topics.Get(SseTopicName.Join("chat", room))</c>. Registered as a singleton
/// by <c>AddSseTopics</c>.
/// </summary>
/// <typeparam name="T">The topics' event type.</typeparam>
/// <remarks>
/// Names follow <see cref="SseTopicName"/>. The registry holds at most <see cref="SseTopicOptions{T}.MaxTopics"/> topics:
/// getting one more evicts the least recently used topic with no subscriber (its history goes with it, so its old ids
/// read as <c>history-lost</c>); when every topic has a subscriber, <see cref="Get"/> throws. A publisher holding an
/// evicted topic publishes to the name's live topic.
/// </remarks>
public sealed class SseTopics<T>
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, SseTopic<T>> _topics = new(StringComparer.Ordinal);
    private readonly SseTopicOptions<T> _options;
    private readonly SseMetrics _metrics;
    private readonly ILogger _logger;

    /// <summary>Creates an empty registry.</summary>
    /// <param name="options">The options of every topic.</param>
    /// <param name="meterFactory">Creates the <c>SseGen</c> meter; <see langword="null"/> for a shared one.</param>
    /// <param name="loggerFactory">Creates the <c>SseGen</c> logger; <see langword="null"/> logs nothing.</param>
    /// <exception cref="ArgumentException">The options have neither writer nor contract, or <see cref="SseOverflowPolicy.LatestPerKey"/> has no key selector.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A bound is zero or negative.</exception>
    public SseTopics(IOptions<SseTopicOptions<T>> options, IMeterFactory? meterFactory = null, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        SseTopic<T>.ValidateOptions(_options);
        if (_options.Writer is null && _options.TypeInfo is null)
        {
            throw new ArgumentException($"Topics of {typeof(T).Name} need SseTopicOptions.Writer or SseTopicOptions.TypeInfo.", nameof(options));
        }

        _metrics = SseMetrics.For(meterFactory);
        _logger = loggerFactory?.CreateLogger("SseGen") ?? NullLogger.Instance;
    }

    /// <summary>How many topics the registry holds.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _topics.Count;
            }
        }
    }

    /// <summary>The topic named <paramref name="name"/>, created on first use.</summary>
    /// <param name="name">The name; build it from request values with <see cref="SseTopicName.Join"/>.</param>
    /// <returns>The topic.</returns>
    /// <exception cref="ArgumentException"><paramref name="name"/> does not follow <see cref="SseTopicName"/>.</exception>
    /// <exception cref="InvalidOperationException">The registry is full and every topic has a subscriber.</exception>
    public SseTopic<T> Get(string name)
    {
        SseTopicName.Validate(name);
        lock (_lock)
        {
            if (_topics.TryGetValue(name, out SseTopic<T>? topic))
            {
                topic.Touch();
                return topic;
            }

            if (_topics.Count >= _options.MaxTopics)
            {
                EvictOneLocked();
            }

            topic = new SseTopic<T>(name, _options, _metrics, _logger, this);
            _topics.Add(name, topic);
            _metrics.Topics.Add(1, topic.Tags);
            return topic;
        }
    }

    /// <summary>Removes the least recently used topic with no subscriber; a scan, paid only by a get that finds the registry full.</summary>
    private void EvictOneLocked()
    {
        foreach (SseTopic<T> candidate in _topics.Values.OrderBy(t => t.LastUsed))
        {
            if (candidate.TryEvict())
            {
                _topics.Remove(candidate.Name);
                _metrics.Topics.Add(-1, candidate.Tags);
                _metrics.TopicEvictions.Add(1, candidate.Tags);
                TopicLog.TopicEvicted(_logger, candidate.Name, _options.MaxTopics);
                return;
            }
        }

        throw new InvalidOperationException($"The registry of {typeof(T).Name} topics holds {_options.MaxTopics} topics, each with a subscriber; raise SseTopicOptions.MaxTopics.");
    }
}
