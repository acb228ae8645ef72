namespace SseGen.IntegrationTests.Http2;

/// <summary>How a <see cref="TransportTestApp"/> listens.</summary>
public enum HttpTransport
{
    /// <summary>Plain HTTP/1.1: chunked bodies, one stream per connection.</summary>
    Http11,

    /// <summary>HTTP/2 only, over TLS with a certificate made for the test (ALPN <c>h2</c>).</summary>
    Http2Tls,

    /// <summary>HTTP/2 only, without TLS: clients must speak it with prior knowledge.</summary>
    H2c,
}
