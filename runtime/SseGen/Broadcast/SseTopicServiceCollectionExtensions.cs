using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SseGen;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers broadcast topics.</summary>
public static class SseTopicServiceCollectionExtensions
{
    /// <summary>Registers <see cref="SseTopics{T}"/>, the registry of topics of <typeparamref name="T"/>, as a singleton.</summary>
    /// <typeparam name="T">The topics' event type.</typeparam>
    /// <param name="services">The application's services.</param>
    /// <param name="configure">Sets the topics' options: bounds, overflow policy, writer.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    /// <remarks>
    /// Without <see cref="SseTopicOptions{T}.Writer"/> or <see cref="SseTopicOptions{T}.TypeInfo"/>, events are written
    /// as JSON with the contract of <typeparamref name="T"/> from the app's <see cref="JsonOptions"/>, as endpoints are.
    /// </remarks>
    public static IServiceCollection AddSseTopics<T>(this IServiceCollection services, Action<SseTopicOptions<T>>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        OptionsBuilder<SseTopicOptions<T>> options = services.AddOptions<SseTopicOptions<T>>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.PostConfigure<IOptions<JsonOptions>>(static (o, json) =>
        {
            if (o.Writer is null && o.TypeInfo is null)
            {
                o.TypeInfo = JsonContracts.Resolve<T>(json.Value.SerializerOptions);
            }
        });
        services.TryAddSingleton<SseTopics<T>>();
        return services;
    }
}
