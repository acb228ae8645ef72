using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace SseGen.Generator.Diagnostics.Framing
{
    /// <summary>
    /// SSE1004's edits to one string literal (or interpolated text) of a hand-written HTTP head, computed from that
    /// literal's current source: the analyzer asks whether an edit exists, the code fix makes it where the literal now is.
    /// </summary>
    internal static class HeadEdit
    {
        public const string Chunked = "Transfer-Encoding: chunked";

        /// <summary>Write <c>HTTP/1.1</c> for <c>HTTP/1.0</c>.</summary>
        public const string UseHttp11 = "UseHttp11";

        /// <summary>Add <see cref="Chunked"/> after the line.</summary>
        public const string AddChunked = "AddChunked";

        /// <summary>Remove the line and its line break.</summary>
        public const string RemoveLine = "RemoveLine";

        /// <summary>The change <paramref name="edit"/> makes to <paramref name="line"/> in <paramref name="source"/>; null when none fits.</summary>
        public static TextChange? For(SyntaxNode source, string edit, string line) => edit switch
        {
            UseHttp11 => Replace(source, "HTTP/1.0", "HTTP/1.1"),
            AddChunked => InsertLineAfter(source, line, Chunked),
            RemoveLine => Remove(source, line),
            _ => null,
        };

        private static TextChange? Replace(SyntaxNode source, string find, string replacement)
        {
            int at = source.ToString().IndexOf(find, StringComparison.Ordinal);
            return at < 0 ? null : new TextChange(new TextSpan(source.SpanStart + at, find.Length), replacement);
        }

        private static TextChange? InsertLineAfter(SyntaxNode source, string lineText, string newLine)
        {
            string text = source.ToString();
            int at = text.IndexOf(lineText, StringComparison.Ordinal);
            if (at < 0 || FindTerminator(text, at + lineText.Length) is not { } end)
            {
                return null;
            }

            // Lines of a raw or verbatim string carry their indentation in the source; the new line needs the same.
            string indentation = end.IsEscape ? string.Empty : text.Substring(at - Indentation(text, at), Indentation(text, at));
            string terminator = text.Substring(end.Start, end.Length);
            // Inserted before the line's own terminator, so the edit never touches a removal of the next line.
            return new TextChange(new TextSpan(source.SpanStart + end.Start, 0), terminator + indentation + newLine);
        }

        private static TextChange? Remove(SyntaxNode source, string lineText)
        {
            string text = source.ToString();
            int at = text.IndexOf(lineText, StringComparison.Ordinal);
            if (at < 0 || FindTerminator(text, at + lineText.Length) is not { } end)
            {
                return null;
            }

            int start = end.IsEscape ? at : at - Indentation(text, at);
            int stop = end.Start + end.Length;
            return new TextChange(new TextSpan(source.SpanStart + start, stop - start), string.Empty);
        }

        private static (int Start, int Length, bool IsEscape)? FindTerminator(string source, int from)
        {
            for (int i = from; i < source.Length; i++)
            {
                if (string.CompareOrdinal(source, i, "\\r\\n", 0, 4) == 0)
                {
                    return (i, 4, true);
                }

                if (string.CompareOrdinal(source, i, "\\n", 0, 2) == 0)
                {
                    return (i, 2, true);
                }

                if (source[i] == '\r' && i + 1 < source.Length && source[i + 1] == '\n')
                {
                    return (i, 2, false);
                }

                if (source[i] == '\n')
                {
                    return (i, 1, false);
                }
            }

            return null;
        }

        // The spaces and tabs just before a line that starts at a real line break in the source.
        private static int Indentation(string source, int lineStart)
        {
            int start = lineStart;
            while (start > 0 && source[start - 1] is ' ' or '\t')
            {
                start--;
            }

            return start > 0 && source[start - 1] == '\n' ? lineStart - start : 0;
        }
    }
}
