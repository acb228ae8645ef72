using System;
using System.Collections.Generic;

namespace SseGen.Generator.Diagnostics.Framing
{
    /// <summary>One line of a hand-written HTTP head: its text and where it starts in the head's value.</summary>
    internal sealed class HeadLine
    {
        private HeadLine(string text, int start)
        {
            Text = text;
            Start = start;
            int colon = text.IndexOf(':');
            FieldName = colon < 0 ? string.Empty : text.Substring(0, colon).Trim();
            FieldValue = colon < 0 ? string.Empty : text.Substring(colon + 1).Trim();
        }

        public string Text { get; }

        public int Start { get; }

        public string FieldName { get; }

        public string FieldValue { get; }

        /// <summary>One header line on its own (<c>"Connection: close"</c>), as <c>WebHeaderCollection.Add</c> takes it.</summary>
        public static HeadLine Field(string text) => new(text, 0);

        public bool Is(string fieldName) => string.Equals(FieldName, fieldName, StringComparison.OrdinalIgnoreCase);

        /// <summary>The status line and the header lines, up to the blank line that ends the head.</summary>
        public static List<HeadLine> Split(string head)
        {
            var lines = new List<HeadLine>();
            int start = 0;
            while (start <= head.Length)
            {
                int end = head.IndexOf('\n', start);
                int next = end < 0 ? head.Length + 1 : end + 1;
                int stop = end < 0 ? head.Length : end;
                if (stop > start && head[stop - 1] == '\r')
                {
                    stop--;
                }

                if (stop == start)
                {
                    break;
                }

                lines.Add(new HeadLine(head.Substring(start, stop - start), start));
                start = next;
            }

            return lines;
        }
    }
}
