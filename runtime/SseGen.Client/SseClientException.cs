using System.Net;

namespace SseGen.Client;

/// <summary>The server answered in a way a reconnect cannot fix, or the client gave up reconnecting.</summary>
public class SseClientException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong and what to do.</param>
    /// <param name="statusCode">The response's status, if there was one.</param>
    /// <param name="innerException">The failure behind this one, if any.</param>
    public SseClientException(string message, HttpStatusCode? statusCode = null, Exception? innerException = null)
        : base(message, innerException)
    {
        StatusCode = statusCode;
    }

    /// <summary>The status of the response that ended the stream; <see langword="null"/> when none came.</summary>
    public HttpStatusCode? StatusCode { get; }
}

/// <summary>The server rejected the request with 400 and problem details (RFC 9457), before any event.</summary>
public sealed class SseProblemException : SseClientException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="problem">The problem details the server sent.</param>
    public SseProblemException(SseProblemDetails problem)
        : base($"The server rejected the request: {problem.Title ?? "Bad Request"}{(problem.Detail is null ? "" : ": " + problem.Detail)}", HttpStatusCode.BadRequest)
    {
        Problem = problem;
    }

    /// <summary>The problem details, with the validation errors per argument.</summary>
    public SseProblemDetails Problem { get; }
}

/// <summary>The parts of an RFC 9457 problem details document a client acts on.</summary>
/// <param name="Title">A short summary of the problem.</param>
/// <param name="Detail">The explanation of this occurrence.</param>
/// <param name="Errors">Per argument, what was wrong with it (ASP.NET Core's validation problem details).</param>
public sealed record SseProblemDetails(string? Title, string? Detail, IReadOnlyDictionary<string, string[]> Errors);
