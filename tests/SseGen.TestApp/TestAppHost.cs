using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.RateLimiting;

namespace SseGen.TestApp;

/// <summary>Builds the test app, so integration tests can run it in-process on a real port.</summary>
public static class TestAppHost
{
    /// <summary>The rate limiter policy of the <c>/limited</c> group: one request a minute.</summary>
    public const string OnePerMinute = "one-per-minute";

    public static WebApplication Create(params string[] args) => Create(registerChatHub: true, args);

    /// <summary>
    /// Builds the app: every SSE endpoint at its own route (tagged <c>sse</c>), again under <c>/secure</c> behind authorization
    /// and under <c>/limited</c> behind a rate limiter; the OpenAPI document at <c>/openapi/v1.json</c>.
    /// Without <paramref name="registerChatHub"/>, mapping the chat endpoint fails at startup.
    /// </summary>
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
        builder.Services.AddOpenApi(options => options.AddSseGen());
        builder.Services.AddAuthentication(TestAuthenticationHandler.SchemeName)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, TestAuthenticationHandler>(TestAuthenticationHandler.SchemeName, null);
        builder.Services.AddAuthorization();
        builder.Services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.AddFixedWindowLimiter(OnePerMinute, limiter =>
            {
                limiter.PermitLimit = 1;
                limiter.Window = TimeSpan.FromMinutes(1);
                limiter.QueueLimit = 0;
            });
        });

        WebApplication app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();

        app.MapOpenApi();
        app.MapSseEndpoints().WithTags("sse");
        app.MapGroup("/secure").MapSseEndpoints().RequireAuthorization().WithTags("secure");
        app.MapGroup("/limited").MapSseEndpoints().RequireRateLimiting(OnePerMinute).WithTags("limited");
        return app;
    }
}
