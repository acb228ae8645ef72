namespace SseGen.Generator
{
    /// <summary>Metadata names of the types the generator recognises; it never references the runtime assembly.</summary>
    internal static class KnownNames
    {
        public const string SseEndpointAttribute = "SseGen.SseEndpointAttribute";
        public const string SseResponse = "SseGen.SseResponse";
        public const string SseEndpointAssemblyAttribute = "SseGen.SseEndpointAssemblyAttribute";
        public const string SseContractAssemblyAttribute = "SseGen.SseContractAssemblyAttribute";
        public const string SseEventAttribute = "SseGen.SseEventAttribute";
        public const string LastEventIdAttribute = "SseGen.LastEventIdAttribute";
        public const string SseItem = "System.Net.ServerSentEvents.SseItem`1";
        public const string SseStream = "SseGen.SseStream`1";
        public const string SseSubscription = "SseGen.SseSubscription`1";
        public const string SseFrame = "SseGen.SseFrame";

        /// <summary>The metadata names of <c>Results&lt;T1, …, Tn&gt;</c> start with this; n is 2 to 6.</summary>
        public const string ResultsUnionPrefix = "Microsoft.AspNetCore.Http.HttpResults.Results`";
        public const string IAsyncEnumerable = "System.Collections.Generic.IAsyncEnumerable`1";
        public const string Task = "System.Threading.Tasks.Task`1";
        public const string ValueTask = "System.Threading.Tasks.ValueTask`1";
        public const string CancellationToken = "System.Threading.CancellationToken";
        public const string HttpContext = "Microsoft.AspNetCore.Http.HttpContext";
        public const string IEndpointMetadataProvider = "Microsoft.AspNetCore.Http.Metadata.IEndpointMetadataProvider";
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
        public const string SseClientAttribute = "SseGen.Client.SseClientAttribute";
        public const string JsonSerializerContext = "System.Text.Json.Serialization.JsonSerializerContext";
        public const string JsonSerializableAttribute = "System.Text.Json.Serialization.JsonSerializableAttribute";
        public const string AsParametersAttribute = "Microsoft.AspNetCore.Http.AsParametersAttribute";

        /// <summary>The namespace of the public mapper the generator writes into every assembly with endpoints.</summary>
        public const string MapperNamespace = "SseGen.Generated";

        /// <summary>The mapper's one method, <c>MapEndpoints(IEndpointRouteBuilder)</c>: what a referencing assembly's map extension calls.</summary>
        public const string MapEndpointsMethod = "MapEndpoints";
    }
}
