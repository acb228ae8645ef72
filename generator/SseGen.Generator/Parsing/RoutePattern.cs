using System;
using System.Collections.Generic;

namespace SseGen.Generator.Parsing
{
    /// <summary>
    /// Reads the parameter names of an ASP.NET Core route pattern and rejects what routing would reject at startup:
    /// unbalanced braces, empty or repeated parameter names, a catch-all before the last segment.
    /// </summary>
    internal static class RoutePattern
    {
        /// <summary>Parses <paramref name="pattern"/>; on failure <paramref name="error"/> says why in a clause.</summary>
        public static bool TryParse(string? pattern, out List<string> parameters, out string error)
        {
            parameters = new List<string>();
            error = string.Empty;
            if (pattern is null)
            {
                error = "it is null";
                return false;
            }

            if (pattern.IndexOf('?') >= 0 && pattern.IndexOf('{') < 0)
            {
                error = "a query string is not part of a route";
                return false;
            }

            string[] segments = pattern.TrimStart('~').Trim('/').Split('/');
            for (int s = 0; s < segments.Length; s++)
            {
                string segment = segments[s];
                if (segment.Length == 0 && segments.Length > 1)
                {
                    error = "it has an empty segment ('//')";
                    return false;
                }

                int i = 0;
                while (i < segment.Length)
                {
                    char c = segment[i];
                    if (c == '{' && i + 1 < segment.Length && segment[i + 1] == '{')
                    {
                        i += 2;
                        continue;
                    }

                    if (c == '}' && i + 1 < segment.Length && segment[i + 1] == '}')
                    {
                        i += 2;
                        continue;
                    }

                    if (c == '}')
                    {
                        error = "it has a '}' without its '{'";
                        return false;
                    }

                    if (c != '{')
                    {
                        i++;
                        continue;
                    }

                    int close = segment.IndexOf('}', i + 1);
                    if (close < 0)
                    {
                        error = "it has a '{' without its '}'";
                        return false;
                    }

                    string name = ParameterName(segment.Substring(i + 1, close - i - 1), out bool catchAll);
                    if (name.Length == 0 || name.IndexOf('{') >= 0)
                    {
                        error = "it has a parameter without a name";
                        return false;
                    }

                    if (catchAll && s != segments.Length - 1)
                    {
                        error = $"its catch-all parameter '{name}' is not in the last segment";
                        return false;
                    }

                    foreach (string existing in parameters)
                    {
                        if (string.Equals(existing, name, StringComparison.OrdinalIgnoreCase))
                        {
                            error = $"it names the parameter '{name}' twice";
                            return false;
                        }
                    }

                    parameters.Add(name);
                    i = close + 1;
                }
            }

            return true;
        }

        /// <summary>
        /// A key that two patterns share exactly when routing cannot tell them apart:
        /// literals compared ignoring case, parameters by position only, constraints and defaults ignored.
        /// </summary>
        public static string Shape(string pattern)
        {
            string[] segments = pattern.TrimStart('~').Trim('/').Split('/');
            for (int s = 0; s < segments.Length; s++)
            {
                string segment = segments[s];
                int open = segment.IndexOf('{');
                segments[s] = open < 0 || (open + 1 < segment.Length && segment[open + 1] == '{')
                    ? segment.ToUpperInvariant()
                    : "{}";
            }

            return "/" + string.Join("/", segments);
        }

        private static string ParameterName(string body, out bool catchAll)
        {
            catchAll = body.StartsWith("*", StringComparison.Ordinal);
            string name = body.TrimStart('*');
            int end = name.IndexOfAny(new[] { ':', '=', '?' });
            return (end < 0 ? name : name.Substring(0, end)).Trim();
        }
    }
}
