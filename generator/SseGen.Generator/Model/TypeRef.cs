namespace SseGen.Generator.Model
{
    /// <summary>A type as generated code and messages name it; equatable, so models holding one stay equal across runs.</summary>
    /// <param name="FullyQualified">With <c>global::</c> and its nullable annotation: what declarations need.</param>
    /// <param name="Unannotated">With <c>global::</c>, without a reference type's <c>?</c>: what <c>typeof</c> and type arguments need.</param>
    /// <param name="Display">As the user reads it in a message: namespace-qualified, no <c>global::</c>, no <c>?</c>.</param>
    /// <param name="IsNullable">Whether the type admits <see langword="null"/>: an annotated reference type or a <c>Nullable&lt;T&gt;</c>.</param>
    internal sealed record TypeRef(string FullyQualified, string Unannotated, string Display, bool IsNullable);
}
