using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SseGen;
using SseGen.Redis;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the Redis replay store and Redis-shared topics.</summary>
public static class RedisSseServiceCollectionExtensions
{
    /// <summary>Registers <see cref="RedisSseReplayStore"/> as the application's <see cref="ISseReplayStore"/>.</summary>
    /// <param name="services">The application's services.</param>
    /// <param name="configuration">The StackExchange.Redis configuration string, for example <c>localhost:6379</c>.</param>
    /// <param name="configure">Sets further options, such as <see cref="RedisSseReplayOptions.MaxLength"/>.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    public static IServiceCollection AddSseRedisReplayStore(this IServiceCollection services, string configuration, Action<RedisSseReplayOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrEmpty(configuration);
        services.Configure<RedisSseReplayOptions>(options =>
        {
            options.Configuration = configuration;
            configure?.Invoke(options);
        });
        services.AddOptions<RedisSseReplayOptions>()
            .Validate(static o => o.MaxLength > 0, "RedisSseReplayOptions.MaxLength must be positive.")
            .Validate(static o => o.IdleTimeout > TimeSpan.Zero, "RedisSseReplayOptions.IdleTimeout must be positive.")
            .Validate(static o => o.PollInterval > TimeSpan.Zero, "RedisSseReplayOptions.PollInterval must be positive.")
            .ValidateOnStart();
        services.RemoveAll<ISseReplayStore>();
        services.AddSingleton<RedisSseReplayStore>();
        services.AddSingleton<ISseReplayStore>(static provider => provider.GetRequiredService<RedisSseReplayStore>());
        return services;
    }

    /// <summary>
    /// Shares the topics of <typeparamref name="T"/> (registered by <c>AddSseTopics&lt;T&gt;</c>) between every server of
    /// the application through Redis: an event published on any server reaches the subscribers on every server, encoded
    /// once by the server that published it, with the same Redis stream id everywhere, so a client can resume on another
    /// server with <c>Last-Event-ID</c>.
    /// </summary>
    /// <typeparam name="T">The topics' event type.</typeparam>
    /// <param name="services">The application's services.</param>
    /// <param name="configuration">The StackExchange.Redis configuration string, for example <c>localhost:6379</c>.</param>
    /// <param name="configure">Sets further options, such as <see cref="RedisSseTopicOptions.MaxLength"/>.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A bound or interval of the options is zero or negative.</exception>
    public static IServiceCollection AddSseRedisTopics<T>(this IServiceCollection services, string configuration, Action<RedisSseTopicOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrEmpty(configuration);
        var options = new RedisSseTopicOptions { Configuration = configuration, KeyPrefix = "ssegen:topics:" + typeof(T).Name + ":" };
        configure?.Invoke(options);
        ArgumentException.ThrowIfNullOrEmpty(options.Configuration, "options.Configuration");
        ArgumentNullException.ThrowIfNull(options.KeyPrefix, "options.KeyPrefix");
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.MaxLength, "options.MaxLength");
        ArgumentOutOfRangeException.ThrowIfLessThan(options.IdleTimeout, TimeSpan.FromMilliseconds(1), "options.IdleTimeout");
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.PollInterval, TimeSpan.Zero, "options.PollInterval");

        // Keyed by the event type: each type's topics have their own connection, keys and channel.
        services.TryAddKeyedSingleton<RedisTopicBackplane>(typeof(T), (provider, _) =>
            new RedisTopicBackplane(options, provider.GetService<ILoggerFactory>()?.CreateLogger("SseGen") ?? NullLogger.Instance));
        services.AddOptions<SseTopicOptions<T>>()
            .PostConfigure<IServiceProvider>(static (topics, provider) => topics.Backplane = provider.GetRequiredKeyedService<RedisTopicBackplane>(typeof(T)));
        return services;
    }
}
