namespace SseGen.Generator
{
    /// <summary>Metadata names of the types the generator recognises; it never references the runtime assembly.</summary>
    internal static class KnownNames
    {
        public const string SseEndpointAttribute = "SseGen.SseEndpointAttribute";
        public const string SseEventAttribute = "SseGen.SseEventAttribute";
        public const string LastEventIdAttribute = "SseGen.LastEventIdAttribute";
        public const string SseItem = "System.Net.ServerSentEvents.SseItem`1";
        public const string IAsyncEnumerable = "System.Collections.Generic.IAsyncEnumerable`1";
        public const string Task = "System.Threading.Tasks.Task`1";
        public const string ValueTask = "System.Threading.Tasks.ValueTask`1";
        public const string CancellationToken = "System.Threading.CancellationToken";
        public const string HttpContext = "Microsoft.AspNetCore.Http.HttpContext";
        public const string IEndpointRouteBuilder = "Microsoft.AspNetCore.Routing.IEndpointRouteBuilder";
        public const string IParsable = "System.IParsable`1";
        public const string FromRouteAttribute = "Microsoft.AspNetCore.Mvc.FromRouteAttribute";
        public const string FromQueryAttribute = "Microsoft.AspNetCore.Mvc.FromQueryAttribute";
        public const string FromHeaderAttribute = "Microsoft.AspNetCore.Mvc.FromHeaderAttribute";
        public const string FromServicesAttribute = "Microsoft.AspNetCore.Mvc.FromServicesAttribute";
        public const string FromBodyAttribute = "Microsoft.AspNetCore.Mvc.FromBodyAttribute";
        public const string FromFormAttribute = "Microsoft.AspNetCore.Mvc.FromFormAttribute";
        public const string ValidationAttribute = "System.ComponentModel.DataAnnotations.ValidationAttribute";
        public const string RequiredAttribute = "System.ComponentModel.DataAnnotations.RequiredAttribute";
        public const string AsParametersAttribute = "Microsoft.AspNetCore.Http.AsParametersAttribute";
    }
}
