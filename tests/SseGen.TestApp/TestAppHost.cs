using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.RateLimiting;

namespace SseGen.TestApp;

/// <summary>Builds the test app, so integration tests can run it in-process on a real port.</summary>
public static class TestAppHost
{
    /// <summary>The rate limiter policy of the <c>/limited</c> group: one request a minute.</summary>
    public const string OnePerMinute = "one-per-minute";

    /// <summary>The rate limiter policy <c>[EnableRateLimiting]</c> names on one endpoint: one request a minute, its own window.</summary>
    public const string OncePolicy = "once";

    /// <summary>The authorization policy only the user <c>root</c> meets.</summary>
    public const string AdminsPolicy = "admins";

    /// <summary>The CORS policy that lets pages of <see cref="PartnerOrigin"/> read a stream.</summary>
    public const string PartnersPolicy = "partners";

    /// <summary>The one origin <see cref="PartnersPolicy"/> allows.</summary>
    public const string PartnerOrigin = "https://partner.example";

    public static WebApplication Create(params string[] args) => Create(registerChatHub: true, args);

    /// <summary>
    /// Maps every SSE endpoint again under <paramref name="prefix"/>, for a test that puts its own conventions (a CORS
    /// policy) on the group: the generated <c>MapSseEndpoints</c> is internal to this assembly.
    /// </summary>
    public static RouteGroupBuilder MapSseEndpointsUnder(IEndpointRouteBuilder endpoints, string prefix) => endpoints.MapGroup(prefix).MapSseEndpoints();

    /// <summary>
    /// Builds the app: every SSE endpoint at its own route (tagged <c>sse</c>, <c>/policies/configured</c> alone behind the
    /// admins policy), again under <c>/secure</c> behind authorization, under <c>/limited</c> behind a rate limiter and under
    /// <c>/plain</c> with no conventions; the OpenAPI document at <c>/openapi/v1.json</c>; the TypeScript client at <c>/sse-client.js</c>.
    /// Without <paramref name="registerChatHub"/>, mapping the chat endpoint fails at startup.
    /// </summary>
    public static WebApplication Create(bool registerChatHub, params string[] args) => Create(registerChatHub, configure: null, args);

    /// <summary>
    /// Builds the app as <see cref="Create(bool, string[])"/> does; <paramref name="configure"/> runs on the builder last,
    /// before it builds, so a test can choose its own listeners (HTTP/2, TLS) or add policies.
    /// </summary>
    public static WebApplication Create(bool registerChatHub, Action<WebApplicationBuilder>? configure, params string[] args)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(args);
        builder.Services.ConfigureHttpJsonOptions(options => options.SerializerOptions.TypeInfoResolverChain.Insert(0, TestAppJsonContext.Default));
        builder.Services.ConfigureHttpJsonOptions(options => options.SerializerOptions.TypeInfoResolverChain.Add(SseGen.TestLibrary.Live.LiveJsonContext.Default));
        builder.Services.ConfigureHttpJsonOptions(options => options.SerializerOptions.TypeInfoResolverChain.Add(SentinelJsonContext.Default));
        builder.Services.ConfigureHttpJsonOptions(options => options.SerializerOptions.TypeInfoResolverChain.Add(SseGen.TestContracts.MarketJsonContext.Default));
        builder.Services.AddSingleton<SseGen.TestLibrary.Live.ILiveFeeds, LiveFeeds>();
        builder.Services.AddSingleton<SentinelFeeds>();
        builder.Services.AddSingleton<ISentinelFeeds>(services => services.GetRequiredService<SentinelFeeds>());
        builder.Services.AddSingleton<MarketFeeds>();
        builder.Services.AddSingleton<SseGen.TestContracts.IMarketFeeds>(services => services.GetRequiredService<MarketFeeds>());
        if (registerChatHub)
        {
            builder.Services.AddSingleton<IChatHub, ScriptedChatHub>();
        }

        builder.Services.AddSingleton<IGreeter, Greeter>();
        builder.Services.AddSingleton<StreamProbe>();
        builder.Services.AddSseTopics<ChatEvent>();
        builder.Services.AddSseTopics<SseGen.TestContracts.Quote>(options => options.RetryMilliseconds = null);
        builder.Services.AddOptions<SseTopicOptions<ChatEvent>>()
            .Configure<Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>((options, json) => Topics.Configure(options, json.Value.SerializerOptions));
        builder.Services.AddOpenApi(options => options.AddSseGen());
        builder.Services.AddAuthentication(TestAuthenticationHandler.SchemeName)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, TestAuthenticationHandler>(TestAuthenticationHandler.SchemeName, null);
        builder.Services.AddAuthorization(options => options.AddPolicy(AdminsPolicy, policy => policy.RequireClaim(System.Security.Claims.ClaimTypes.Name, "root")));
        builder.Services.AddCors(options => options.AddPolicy(PartnersPolicy, policy => policy.WithOrigins(PartnerOrigin)));
        builder.Services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.AddFixedWindowLimiter(OnePerMinute, limiter =>
            {
                limiter.PermitLimit = 1;
                limiter.Window = TimeSpan.FromMinutes(1);
                limiter.QueueLimit = 0;
            });
            options.AddFixedWindowLimiter(OncePolicy, limiter =>
            {
                limiter.PermitLimit = 1;
                limiter.Window = TimeSpan.FromMinutes(1);
                limiter.QueueLimit = 0;
            });
        });

        configure?.Invoke(builder);
        WebApplication app = builder.Build();
        app.UseCors();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();

        app.MapOpenApi();
        app.MapSseClientScript();
        app.MapSseEndpoints(sse => sse.Policies.Configured.RequireAuthorization(AdminsPolicy)).WithTags("sse");
        app.MapGroup("/plain").MapSseEndpoints();
        app.MapGroup("/secure").MapSseEndpoints().RequireAuthorization().WithTags("secure");
        app.MapGroup("/limited").MapSseEndpoints().RequireRateLimiting(OnePerMinute).WithTags("limited");
        return app;
    }
}
