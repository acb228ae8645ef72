using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace SseGen.Client;

/// <summary>
/// Reads a Server-Sent Events stream over an <see cref="HttpClient"/> as the WHATWG <c>EventSource</c> does, typed:
/// it reconnects after a drop or a clean end of a resumable stream, sends <c>Last-Event-ID</c>, waits the server's
/// <c>retry:</c>, backs off with jitter when attempts fail, and replaces a connection that went silent.
/// </summary>
/// <remarks>
/// Only whole events are delivered: an event cut by a dropped connection is discarded, never half-delivered.
/// 204 ends the stream; 400 throws <see cref="SseProblemException"/>; other 4xx and a response that is not
/// <c>text/event-stream</c> throw <see cref="SseClientException"/> at once; 429 and 503 wait <c>Retry-After</c>.
/// Headers that browsers' <c>EventSource</c> cannot send (such as <c>Authorization</c>) come from the
/// <see cref="HttpClient"/>'s handlers or from <see cref="SseClientRequest.ConfigureRequest"/>.
/// </remarks>
public sealed class SseClient
{
    private const string LoggerCategory = "SseGen.Client";

    private static readonly MediaTypeWithQualityHeaderValue EventStream = new("text/event-stream");

    private readonly HttpClient _http;
    private readonly SseClientOptions _options;
    private readonly ILogger _logger;
    private readonly SseClientMetrics _metrics;

    /// <summary>Creates a client over <paramref name="http"/>, which it does not dispose.</summary>
    /// <param name="http">The HTTP client, for example from <c>IHttpClientFactory</c>; its base address resolves relative URIs.</param>
    /// <param name="options">How to reconnect; <see langword="null"/> for <see cref="SseClientOptions.Default"/>.</param>
    /// <param name="loggerFactory">Where reconnects are logged (category <c>SseGen.Client</c>); <see langword="null"/> for none.</param>
    /// <param name="meterFactory">Creates the <c>SseGen.Client</c> meter; <see langword="null"/> for a shared one.</param>
    public SseClient(HttpClient http, SseClientOptions? options = null, ILoggerFactory? loggerFactory = null, IMeterFactory? meterFactory = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        _http = http;
        _options = options ?? SseClientOptions.Default;
        _logger = loggerFactory?.CreateLogger(LoggerCategory) ?? NullLogger.Instance;
        _metrics = SseClientMetrics.For(meterFactory);
    }

    /// <summary>Reads the stream's events as text, with their event types and ids.</summary>
    /// <param name="request">What to request.</param>
    /// <param name="cancellationToken">Ends the enumeration and closes the connection at once.</param>
    /// <returns>Every event exactly once when the server resumes from <c>Last-Event-ID</c>.</returns>
    public IAsyncEnumerable<SseItem<string>> StreamAsync(SseClientRequest request, CancellationToken cancellationToken = default) =>
        StreamAsync(request, static (string _, ReadOnlySpan<byte> data, out string value) =>
        {
            value = Encoding.UTF8.GetString(data);
            return true;
        }, cancellationToken);

    /// <summary>Reads the stream's events as values of <typeparamref name="T"/>, with their event types and ids.</summary>
    /// <typeparam name="T">What each known event becomes.</typeparam>
    /// <param name="request">What to request.</param>
    /// <param name="read">Turns a known event into a value; events it does not know are skipped and counted.</param>
    /// <param name="cancellationToken">Ends the enumeration and closes the connection at once.</param>
    /// <returns>Every event exactly once when the server resumes from <c>Last-Event-ID</c>.</returns>
    /// <exception cref="SseProblemException">The server answered 400 with problem details.</exception>
    /// <exception cref="SseClientException">The server answered in a way a reconnect cannot fix, or the attempts ran out.</exception>
    public IAsyncEnumerable<SseItem<T>> StreamAsync<T>(SseClientRequest request, SseEventReader<T> read, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(read);
        byte[]? endSentinel = EndSentinel(request);
        return StreamCoreAsync(request, body => new SseItemReader<T>(body, read, endSentinel), cancellationToken);
    }

    /// <summary>
    /// Reads the stream's events as values of <typeparamref name="T"/> alone, as generated clients of contract methods
    /// returning <c>IAsyncEnumerable&lt;T&gt;</c> do: as <see cref="StreamAsync{T}"/>, without decoding event ids for the
    /// caller, so an event costs no more than what <paramref name="read"/> makes of it.
    /// </summary>
    /// <typeparam name="T">What each known event becomes.</typeparam>
    /// <param name="request">What to request.</param>
    /// <param name="read">Turns a known event into a value; events it does not know are skipped and counted.</param>
    /// <param name="cancellationToken">Ends the enumeration and closes the connection at once.</param>
    /// <returns>Every event's value exactly once when the server resumes from <c>Last-Event-ID</c>.</returns>
    /// <exception cref="SseProblemException">The server answered 400 with problem details.</exception>
    /// <exception cref="SseClientException">The server answered in a way a reconnect cannot fix, or the attempts ran out.</exception>
    public IAsyncEnumerable<T> StreamDataAsync<T>(SseClientRequest request, SseEventReader<T> read, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(read);
        byte[]? endSentinel = EndSentinel(request);
        return StreamCoreAsync(request, body => new SseDataReader<T>(body, read, endSentinel), cancellationToken);
    }

