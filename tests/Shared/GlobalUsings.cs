namespace SseGen.TestSupport;

/// <summary>Usings preludes that test compilations add as a file of their own, as the SDK does for a project.</summary>
internal static class GlobalUsings
{
    /// <summary>The usings a web project gets implicitly, plus the ones every endpoint file has.</summary>
    public const string Endpoints = """
        global using System;
        global using System.Collections.Generic;
        global using System.Net.ServerSentEvents;
        global using System.Runtime.CompilerServices;
        global using System.Threading;
        global using System.Threading.Tasks;
        global using Microsoft.AspNetCore.Builder;
        global using Microsoft.AspNetCore.Http;
        global using Microsoft.AspNetCore.Mvc;
        global using SseGen;
        """;

    /// <summary>The implicit usings SseGen's own runtime and sample projects compile with.</summary>
    public const string OwnCode = """
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using System.Net.Http;
        global using System.Threading;
        global using System.Threading.Tasks;
        global using Microsoft.AspNetCore.Builder;
        global using Microsoft.AspNetCore.Http;
        global using Microsoft.AspNetCore.Routing;
        global using Microsoft.Extensions.DependencyInjection;
        global using Microsoft.Extensions.Hosting;
        global using Microsoft.Extensions.Logging;
        """;
}
