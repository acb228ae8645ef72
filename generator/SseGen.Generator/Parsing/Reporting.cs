using System;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SseGen.Generator.Parsing
{
    /// <summary>How the parsers report misuse: to the analyzer's callback, or nowhere when the generator parses.</summary>
    internal static class Reporting
    {
        public static void Report(Action<Diagnostic>? report, DiagnosticDescriptor descriptor, Location? location, params object?[] args)
        {
            report?.Invoke(Diagnostic.Create(descriptor, location, args));
        }

        /// <summary>Where an attribute's argument was written: by position, or by name for a named argument; the attribute itself otherwise.</summary>
        public static Location? ArgumentLocation(AttributeData attribute, int position, string? name, CancellationToken cancellationToken)
        {
            if (attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) is not AttributeSyntax syntax)
            {
                return null;
            }

            if (syntax.ArgumentList is { } list)
            {
                foreach (AttributeArgumentSyntax argument in list.Arguments)
                {
                    if (name is not null ? argument.NameEquals?.Name.Identifier.ValueText == name : argument.NameEquals is null && list.Arguments.IndexOf(argument) == position)
                    {
                        return argument.GetLocation();
                    }
                }
            }

            return syntax.GetLocation();
        }
    }
}
