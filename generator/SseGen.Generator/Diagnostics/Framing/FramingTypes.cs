using Microsoft.CodeAnalysis;

namespace SseGen.Generator.Diagnostics.Framing
{
    /// <summary>The response types the framing rules know, resolved once per compilation; either may be absent.</summary>
    internal sealed class FramingTypes
    {
        private FramingTypes(INamedTypeSymbol? httpResponse, INamedTypeSymbol? httpListenerResponse)
        {
            HttpResponse = httpResponse;
            HttpListenerResponse = httpListenerResponse;
        }

        public INamedTypeSymbol? HttpResponse { get; }

        public INamedTypeSymbol? HttpListenerResponse { get; }

        public bool HasResponseTypes => HttpResponse is not null || HttpListenerResponse is not null;

        public static FramingTypes Create(Compilation compilation) => new(
            compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Http.HttpResponse"),
            compilation.GetTypeByMetadataName("System.Net.HttpListenerResponse"));

        public bool IsResponse(ITypeSymbol? type) => IsHttpResponse(type) || IsListenerResponse(type);

        public bool IsHttpResponse(ITypeSymbol? type) => DerivesFrom(type, HttpResponse);

        public bool IsListenerResponse(ITypeSymbol? type) => DerivesFrom(type, HttpListenerResponse);

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
