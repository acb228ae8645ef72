using Microsoft.Extensions.DependencyInjection.Extensions;
using SseGen;
using SseGen.Redis;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the Redis replay store.</summary>
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
}
