using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using SseGen.Generator.Model;

namespace SseGen.Generator.Parsing
{
    /// <summary>
    /// Finds the contract interfaces of referenced assemblies that cannot map them themselves (they carry
    /// <c>[assembly: SseContractAssembly(typeof(...))]</c>), so a server maps them with its own endpoints, through the same
    /// <see cref="EndpointParser"/> as a contract in its own source.
    /// </summary>
    internal static class ReferencedContractParser
    {
        /// <summary>One <c>[SseEndpoint]</c> method of a referenced contract, or a contract that cannot be mapped, and why.</summary>
        internal readonly struct ContractMethod
        {
            public ContractMethod(INamedTypeSymbol contract, IAssemblySymbol assembly, IMethodSymbol? method, AttributeData? attribute, string? problem)
            {
                Contract = contract;
                Assembly = assembly;
                Method = method;
                Attribute = attribute;
                Problem = problem;
            }

            public INamedTypeSymbol Contract { get; }

            public IAssemblySymbol Assembly { get; }

            public IMethodSymbol? Method { get; }

            public AttributeData? Attribute { get; }

            /// <summary>Why the contract cannot be mapped at all; <see langword="null"/> for a method to parse.</summary>
            public string? Problem { get; }
        }

        /// <summary>
        /// The models of the referenced contracts' endpoints this compilation maps, in hint-name order: every valid method
        /// of every listed contract, except contracts <paramref name="clientContracts"/> names (a project with a client of a
        /// contract calls that contract's server, it is not one).
        /// </summary>
        public static EquatableArray<EndpointSpec> Parse(Compilation compilation, ICollection<string> clientContracts, CancellationToken cancellationToken)
        {
            var endpoints = new List<EndpointSpec>();
            foreach (ContractMethod contractMethod in Methods(compilation, clientContracts, cancellationToken))
            {
                if (contractMethod.Problem is null
                    && EndpointParser.Parse(contractMethod.Method!, contractMethod.Attribute!, report: null, cancellationToken) is { } endpoint)
                {
                    endpoints.Add(endpoint);
                }
            }

            return endpoints.OrderBy(e => e.HintName, StringComparer.Ordinal).ToEquatableArray();
        }

        /// <summary>
        /// Every method to map of the referenced contracts, and every listed contract that cannot be mapped, for the generator
        /// and the analyzer alike.
        /// </summary>
        public static IEnumerable<ContractMethod> Methods(Compilation compilation, ICollection<string> clientContracts, CancellationToken cancellationToken)
        {
            INamedTypeSymbol? attributeType = compilation.GetTypeByMetadataName(KnownNames.SseContractAssemblyAttribute);
            if (attributeType is null)
            {
                yield break;
            }

            string abstractions = attributeType.ContainingAssembly.Identity.Name;
            foreach (IAssemblySymbol assembly in compilation.SourceModule.ReferencedAssemblySymbols)
            {
                cancellationToken.ThrowIfCancellationRequested();

                // Only an assembly compiled against SseGen's attributes can carry it: skipping the framework keeps this step cheap on every edit.
                if (!assembly.Modules.Any(m => m.ReferencedAssemblies.Any(r => r.Name == abstractions)))
                {
                    continue;
                }

                foreach (INamedTypeSymbol contract in ListedContracts(assembly, attributeType))
                {
                    if (clientContracts.Contains(contract.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat)))
                    {
                        continue;
                    }

                    if (!IsPublic(contract))
                    {
                        yield return new ContractMethod(contract, assembly, null, null, "it is not public, so the server cannot implement or name it");
                        continue;
                    }

                    foreach (ISymbol member in contract.GetMembers())
                    {
                        if (member is IMethodSymbol { IsStatic: false, IsAbstract: true, MethodKind: MethodKind.Ordinary } method
                            && method.GetAttributes().FirstOrDefault(a => a.AttributeClass is { } c && SymbolFacts.Is(c, KnownNames.SseEndpointAttribute)) is { } attribute)
                        {
                            yield return new ContractMethod(contract, assembly, method, attribute, null);
                        }
                    }
                }
            }
        }

        private static IEnumerable<INamedTypeSymbol> ListedContracts(IAssemblySymbol assembly, INamedTypeSymbol attributeType)
        {
            foreach (AttributeData attribute in assembly.GetAttributes())
            {
                if (!SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, attributeType) || attribute.ConstructorArguments.Length != 1)
                {
                    continue;
                }

                TypedConstant argument = attribute.ConstructorArguments[0];
                IEnumerable<TypedConstant> listed = argument.Kind == TypedConstantKind.Array ? argument.Values : new[] { argument };
                foreach (TypedConstant type in listed)
                {
                    if (type.Value is INamedTypeSymbol { TypeKind: TypeKind.Interface } contract)
                    {
                        yield return contract;
                    }
                }
            }
        }

        private static bool IsPublic(INamedTypeSymbol type)
        {
            for (INamedTypeSymbol? current = type; current is not null; current = current.ContainingType)
            {
                if (current.DeclaredAccessibility != Accessibility.Public)
                {
                    return false;
                }
            }

            return true;
        }
    }
}
