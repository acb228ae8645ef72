using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using SseGen.Generator.Model.Client;

namespace SseGen.Generator.Parsing.Client
{
    /// <summary>Reads the options of a <c>JsonSerializerContext</c>'s <c>[JsonSourceGenerationOptions]</c>: how the app's JSON names and writes values.</summary>
    internal static class JsonContractParser
    {
        public const string OptionsAttribute = "System.Text.Json.Serialization.JsonSourceGenerationOptionsAttribute";

        /// <summary>
        /// The contract of one context; ASP.NET Core's web defaults for whatever it leaves unsaid. A context in the
        /// resolver chain of the app's options is written with those options, so what the context states is taken as the
        /// app's word for them: README says to keep the two in agreement.
        /// </summary>
        public static JsonContractSpec Parse(INamedTypeSymbol context, AttributeData options)
        {
            JsonNaming naming = JsonNaming.CamelCase;
            bool enumsAsStrings = false;
            JsonOmission omission = JsonOmission.Never;
            foreach (KeyValuePair<string, TypedConstant> named in options.NamedArguments)
            {
                int value = named.Value.Value is int v ? v : 0;
                switch (named.Key)
                {
                    case "PropertyNamingPolicy":
                        naming = value switch
                        {
                            1 => JsonNaming.CamelCase,
                            2 => JsonNaming.SnakeCaseLower,
                            3 => JsonNaming.SnakeCaseUpper,
                            4 => JsonNaming.KebabCaseLower,
                            5 => JsonNaming.KebabCaseUpper,
                            _ => JsonNaming.None,
                        };
                        break;
                    case "UseStringEnumConverter":
                        enumsAsStrings = named.Value.Value is true;
                        break;
                    case "DefaultIgnoreCondition":
                        omission = value switch
                        {
                            2 => JsonOmission.WhenDefault,
                            3 => JsonOmission.WhenNull,
                            _ => JsonOmission.Never,
                        };
                        break;
                }
            }

            return new JsonContractSpec(naming, enumsAsStrings, omission, context.ToDisplayString(SymbolFacts.MessageFormat));
        }
    }
}