    /// <summary>
    /// Reads the stream's events as the server encoded them, for a relay that passes them on byte for byte (on the server,
    /// <c>SseFrame.FromUtf8</c>): fields, line ends and, with <paramref name="keepComments"/>, comments such as heartbeats,
    /// exactly as they arrived, nothing decoded. It reconnects and resumes as <see cref="StreamAsync{T}"/> does.
    /// </summary>
    /// <param name="request">What to request; with an <see cref="SseClientRequest.EndSentinel"/>, its event is the last one returned.</param>
    /// <param name="keepComments">Whether comment lines (and events of nothing but comments) are passed on too.</param>
    /// <param name="cancellationToken">Ends the enumeration and closes the connection at once.</param>
    /// <returns>
    /// Each whole event once, its bytes valid until the enumeration moves on (copy them to keep them); an event cut off by
    /// a dropped connection is never returned. Nothing is allocated per event.
    /// </returns>
    /// <exception cref="SseProblemException">The server answered 400 with problem details.</exception>
    /// <exception cref="SseClientException">The server answered in a way a reconnect cannot fix, or the attempts ran out.</exception>
    public IAsyncEnumerable<SseRawEvent> StreamRawAsync(SseClientRequest request, bool keepComments = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        byte[]? endSentinel = EndSentinel(request);
        return StreamCoreAsync(request, body => new SseRawEventReader(body, keepComments, endSentinel), cancellationToken);
    }

    private static byte[]? EndSentinel(SseClientRequest request) =>
        request.EndSentinel is { } sentinel ? Encoding.UTF8.GetBytes(sentinel) : null;

