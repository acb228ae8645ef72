using System.Globalization;
using System.Text;
using SseGen.Generator.Model.Client;

namespace SseGen.Generator.Emitting.TypeScript
{
    /// <summary>The names System.Text.Json's known naming policies give a C# property, computed as they compute them.</summary>
    internal static class JsonNames
    {
        public static string Apply(JsonNaming naming, string name) => naming switch
        {
            JsonNaming.CamelCase => CamelCase(name),
            JsonNaming.SnakeCaseLower => Separated(name, '_', upper: false),
            JsonNaming.SnakeCaseUpper => Separated(name, '_', upper: true),
            JsonNaming.KebabCaseLower => Separated(name, '-', upper: false),
            JsonNaming.KebabCaseUpper => Separated(name, '-', upper: true),
            _ => name,
        };

        /// <summary>Lower-cases the leading capitals but the last of a run followed by a small letter: <c>URLValue</c> → <c>urlValue</c>.</summary>
        public static string CamelCase(string name)
        {
            if (name.Length == 0 || !char.IsUpper(name[0]))
            {
                return name;
            }

            char[] chars = name.ToCharArray();
            for (int i = 0; i < chars.Length; i++)
            {
                if (i == 1 && !char.IsUpper(chars[i]))
                {
                    break;
                }

                bool hasNext = i + 1 < chars.Length;
                if (i > 0 && hasNext && !char.IsUpper(chars[i + 1]))
                {
                    if (chars[i + 1] == ' ')
                    {
                        chars[i] = char.ToLowerInvariant(chars[i]);
                    }

                    break;
                }

                chars[i] = char.ToLowerInvariant(chars[i]);
            }

            return new string(chars);
        }

        /// <summary>Words split where a small letter or digit meets a capital, or a run of capitals meets a word: <c>XmlHTTPRequest2</c> → <c>xml_http_request2</c>.</summary>
        public static string Separated(string name, char separator, bool upper)
        {
            var result = new StringBuilder(name.Length + 4);
            Word state = Word.NotStarted;
            for (int i = 0; i < name.Length; i++)
            {
                char current = name[i];
                switch (char.GetUnicodeCategory(current))
                {
                    case UnicodeCategory.UppercaseLetter:
                        if (state is Word.LowerOrDigit or Word.Space
                            || (state == Word.Upper && i + 1 < name.Length && char.IsLower(name[i + 1])))
                        {
                            result.Append(separator);
                        }

                        result.Append(upper ? current : char.ToLowerInvariant(current));
                        state = Word.Upper;
                        break;
                    case UnicodeCategory.LowercaseLetter:
                    case UnicodeCategory.DecimalDigitNumber:
                        if (state == Word.Space)
                        {
                            result.Append(separator);
                        }

                        result.Append(upper ? char.ToUpperInvariant(current) : current);
                        state = Word.LowerOrDigit;
                        break;
                    case UnicodeCategory.SpaceSeparator:
                        if (state != Word.NotStarted)
                        {
                            state = Word.Space;
                        }

                        break;
                    default:
                        result.Append(current);
                        state = Word.NotStarted;
                        break;
                }
            }

            return result.ToString();
        }

        private enum Word
        {
            NotStarted,
            Upper,
            LowerOrDigit,
            Space,
        }
    }
}
