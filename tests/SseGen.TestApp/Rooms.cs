using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace SseGen.TestApp;

/// <summary>An endpoint that says no before its stream starts: 404 for an unknown room, 403 problem details for another tenant.</summary>
public static class Rooms
{
    public const string Tenant = "acme";

    [SseEndpoint("/rooms/{room}", EventType = "tick")]
    public static async Task<Results<SseStream<Tick>, NotFound, ProblemHttpResult>> Join(
        string room,
        [FromHeader(Name = "X-Tenant")] string? tenant,
        CancellationToken ct)
    {
        await Task.Yield();
        if (room != "lobby")
        {
            return TypedResults.NotFound();
        }

        if (tenant is not null && tenant != Tenant)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "The room belongs to another tenant.");
        }

        return SseResults.Stream(Ticks(room, ct));
    }

    private static async IAsyncEnumerable<Tick> Ticks(string room, [EnumeratorCancellation] CancellationToken ct)
    {
        for (int i = 0; i < 2; i++)
        {
            await Task.Yield();
            ct.ThrowIfCancellationRequested();
            yield return new Tick(i, room);
        }
    }
}
