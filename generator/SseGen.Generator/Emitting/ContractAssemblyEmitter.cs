using Microsoft.CodeAnalysis;
using SseGen.Generator.Model;

namespace SseGen.Generator.Emitting
{
    /// <summary>
    /// Writes <c>[assembly: SseContractAssembly(typeof(...))]</c> into an assembly whose contracts it cannot map itself (it
    /// references SseGen's attributes but not the server runtime and ASP.NET Core), so a server that references it finds
    /// them without walking every type of every reference.
    /// </summary>
    internal static class ContractAssemblyEmitter
    {
        public const string HintName = "SseContractAssembly.g.cs";

        public static void Emit(SourceProductionContext context, EquatableArray<string> contracts)
        {
            context.AddSource(HintName, Emit(contracts).ToSourceText());
        }

        public static SourceWriter Emit(EquatableArray<string> contracts)
        {
            var w = new SourceWriter();
            GeneratedCode.WriteHeader(w);
            w.Line("// The contracts of this assembly, mapped by the MapSseEndpoints of a server that references it.");
            w.Line("[assembly: global::" + KnownNames.SseContractAssemblyAttribute + "(");
            for (int i = 0; i < contracts.Count; i++)
            {
                w.Line("    typeof(" + contracts[i] + ")" + (i < contracts.Count - 1 ? "," : ")]"));
            }

            return w;
        }
    }
}
