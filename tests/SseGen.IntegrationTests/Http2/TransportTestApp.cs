using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using SseGen.TestApp;

namespace SseGen.IntegrationTests.Http2;

/// <summary>
/// The test app on real Kestrel, on loopback listeners (ports picked by the OS) that speak only one <see cref="HttpTransport"/>,
/// and an <see cref="HttpClient"/> that speaks exactly that version and trusts only this app's certificate.
/// </summary>
internal sealed class TransportTestApp : IAsyncDisposable
{
    private readonly X509Certificate2? _certificate;

    private TransportTestApp(WebApplication app, HttpTransport transport, X509Certificate2? certificate)
    {
        App = app;
        Transport = transport;
        _certificate = certificate;
        BaseAddresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Select(a => new Uri(a)).ToArray();
    }

    public WebApplication App { get; }

    public HttpTransport Transport { get; }

    /// <summary>One address per listener, in the order they were asked for.</summary>
    public IReadOnlyList<Uri> BaseAddresses { get; }

    public Uri BaseAddress => BaseAddresses[0];

    /// <param name="transport">What every listener speaks.</param>
    /// <param name="listeners">How many listeners (each its own port, so its own origin).</param>
    /// <param name="configure">Runs on the builder before it builds: services, policies.</param>
    /// <param name="map">Runs on the built app before it starts: extra routes and middleware.</param>
    public static async Task<TransportTestApp> StartAsync(
        HttpTransport transport, int listeners = 1, Action<WebApplicationBuilder>? configure = null, Action<WebApplication>? map = null)
    {
        X509Certificate2? certificate = transport == HttpTransport.Http2Tls ? LoopbackCertificate.Create() : null;
        WebApplication app = TestAppHost.Create(registerChatHub: true, builder =>
        {
            builder.WebHost.ConfigureKestrel(kestrel =>
            {
                for (int i = 0; i < listeners; i++)
                {
                    kestrel.Listen(IPAddress.Loopback, 0, listen => Speak(listen, transport, certificate));
                }
            });
            configure?.Invoke(builder);
        }, "--environment", "Development");
        map?.Invoke(app);
        await app.StartAsync(TestContext.Current.CancellationToken);
        return new TransportTestApp(app, transport, certificate);
    }

    /// <summary>A client that asks for exactly this transport's HTTP version, and fails rather than fall back to another.</summary>
    public HttpClient CreateClient()
    {
        var handler = new SocketsHttpHandler();
        if (_certificate is { } expected)
        {
            handler.SslOptions.RemoteCertificateValidationCallback = (_, presented, _, _) =>
                presented is not null && presented.GetCertHashString() == expected.GetCertHashString();
        }

        return new HttpClient(handler)
        {
            BaseAddress = BaseAddress,
            DefaultRequestVersion = Transport == HttpTransport.Http11 ? HttpVersion.Version11 : HttpVersion.Version20,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Timeout = TimeSpan.FromSeconds(30),
        };
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        _certificate?.Dispose();
    }

    private static void Speak(ListenOptions listen, HttpTransport transport, X509Certificate2? certificate)
    {
        switch (transport)
        {
            case HttpTransport.Http11:
                listen.Protocols = HttpProtocols.Http1;
                break;
            case HttpTransport.Http2Tls:
                listen.Protocols = HttpProtocols.Http2;
                listen.UseHttps(certificate!);
                break;
            case HttpTransport.H2c:
                listen.Protocols = HttpProtocols.Http2;
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(transport), transport, null);
        }
    }
}
