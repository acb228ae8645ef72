using System;
using Microsoft.CodeAnalysis;

namespace SseGen.Generator.Diagnostics.Framing
{
    /// <summary>
    /// Which response an expression denotes, as a root symbol and a member path (<c>context</c> + <c>.Response</c>),
    /// so that two spellings of the same response in one method compare equal.
    /// </summary>
    internal sealed class ResponseRef : IEquatable<ResponseRef>
    {
        private readonly ISymbol? _root;
        private readonly string _path;

        public ResponseRef(ISymbol? root, string path)
        {
            _root = root;
            _path = path;
        }

        public ResponseRef Member(string name) => new(_root, _path + "." + name);

        public bool Equals(ResponseRef? other) =>
            other is not null && SymbolEqualityComparer.Default.Equals(_root, other._root) && string.Equals(_path, other._path, StringComparison.Ordinal);

        public override bool Equals(object? obj) => obj is ResponseRef other && Equals(other);

        public override int GetHashCode() =>
            (SymbolEqualityComparer.Default.GetHashCode(_root) * 31) + StringComparer.Ordinal.GetHashCode(_path);
    }
}
