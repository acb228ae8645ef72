using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SseGen;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers SseGen's services.</summary>
public static class SseServiceCollectionExtensions
{
    /// <summary>Registers the in-memory <see cref="ISseReplayStore"/> (unless another store is registered).</summary>
    /// <param name="services">The application's services.</param>
    /// <param name="configure">Sets the store's options, such as <see cref="SseReplayOptions.Capacity"/>.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    /// <remarks>
    /// Invalid options (see <see cref="SseReplayOptions"/>) fail the host's start. The store takes the clock from a
    /// registered <see cref="TimeProvider"/>, else <see cref="TimeProvider.System"/>.
    /// </remarks>
    public static IServiceCollection AddSseReplayStore(this IServiceCollection services, Action<SseReplayOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<SseReplayOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SseReplayOptions>, SseReplayOptionsValidator>());
        if (configure is not null)
        {
            services.Configure(configure);
        }

        services.TryAddSingleton<ISseReplayStore, InMemorySseReplayStore>();
        return services;
    }
}
