using System;
using System.Diagnostics;
using System.Text;
using Microsoft.CodeAnalysis.Text;

namespace SseGen.Generator.Emitting
{
    /// <summary>Writes C# source line by line at an indentation level; <see cref="Block()"/> opens a brace and closes it on dispose.</summary>
    internal sealed class SourceWriter
    {
        private const string Indent = "    ";

        private readonly StringBuilder _text = new();
        private int _level;

        public void Line(string line = "")
        {
            if (line.Length > 0)
            {
                for (int i = 0; i < _level; i++)
                {
                    _text.Append(Indent);
                }

                _text.Append(line);
            }

            // LF everywhere, so the output is the same bytes on every platform.
            _text.Append('\n');
        }

        /// <summary>Writes each line of <paramref name="text"/> (LF-separated) at the current level, keeping its own relative indentation.</summary>
        public void Lines(string text)
        {
            foreach (string line in text.Split('\n'))
            {
                Line(line);
            }
        }

        public BlockScope Block(string header)
        {
            Line(header);
            return Block();
        }

        public BlockScope Block(string header, string closing)
        {
            Line(header);
            Line("{");
            _level++;
            return new BlockScope(this, closing);
        }

        public BlockScope Block()
        {
            Line("{");
            _level++;
            return new BlockScope(this, "}");
        }

        public void IndentMore() => _level++;

        public void IndentLess()
        {
            Debug.Assert(_level > 0, "more dedents than indents");
            _level--;
        }

        public SourceText ToSourceText()
        {
            Debug.Assert(_level == 0, "every block is closed");
            return SourceText.From(_text.ToString(), Encoding.UTF8);
        }

        public override string ToString() => _text.ToString();

        /// <summary>Closes a block opened by <see cref="Block()"/>.</summary>
        internal readonly struct BlockScope : IDisposable
        {
            private readonly SourceWriter _writer;
            private readonly string _closing;

            public BlockScope(SourceWriter writer, string closing)
            {
                _writer = writer;
                _closing = closing;
            }

            public void Dispose()
            {
                _writer._level--;
                _writer.Line(_closing);
            }
        }
    }
}
