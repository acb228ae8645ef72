using SseGen.Sample;

WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(args);

// JSON contracts from the source-generated context: the endpoints take their JsonTypeInfo<T> from here.
builder.Services.ConfigureHttpJsonOptions(options => options.SerializerOptions.TypeInfoResolverChain.Insert(0, SampleJsonContext.Default));
builder.Services.AddSingleton<ConnectionDropper>();
builder.Services.AddHttpClient(nameof(Gateway)); // the gateway's upstream calls

WebApplication app = builder.Build();

app.UseDefaultFiles();
app.UseStaticFiles();

// Every [SseEndpoint] method of the app, written by the generator at compile time.
app.MapSseEndpoints().WithTags("streams");

// Their typed client, generated from the same methods, for the page to import: /sse-client.js and /sse-client.d.ts.
app.MapSseClientScript();
app.MapPost("/streams/counter/drop", (ConnectionDropper dropper) =>
{
    dropper.DropAll();
    return TypedResults.NoContent();
});

app.Lifetime.ApplicationStarted.Register(() =>
{
    foreach (string url in app.Urls)
    {
        Console.WriteLine($"SseGen sample: open {url}/ in a browser (Ctrl+C stops it).");
    }
});

app.Run();
