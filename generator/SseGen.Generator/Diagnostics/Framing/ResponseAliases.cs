using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace SseGen.Generator.Diagnostics.Framing
{
    /// <summary>
    /// Which response an expression of one method stands for, following the method's locals to their initializers
    /// (<c>var response = context.Response;</c>, <c>var headers = response.Headers;</c>).
    /// </summary>
    internal sealed class ResponseAliases
    {
        // Alias chains are short in real code; the bound only guards against a local initialized from itself.
        private const int MaxAliasDepth = 8;

        private readonly FramingTypes _types;
        private readonly Dictionary<ILocalSymbol, IOperation> _initializers = new(SymbolEqualityComparer.Default);

        public ResponseAliases(IEnumerable<IOperation> operations, FramingTypes types)
        {
            _types = types;
            foreach (IVariableDeclaratorOperation declarator in operations.OfType<IVariableDeclaratorOperation>())
            {
                if (declarator.GetVariableInitializer() is { } initializer)
                {
                    _initializers[declarator.Symbol] = initializer.Value;
                }
            }
        }

        /// <summary>The value a local of this method is declared with, if any.</summary>
        public IOperation? InitializerOf(ILocalSymbol local) => _initializers.TryGetValue(local, out IOperation? initializer) ? initializer : null;

        /// <summary>The response an expression denotes, following locals to their initializers.</summary>
        public ResponseRef? Resolve(IOperation operation, int depth = 0)
        {
            switch (FramingValues.Unwrap(operation))
            {
                case ILocalReferenceOperation local:
                    return depth < MaxAliasDepth && _initializers.TryGetValue(local.Local, out IOperation? initializer)
                        ? Resolve(initializer, depth + 1) ?? new ResponseRef(local.Local, string.Empty)
                        : new ResponseRef(local.Local, string.Empty);
                case IParameterReferenceOperation parameter:
                    return new ResponseRef(parameter.Parameter, string.Empty);
                case IInstanceReferenceOperation:
                    return new ResponseRef(null, "this");
                case IPropertyReferenceOperation { Property.IsIndexer: false } property:
                    return property.Instance is null
                        ? new ResponseRef(property.Property, string.Empty)
                        : Resolve(property.Instance, depth)?.Member(property.Property.Name);
                case IFieldReferenceOperation field:
                    return field.Instance is null
                        ? new ResponseRef(field.Field, string.Empty)
                        : Resolve(field.Instance, depth)?.Member(field.Field.Name);
                default:
                    return null;
            }
        }

        /// <summary>
        /// The response whose body an expression writes to: <c>Body</c>, <c>BodyWriter</c> or <c>OutputStream</c>,
        /// a local holding one, or a writer created over one (<c>new StreamWriter(response.Body)</c>).
        /// </summary>
        public IOperation? ResponseOfBody(IOperation? operation, int depth = 0)
        {
            switch (operation is null ? null : FramingValues.Unwrap(operation))
            {
                case IPropertyReferenceOperation { Property.Name: "Body" or "BodyWriter" or "OutputStream", Instance: { } instance } when _types.IsResponse(instance.Type):
                    return instance;
                case ILocalReferenceOperation local when depth < MaxAliasDepth && _initializers.TryGetValue(local.Local, out IOperation? initializer):
                    return ResponseOfBody(initializer, depth + 1);
                case IObjectCreationOperation creation when depth < MaxAliasDepth:
                    return creation.Arguments.Select(argument => ResponseOfBody(argument.Value, depth + 1)).FirstOrDefault(response => response is not null);
                default:
                    return null;
            }
        }

        /// <summary>The response whose header collection an expression is (<c>response.Headers</c>, or a local holding it).</summary>
        public IOperation? ResponseOfHeaders(IOperation? operation, int depth = 0)
        {
            switch (operation is null ? null : FramingValues.Unwrap(operation))
            {
                case IPropertyReferenceOperation { Property.Name: "Headers", Instance: { } instance } when _types.IsResponse(instance.Type):
                    return instance;
                case ILocalReferenceOperation local when depth < MaxAliasDepth && _initializers.TryGetValue(local.Local, out IOperation? initializer):
                    return ResponseOfHeaders(initializer, depth + 1);
                default:
                    return null;
            }
        }
    }
}
