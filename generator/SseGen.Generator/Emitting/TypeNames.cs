namespace SseGen.Generator.Emitting
{
    /// <summary>The <c>global::</c>-qualified names of the types generated code uses, in one place for every emitter.</summary>
    internal static class TypeNames
    {
        public const string JsonTypeInfo = "global::System.Text.Json.Serialization.Metadata.JsonTypeInfo";
        public const string JsonSerializerOptions = "global::System.Text.Json.JsonSerializerOptions";
        public const string FrameWriter = "global::SseGen.SseFrameWriter";
        public const string Binding = "global::SseGen.SseEndpointBinding";
        public const string SseResponse = "global::SseGen.SseResponse";
        public const string SseTopicNameException = "global::SseGen.SseTopicNameException";
        public const string SseStreamOptions = "global::SseGen.SseStreamOptions";
        public const string SseStreamMetadata = "global::SseGen.SseStreamMetadata";
        public const string SseEventMetadata = "global::SseGen.SseEventMetadata";
        public const string SseParameterBindingMetadata = "global::SseGen.SseParameterBindingMetadata";
        public const string ProducesMetadata = "global::Microsoft.AspNetCore.Http.ProducesResponseTypeMetadata";
        public const string ValidationProblemDetails = "global::Microsoft.AspNetCore.Http.HttpValidationProblemDetails";
        public const string HttpContext = "global::Microsoft.AspNetCore.Http.HttpContext";
        public const string RequestDelegate = "global::Microsoft.AspNetCore.Http.RequestDelegate";
        public const string FromRoute = "global::Microsoft.AspNetCore.Mvc.FromRoute";
        public const string FromQuery = "global::Microsoft.AspNetCore.Mvc.FromQuery";
        public const string FromHeader = "global::Microsoft.AspNetCore.Mvc.FromHeader";
        public const string Tags = "global::Microsoft.AspNetCore.Http.TagsAttribute";
        public const string EndpointRouteBuilder = "global::Microsoft.AspNetCore.Routing.IEndpointRouteBuilder";
        public const string RouteGroupBuilder = "global::Microsoft.AspNetCore.Routing.RouteGroupBuilder";
        public const string EndpointConventionBuilder = "global::Microsoft.AspNetCore.Builder.IEndpointConventionBuilder";
        public const string EndpointRouteBuilderExtensions = "global::Microsoft.AspNetCore.Builder.EndpointRouteBuilderExtensions";
        public const string RoutingConventionExtensions = "global::Microsoft.AspNetCore.Builder.RoutingEndpointConventionBuilderExtensions";
        public const string ServiceProvider = "global::System.IServiceProvider";
        public const string ServiceProviderExtensions = "global::Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions";
        public const string ActivatorUtilities = "global::Microsoft.Extensions.DependencyInjection.ActivatorUtilities";
        public const string CancellationToken = "global::System.Threading.CancellationToken";
        public const string Task = "global::System.Threading.Tasks.Task";
        public const string AsyncEnumerable = "global::System.Collections.Generic.IAsyncEnumerable";
        public const string ErrorDictionary = "global::System.Collections.Generic.Dictionary<string, string[]>";
        public const string ObjectList = "global::System.Collections.Generic.List<object>";
        public const string MethodInfo = "global::System.Reflection.MethodInfo";
        public const string ParameterInfo = "global::System.Reflection.ParameterInfo";
        public const string Delegate = "global::System.Delegate";
        public const string Action = "global::System.Action";
        public const string TimeSpan = "global::System.TimeSpan";
        public const string MemoryExtensions = "global::System.MemoryExtensions";
        public const string ValidationAttribute = "global::System.ComponentModel.DataAnnotations.ValidationAttribute";
        public const string ArgumentNullException = "global::System.ArgumentNullException";
        public const string EditorBrowsable = "global::System.ComponentModel.EditorBrowsable";
        public const string EditorBrowsableState = "global::System.ComponentModel.EditorBrowsableState";
    }
}
