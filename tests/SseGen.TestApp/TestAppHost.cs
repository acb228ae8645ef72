namespace SseGen.TestApp;

/// <summary>Builds the test app, so integration tests can run it in-process on a real port.</summary>
public static class TestAppHost
{
    public static WebApplication Create(params string[] args) => Create(registerChatHub: true, args);

    /// <summary>Builds the app; without <paramref name="registerChatHub"/>, mapping the chat endpoint fails at startup.</summary>
    public static WebApplication Create(bool registerChatHub, params string[] args)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(args);
        builder.Services.ConfigureHttpJsonOptions(options => options.SerializerOptions.TypeInfoResolverChain.Insert(0, TestAppJsonContext.Default));
        if (registerChatHub)
        {
            builder.Services.AddSingleton<IChatHub, ScriptedChatHub>();
        }

        builder.Services.AddSingleton<IGreeter, Greeter>();
        builder.Services.AddSingleton<StreamProbe>();

        WebApplication app = builder.Build();
        app.MapSseEndpoints().WithTags("sse");
        return app;
    }
}
