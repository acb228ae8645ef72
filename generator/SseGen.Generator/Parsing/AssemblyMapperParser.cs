using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using SseGen.Generator.Model;

namespace SseGen.Generator.Parsing
{
    /// <summary>
    /// Names this assembly's public endpoint mapper, and finds the mappers of the referenced assemblies through their
    /// <c>[assembly: SseEndpointAssembly(typeof(...))]</c>, so one <c>MapSseEndpoints</c> maps the endpoints of every library.
    /// </summary>
    internal static class AssemblyMapperParser
    {
        private const string Suffix = "_SseEndpoints";

        /// <summary>
        /// The mapper's class name, one per assembly name: <c>MyCompany.Feeds</c> gives <c>MyCompany_Feeds_SseEndpoints</c>.
        /// A name of letters, digits and dots maps one to one; any other name is sanitized, and a hash of it keeps it apart
        /// from the names it now shares (<c>My-Lib</c> and <c>My_Lib</c>), so a host referencing both can name each.
        /// </summary>
        public static string MapperName(string? assemblyName)
        {
            string name = string.IsNullOrEmpty(assemblyName) ? "Assembly" : assemblyName!;
            if (IsPlain(name))
            {
                return name.Replace('.', '_') + Suffix;
            }

            var builder = new StringBuilder("_", name.Length + 1 + 9 + Suffix.Length);
            foreach (char c in name)
            {
                builder.Append(char.IsLetterOrDigit(c) ? c : '_');
            }

            return builder.Append('_').Append(Fnv1a(name).ToString("X8", System.Globalization.CultureInfo.InvariantCulture)).Append(Suffix).ToString();
        }

        /// <summary>
        /// The <c>global::</c>-qualified mappers of the referenced assemblies, in ordinal order. Each maps only its own
        /// assembly's endpoints, so a library referenced both directly and through another library is mapped once.
        /// </summary>
        public static EquatableArray<string> ReferencedMappers(Compilation compilation, CancellationToken cancellationToken)
        {
            INamedTypeSymbol? attributeType = compilation.GetTypeByMetadataName(KnownNames.SseEndpointAssemblyAttribute);
            if (attributeType is null)
            {
                return EquatableArray<string>.Empty;
            }

            string runtime = attributeType.ContainingAssembly.Identity.Name;
            var mappers = new SortedSet<string>(StringComparer.Ordinal);
            foreach (IAssemblySymbol assembly in compilation.SourceModule.ReferencedAssemblySymbols)
            {
                cancellationToken.ThrowIfCancellationRequested();

                // Only an assembly compiled against SseGen can carry the attribute: skipping the framework keeps this step cheap on every edit.
                if (!assembly.Modules.Any(m => m.ReferencedAssemblies.Any(r => r.Name == runtime)))
                {
                    continue;
                }

                foreach (AttributeData attribute in assembly.GetAttributes())
                {
                    if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, attributeType)
                        && attribute.ConstructorArguments.Length == 1
                        && attribute.ConstructorArguments[0].Value is INamedTypeSymbol mapper
                        && IsMapper(mapper))
                    {
                        mappers.Add(mapper.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat));
                    }
                }
            }

            return mappers.ToEquatableArray();
        }

        private static bool IsPlain(string name)
        {
            if (!IsAsciiLetter(name[0]))
            {
                return false;
            }

            foreach (char c in name)
            {
                if (!IsAsciiLetter(c) && !(c >= '0' && c <= '9') && c != '.')
                {
                    return false;
                }
            }

            return true;
        }

        private static bool IsAsciiLetter(char c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');

        // A library built by another version of the generator may have a mapper of another shape: the host calls only one it can call.
        private static bool IsMapper(INamedTypeSymbol type) =>
            type.DeclaredAccessibility == Accessibility.Public
            && type.ContainingType is null
            && type.GetMembers(KnownNames.MapEndpointsMethod).OfType<IMethodSymbol>().Any(m =>
                m.IsStatic
                && m.DeclaredAccessibility == Accessibility.Public
                && m.Parameters.Length == 1
                && m.Parameters[0].Type.ToDisplayString() == KnownNames.IEndpointRouteBuilder);

        // FNV-1a over the UTF-16 code units: stable across runs and machines, unlike string.GetHashCode.
        private static uint Fnv1a(string text)
        {
            uint hash = 2166136261;
            foreach (char c in text)
            {
                hash = unchecked((hash ^ c) * 16777619);
            }

            return hash;
        }
    }
}
