namespace SseGen.Generator.Model.Client
{
    /// <summary>
    /// The options the app's JSON is written with, as its <c>[JsonSourceGenerationOptions]</c> say; without one, ASP.NET
    /// Core's web defaults: camelCase names, enums as numbers, nothing left out.
    /// </summary>
    /// <param name="Naming">The property naming policy.</param>
    /// <param name="EnumsAsStrings">Whether <c>UseStringEnumConverter</c> is set.</param>
    /// <param name="Omission">The <c>DefaultIgnoreCondition</c>: <see cref="JsonOmission.WhenNull"/>, <see cref="JsonOmission.WhenDefault"/> or <see cref="JsonOmission.Never"/>.</param>
    /// <param name="Source">The context the options were read from, for the generated file's comment; empty for the defaults.</param>
    internal sealed record JsonContractSpec(JsonNaming Naming, bool EnumsAsStrings, JsonOmission Omission, string Source)
    {
        public static readonly JsonContractSpec WebDefaults = new(JsonNaming.CamelCase, false, JsonOmission.Never, string.Empty);
    }

    /// <summary>The <c>JsonKnownNamingPolicy</c> values, and none.</summary>
    internal enum JsonNaming
    {
        None,
        CamelCase,
        SnakeCaseLower,
        SnakeCaseUpper,
        KebabCaseLower,
        KebabCaseUpper,
    }
}
