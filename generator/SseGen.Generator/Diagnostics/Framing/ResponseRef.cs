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

        /// <summary>The symbol the path starts from: a parameter, local, field or property; null for <c>this</c>.</summary>
        public ISymbol? Root => _root;

        /// <summary>The member path from <see cref="Root"/>: empty, <c>.Response</c>, or <c>this.Response</c> when the root is <c>this</c>.</summary>
        public string Path => _path;

        public ResponseRef Member(string name) => new(_root, _path + "." + name);

        /// <summary>This reference followed by a member path such as <c>.Response</c>.</summary>
        public ResponseRef Append(string path) => new(_root, _path + path);

        public bool Equals(ResponseRef? other) =>
            other is not null && SymbolEqualityComparer.Default.Equals(_root, other._root) && string.Equals(_path, other._path, StringComparison.Ordinal);

        public override bool Equals(object? obj) => obj is ResponseRef other && Equals(other);

        public override int GetHashCode() =>
            (SymbolEqualityComparer.Default.GetHashCode(_root) * 31) + StringComparer.Ordinal.GetHashCode(_path);
    }
}
