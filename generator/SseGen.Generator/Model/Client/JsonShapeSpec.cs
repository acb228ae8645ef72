namespace SseGen.Generator.Model.Client
{
    /// <summary>The JSON a C# type is written as: a tree of kinds, objects and enums only by key, so cycles end at a name.</summary>
    /// <param name="Kind">What the value is.</param>
    /// <param name="IsNullable">Whether <c>null</c> can be written: a nullable annotation, <c>Nullable&lt;T&gt;</c>, or a type of nullable-oblivious code.</param>
    /// <param name="Element">The items of an array, the values of a dictionary; otherwise <see langword="null"/>.</param>
    /// <param name="TypeKey">For an object or enum, the <see cref="JsonTypeSpec.Key"/> of its declaration; otherwise empty.</param>
    /// <param name="EnumAsString">For an enum written by a string converter the property itself names; otherwise <see langword="false"/>.</param>
    internal sealed record JsonShapeSpec(JsonShapeKind Kind, bool IsNullable, JsonShapeSpec? Element, string TypeKey, bool EnumAsString)
    {
        public static JsonShapeSpec Of(JsonShapeKind kind, bool isNullable) => new(kind, isNullable, null, string.Empty, false);

        public static readonly JsonShapeSpec Unknown = Of(JsonShapeKind.Unknown, false);
    }
}