    /// <summary>
    /// The one connection loop of every way of reading: connect, read the body with a reader of <paramref name="open"/>,
    /// hand on its events, then reconnect (or end) as <c>EventSource</c> would. Ids and retry are taken from the reader once
    /// per connection, so reading costs nothing per event beyond what the reader makes.
    /// </summary>
    private async IAsyncEnumerable<TEvent> StreamCoreAsync<TEvent>(
        SseClientRequest request,
        Func<Stream, SseStreamReader<TEvent>> open,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var connection = new SseConnectionState(request.LastEventId, _options);
        while (true)
        {
            using HttpResponseMessage? response = await ConnectAsync(request, connection, cancellationToken).ConfigureAwait(false);
            if (response is null)
            {
                continue; // a retryable answer: the wait is done, try again
            }

            if (response.StatusCode == HttpStatusCode.NoContent)
            {
                ClientLog.Ended(_logger, request.Uri, "the server answered 204 No Content");
                yield break;
            }

            using var idle = new IdleWatch(_options.IdleTimeout, cancellationToken);
            Stream body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            using SseStreamReader<TEvent> reader = open(idle.Track(body));
            int delivered = 0;
            string? ending = null;
            bool ended = false;
            while (true)
            {
                SseRead read;
                try
                {
                    read = await reader.ReadAsync(idle.Token).ConfigureAwait(false);
                }
                catch (Exception exception) when (!cancellationToken.IsCancellationRequested && IsBrokenStream(exception))
                {
                    ending = idle.Expired ? "went silent (idle timeout)" : "was cut (" + exception.GetType().Name + ")";
                    break;
                }

                if (read == SseRead.EndOfBody)
                {
                    break;
                }

                if (read == SseRead.End)
                {
                    ended = true;
                    break;
                }

                if (read == SseRead.Skipped)
                {
                    _metrics.UnknownEvents.Add(1);
                    ClientLog.UnknownEventSkipped(_logger, request.Uri, reader.SkippedEventType);
                    continue;
                }

                // A reader hands out events it has already buffered without looking at the token: a caller that
                // cancelled must get no event after that, so look before each one.
                cancellationToken.ThrowIfCancellationRequested();
                delivered++;
                _metrics.Events.Add(1);
                yield return reader.Current;
                if (read == SseRead.FinalEvent)
                {
                    ended = true;
                    break;
                }
            }

            // retry: applies when read; an id only once its event is dispatched (the spec's last event ID buffer), so the
            // id of an event cut off at the end is never sent back as Last-Event-ID.
            if (reader.Retry is { } retry)
            {
                connection.ObserveRetry(retry);
            }

            if (reader.HasDispatchedId)
            {
                connection.ObserveId(reader.DispatchedId);
            }

            if (ended)
            {
                ClientLog.Ended(_logger, request.Uri, "the server sent its end sentinel");
                yield break;
            }

            if (ending is null)
            {
                if (!connection.Resumable && !_options.ReconnectAfterCleanEndWithoutIds)
                {
                    ClientLog.Ended(_logger, request.Uri, "the server ended a stream without ids");
                    yield break;
                }

                ending = "ended";
            }

            await WaitBeforeReconnectAsync(request, connection, delivered > 0, ending, retryAfter: null, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Sends the request; returns the response to read, or null after waiting out a retryable answer.</summary>
    private async Task<HttpResponseMessage?> ConnectAsync(SseClientRequest request, SseConnectionState connection, CancellationToken cancellationToken)
    {
        HttpResponseMessage? response = null;
        try
        {
            using var message = new HttpRequestMessage(HttpMethod.Get, request.Uri);
            message.Headers.Accept.Add(EventStream);
            message.Headers.CacheControl = new CacheControlHeaderValue { NoCache = true };
            if (connection.LastEventId is { Length: > 0 } lastEventId)
            {
                message.Headers.TryAddWithoutValidation("Last-Event-ID", lastEventId);
            }

            request.ConfigureRequest?.Invoke(message);
            response = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException exception) when (!cancellationToken.IsCancellationRequested)
        {
            await WaitBeforeReconnectAsync(request, connection, false, "could not connect (" + exception.Message + ")", null, cancellationToken, exception).ConfigureAwait(false);
            return null;
        }

        HttpStatusCode status = response.StatusCode;
        if (status is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable || (int)status >= 500)
        {
            TimeSpan? retryAfter = RetryAfter(response);
            response.Dispose();
            await WaitBeforeReconnectAsync(request, connection, false, $"was answered {(int)status}", retryAfter, cancellationToken).ConfigureAwait(false);
            return null;
        }

        try
        {
            await ThrowIfNotAStreamAsync(request, response, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            response.Dispose();
            throw;
        }

        ClientLog.Connected(_logger, request.Uri, connection.LastEventId);
        return response;
    }

    private static async Task ThrowIfNotAStreamAsync(SseClientRequest request, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        HttpStatusCode status = response.StatusCode;
        if (status == HttpStatusCode.NoContent)
        {
            return;
        }

        if (status == HttpStatusCode.BadRequest && IsProblemJson(response))
        {
            string json = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            throw new SseProblemException(ReadProblem(json));
        }

        if (!response.IsSuccessStatusCode)
        {
            throw new SseClientException($"The server answered {(int)status} {response.ReasonPhrase} to '{request.Uri}'; retrying cannot change that.", status);
        }

        string? mediaType = response.Content.Headers.ContentType?.MediaType;
        if (!string.Equals(mediaType, "text/event-stream", StringComparison.OrdinalIgnoreCase))
        {
            // A proxy's HTML error page or a misrouted request: reading it as events would deliver nothing or garbage.
            throw new SseClientException($"'{request.Uri}' answered {(int)status} with '{mediaType ?? "no content type"}', not text/event-stream.", status);
        }
    }

    private async Task WaitBeforeReconnectAsync(
        SseClientRequest request, SseConnectionState connection, bool delivered, string reason, TimeSpan? retryAfter,
        CancellationToken cancellationToken, Exception? failure = null)
    {
        TimeSpan delay = connection.NextDelay(delivered, retryAfter);
        if (_options.MaxFailedAttempts is { } max && connection.FailedAttempts >= max)
        {
            ClientLog.GaveUp(_logger, failure, request.Uri, connection.FailedAttempts);
            throw new SseClientException($"'{request.Uri}' {reason}, {connection.FailedAttempts} attempts in a row; gave up (SseClientOptions.MaxFailedAttempts).", innerException: failure);
        }

        _metrics.Reconnects.Add(1);
        ClientLog.Reconnecting(_logger, request.Uri, reason, delay.TotalMilliseconds, connection.LastEventId, connection.FailedAttempts + 1);
        await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
    }

    private static bool IsBrokenStream(Exception exception) =>
        exception is IOException or HttpRequestException or ObjectDisposedException or OperationCanceledException;

    private static bool IsProblemJson(HttpResponseMessage response) =>
        response.Content.Headers.ContentType?.MediaType is "application/problem+json" or "application/json";

    private static TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        RetryConditionHeaderValue? header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta;
        }

        return header?.Date is { } date ? date - DateTimeOffset.UtcNow : null;
    }

    private static SseProblemDetails ReadProblem(string json)
    {
        try
        {
            using JsonDocument document = JsonDocument.Parse(json);
            JsonElement root = document.RootElement;
            var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
            if (root.TryGetProperty("errors", out JsonElement byName) && byName.ValueKind == JsonValueKind.Object)
            {
                foreach (JsonProperty entry in byName.EnumerateObject())
                {
                    errors[entry.Name] = entry.Value.ValueKind == JsonValueKind.Array
                        ? [.. entry.Value.EnumerateArray().Select(static e => e.ToString())]
                        : [entry.Value.ToString()];
                }
            }

            return new SseProblemDetails(StringOrNull(root, "title"), StringOrNull(root, "detail"), errors);
        }
        catch (JsonException)
        {
            return new SseProblemDetails("Bad Request", json.Length > 200 ? json[..200] : json, new Dictionary<string, string[]>());
        }
    }

    private static string? StringOrNull(JsonElement root, string name) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

}
