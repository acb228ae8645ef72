using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace SseGen.Generator.Diagnostics.Framing
{
    /// <summary>
    /// The types the framing rules know, resolved once per compilation by metadata name and compared as symbols;
    /// any of them may be absent from a compilation.
    /// </summary>
    internal sealed class FramingTypes
    {
        // Framework values whose text never holds a line break, beside the special types (numbers, bool, DateTime).
        private static readonly string[] SingleLineValueTypeNames =
        {
            "System.Guid", "System.DateTimeOffset", "System.TimeSpan", "System.DateOnly", "System.TimeOnly", "System.Int128", "System.UInt128", "System.Half",
        };

        private readonly HashSet<ITypeSymbol> _singleLineValueTypes;
        private readonly INamedTypeSymbol[] _resultFactories;

        private FramingTypes(Compilation compilation)
        {
            HttpResponse = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Http.HttpResponse");
            HttpListenerResponse = compilation.GetTypeByMetadataName("System.Net.HttpListenerResponse");
            HttpContext = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Http.HttpContext");
            HttpListenerContext = compilation.GetTypeByMetadataName("System.Net.HttpListenerContext");
            _resultFactories = new[] { "Microsoft.AspNetCore.Http.TypedResults", "Microsoft.AspNetCore.Http.Results" }
                .Select(compilation.GetTypeByMetadataName)
                .Where(type => type is not null)
                .Select(type => type!)
                .ToArray();
            StringValues = compilation.GetTypeByMetadataName("Microsoft.Extensions.Primitives.StringValues");
            PipeWriter = compilation.GetTypeByMetadataName("System.IO.Pipelines.PipeWriter");
            StreamWriter = compilation.GetTypeByMetadataName("System.IO.StreamWriter");
            TextWriter = compilation.GetTypeByMetadataName("System.IO.TextWriter");
            CancellationToken = compilation.GetTypeByMetadataName("System.Threading.CancellationToken");
            JsonSerializer = compilation.GetTypeByMetadataName("System.Text.Json.JsonSerializer");
            JsonSerializerOptions = compilation.GetTypeByMetadataName("System.Text.Json.JsonSerializerOptions");
            _singleLineValueTypes = new HashSet<ITypeSymbol>(
                SingleLineValueTypeNames.Select(compilation.GetTypeByMetadataName).Where(type => type is not null)!,
                SymbolEqualityComparer.Default);
        }

        public INamedTypeSymbol? HttpResponse { get; }

        public INamedTypeSymbol? HttpListenerResponse { get; }

        public INamedTypeSymbol? HttpContext { get; }

        public INamedTypeSymbol? HttpListenerContext { get; }

        public INamedTypeSymbol? StringValues { get; }

        public INamedTypeSymbol? PipeWriter { get; }

        public INamedTypeSymbol? StreamWriter { get; }

        public INamedTypeSymbol? TextWriter { get; }

        public INamedTypeSymbol? CancellationToken { get; }

        public INamedTypeSymbol? JsonSerializer { get; }

        public INamedTypeSymbol? JsonSerializerOptions { get; }

        public bool HasResponseTypes => HttpResponse is not null || HttpListenerResponse is not null;

        public static FramingTypes Create(Compilation compilation) => new(compilation);

        public bool IsResponse(ITypeSymbol? type) => IsHttpResponse(type) || IsListenerResponse(type);

        public bool IsHttpResponse(ITypeSymbol? type) => DerivesFrom(type, HttpResponse);

        public bool IsListenerResponse(ITypeSymbol? type) => DerivesFrom(type, HttpListenerResponse);

        public bool IsHttpContext(ITypeSymbol? type) => DerivesFrom(type, HttpContext);

        /// <summary>A TextWriter (a StreamWriter over the body): it keeps its own buffer, which only its own flush empties.</summary>
        public bool IsTextWriter(ITypeSymbol? type) => DerivesFrom(type, TextWriter);

        /// <summary>Whether a value of <paramref name="type"/> leads to a response: a response, or a context holding one.</summary>
        public bool CarriesResponse(ITypeSymbol? type) =>
            IsResponse(type) || IsHttpContext(type) || DerivesFrom(type, HttpListenerContext);

        /// <summary>Whether <paramref name="type"/> (or a base, as ControllerBase) has a <c>Response</c> property that is an HttpResponse.</summary>
        public bool HasResponseProperty(ITypeSymbol? type)
        {
            for (ITypeSymbol? current = type; current is not null; current = current.BaseType)
            {
                if (current.GetMembers("Response").OfType<IPropertySymbol>().Any(property => IsHttpResponse(property.Type)))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary><c>TypedResults.ServerSentEvents</c> or <c>Results.ServerSentEvents</c>: a result that writes text/event-stream.</summary>
        public bool IsServerSentEventsResult(IMethodSymbol method) =>
            method.Name == "ServerSentEvents" && _resultFactories.Contains(method.ContainingType, SymbolEqualityComparer.Default);

        /// <summary>Whether <paramref name="type"/> is exactly <paramref name="known"/> (false when the compilation lacks it).</summary>
        public static bool Is(ITypeSymbol? type, INamedTypeSymbol? known) =>
            known is not null && SymbolEqualityComparer.Default.Equals(type, known);

        /// <summary>Guid, DateTimeOffset, TimeSpan and the like: framework values whose text is one line.</summary>
        public bool IsSingleLineValueType(ITypeSymbol type) => _singleLineValueTypes.Contains(type);

        private static bool DerivesFrom(ITypeSymbol? type, INamedTypeSymbol? baseType)
        {
            if (baseType is null)
            {
                return false;
            }

            for (ITypeSymbol? current = type; current is not null; current = current.BaseType)
            {
                if (SymbolEqualityComparer.Default.Equals(current, baseType))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
