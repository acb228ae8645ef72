using System.ComponentModel.DataAnnotations;

namespace SseGen.TestApp;

/// <summary>An endpoint whose request values carry DataAnnotations: every failure is a 400 before the stream.</summary>
public static class Validated
{
    [SseEndpoint("/validated/{room}")]
    public static async IAsyncEnumerable<string> Stream(
        [StringLength(8, MinimumLength = 2)] string room,
        [Range(1, 10)] int n,
        [RegularExpression("^[a-z]+$", ErrorMessage = "The tag must be lower-case letters.")] string? tag,
        [Required] string? who)
    {
        for (int i = 0; i < n; i++)
        {
            await Task.Yield();
            yield return room + "/" + (tag ?? "-") + "/" + who + "/" + i;
        }
    }
}
