using System.Linq;
using SseGen.Generator.Model.Client;

namespace SseGen.Generator.Emitting.TypeScript
{
    /// <summary>The declarations of the payloads' JSON: an interface per object, a union per enum, in the app's JSON contract.</summary>
    internal static class TypeDeclarationsEmitter
    {
        public static void Emit(SourceWriter w, TypeScriptTypes types)
        {
            foreach (JsonTypeSpec type in types.Declared)
            {
                w.Line("/** The JSON of " + TypeScriptNames.Comment(type.Display) + ". */");
                if (type.IsEnum)
                {
                    w.Line("export type " + types.NameOf(type) + " = " + types.EnumUnion(type, types.WritesNames(type)) + ";");
                    w.Line();
                    continue;
                }

                if (type.Properties.Count == 0)
                {
                    w.Line("export interface " + types.NameOf(type) + " {}");
                    w.Line();
                    continue;
                }

                w.Line("export interface " + types.NameOf(type) + " {");
                w.IndentMore();
                foreach ((string key, bool optional, string typeText) in type.Properties.Select(types.Property))
                {
                    w.Line(key + (optional ? "?: " : ": ") + typeText + ";");
                }

                w.IndentLess();
                w.Line("}");
                w.Line();
            }
        }

        /// <summary>The event map of an endpoint: each event name and its data; <c>[type: string]</c> when items name their own.</summary>
        public static void EmitEvents(SourceWriter w, string name, ClientSpec client, TypeScriptTypes types)
        {
            w.Line("export interface " + name + " {");
            w.IndentMore();
            foreach (ClientEventSpec e in client.Events)
            {
                string data = e.Data is { } shape ? types.Of(shape) : "string";
                w.Line((e.Name.Length == 0 ? "[type: string]" : TypeScriptNames.Key(e.Name)) + ": " + data + ";");
            }

            w.IndentLess();
            w.Line("}");
        }
    }
}
