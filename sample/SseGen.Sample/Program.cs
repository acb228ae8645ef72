using System.Runtime.CompilerServices;
using SseGen;

WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(args);
WebApplication app = builder.Build();

app.UseDefaultFiles();
app.UseStaticFiles();

// One stream for now: a clock that ticks every second, written by SseGen's Kestrel sink.
app.MapGet("/clock", (HttpContext context) =>
    SseResponse.StreamAsync(context, Clock(context.RequestAborted), static (writer, now) => writer.WriteEvent(now, eventType: "tick"), cancellationToken: context.RequestAborted));

app.Lifetime.ApplicationStarted.Register(() =>
{
    foreach (string url in app.Urls)
    {
        Console.WriteLine($"SseGen sample: open {url}/ in a browser (Ctrl+C stops it).");
    }
});

app.Run();

static async IAsyncEnumerable<string> Clock([EnumeratorCancellation] CancellationToken cancellationToken)
{
    using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
    do
    {
        yield return DateTimeOffset.UtcNow.ToString("HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
    }
    while (await timer.WaitForNextTickAsync(cancellationToken));
}
