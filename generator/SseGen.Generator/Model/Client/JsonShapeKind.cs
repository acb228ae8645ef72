namespace SseGen.Generator.Model.Client
{
    /// <summary>What a JSON value is, as far as a TypeScript type can say.</summary>
    internal enum JsonShapeKind
    {
        /// <summary>Anything: a type whose JSON the generator cannot know (a custom converter, <c>object</c>, <c>JsonElement</c>, polymorphism).</summary>
        Unknown,

        String,
        Number,
        Boolean,

        /// <summary>A JSON array of <see cref="JsonShapeSpec.Element"/>.</summary>
        Array,

        /// <summary>A JSON object whose keys are the dictionary's and whose values are <see cref="JsonShapeSpec.Element"/>.</summary>
        Dictionary,

        /// <summary>A record, class or struct, declared once as a <see cref="JsonTypeSpec"/> and referred to by <see cref="JsonShapeSpec.TypeKey"/>.</summary>
        Object,

        /// <summary>An enum, declared once as a <see cref="JsonTypeSpec"/> and referred to by <see cref="JsonShapeSpec.TypeKey"/>.</summary>
        Enum,
    }
}
