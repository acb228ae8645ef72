using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using SseGen.Client;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers generated SSE clients.</summary>
public static class SseClientServiceCollectionExtensions
{
    /// <summary>
    /// Registers <typeparamref name="TClient"/> as <typeparamref name="TContract"/>, over a named <see cref="HttpClient"/>
    /// of <see cref="IHttpClientFactory"/>: the returned builder adds delegating handlers and other client settings.
    /// </summary>
    /// <typeparam name="TContract">The contract interface.</typeparam>
    /// <typeparam name="TClient">The <c>[SseClient]</c> class generated for it.</typeparam>
    /// <param name="services">The service collection.</param>
    /// <param name="configureClient">Sets the base address and anything else of the <see cref="HttpClient"/>.</param>
    /// <param name="options">How to reconnect; <see langword="null"/> for <see cref="SseClientOptions.Default"/>.</param>
    /// <returns>The builder of the named <see cref="HttpClient"/>, named after <typeparamref name="TClient"/>.</returns>
    public static IHttpClientBuilder AddSseClient<TContract, TClient>(this IServiceCollection services, Action<HttpClient> configureClient, SseClientOptions? options = null)
        where TContract : class
        where TClient : class, TContract, ISseGeneratedClient<TClient>
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configureClient);
        string name = typeof(TClient).FullName ?? typeof(TClient).Name;
        IHttpClientBuilder builder = services.AddHttpClient(name, configureClient);

        // Transient, as typed clients are: the factory hands out a fresh HttpClient over pooled handlers each time.
        services.AddTransient<TContract>(provider => TClient.Create(new SseClient(
            provider.GetRequiredService<IHttpClientFactory>().CreateClient(name),
            options,
            provider.GetService<ILoggerFactory>(),
            provider.GetService<IMeterFactory>())));
        return builder;
    }
}
