using System.Runtime.CompilerServices;

// The contract attributes moved to SseGen.Abstractions, which clients reference without ASP.NET Core; code compiled
// against an earlier SseGen.dll finds them here still.
[assembly: TypeForwardedTo(typeof(SseGen.SseEndpointAttribute))]
[assembly: TypeForwardedTo(typeof(SseGen.SseEventAttribute))]
[assembly: TypeForwardedTo(typeof(SseGen.LastEventIdAttribute))]
