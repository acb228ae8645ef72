using System.Collections.Generic;
using SseGen.Generator.Model;
using static SseGen.Generator.Emitting.CSharp;

namespace SseGen.Generator.Emitting
{
    /// <summary>One <c>JsonTypeInfo</c> field of an endpoint: the contract of one serialized type.</summary>
    /// <param name="Field">The field's name.</param>
    /// <param name="DataType">The serialized type as declared.</param>
    internal sealed record JsonContract(string Field, string DataType);

    /// <summary>Writes <c>WriteItem</c>, which turns one item into one event through the runtime's frame writer.</summary>
    internal static class ItemWriterEmitter
    {
        /// <summary>The JSON contracts the item writer needs: none for text, one per type, one per case of a union.</summary>
        public static IReadOnlyList<JsonContract> Contracts(ItemSpec items)
        {
            var contracts = new List<JsonContract>();
            if (items.IsEncodedFrame)
            {
                // The topic serialized each event once when it was published; a relay's frames are the upstream's bytes.
                return contracts;
            }

            switch (items.Kind)
            {
                case ItemKind.Json:
                    contracts.Add(new JsonContract("_itemInfo", items.Data!.FullyQualified));
                    break;
                case ItemKind.SseItemJson:
                    contracts.Add(new JsonContract("_dataInfo", items.Data!.FullyQualified));
                    break;
                case ItemKind.Union:
                    var used = new HashSet<string>();
                    foreach (EventCaseSpec eventCase in items.Cases)
                    {
                        string stem = "_" + char.ToLowerInvariant(eventCase.Name[0]) + eventCase.Name.Substring(1);
                        string field = stem + "Info";
                        for (int n = 2; !used.Add(field); n++)
                        {
                            field = stem + Literal(n) + "Info";
                        }

                        contracts.Add(new JsonContract(field, eventCase.Type.FullyQualified));
                    }

                    break;
            }

            return contracts;
        }

        public static void WriteItemWriter(SourceWriter w, ItemSpec items, IReadOnlyList<JsonContract> contracts)
        {
            string signature = "(" + TypeNames.FrameWriter + " writer, " + items.ItemType.FullyQualified + " item)";
            string eventType = items.EventType is null ? string.Empty : ", " + Literal(items.EventType);
            if (items.IsEncodedFrame)
            {
                // Already whole, validated events: copied into the body as they are, nothing parsed or serialized again.
                w.Line("private static void WriteItem" + signature + " =>");
                w.Line("    writer.WriteFrame(item" + (items.ItemType.IsNullable ? "!" : string.Empty) + ");");
                return;
            }

            switch (items.Kind)
            {
                case ItemKind.String:
                    w.Line("private static void WriteItem" + signature + " =>");
                    w.Line("    writer.WriteEvent(" + TypeNames.MemoryExtensions + ".AsSpan(item)" + eventType + ");");
                    break;
                case ItemKind.SseItemString:
                    w.Line("private static void WriteItem" + signature + " =>");
                    w.Line("    writer.WriteItem(item);");
                    break;
                case ItemKind.SseItemJson:
                    w.Line("private void WriteItem" + signature + " =>");
                    w.Line("    writer.WriteItem(item, " + contracts[0].Field + ");");
                    break;
                case ItemKind.Json:
                    w.Line("private void WriteItem" + signature + " =>");
                    w.Line("    writer.WriteJsonEvent(item, " + contracts[0].Field + eventType + ");");
                    break;
                case ItemKind.Union:
                    WriteTypeSwitch(w, items, contracts, signature);
                    break;
            }
        }

        private static void WriteTypeSwitch(SourceWriter w, ItemSpec items, IReadOnlyList<JsonContract> contracts, string signature)
        {
            using (w.Block("private void WriteItem" + signature))
            {
                // Each derived type is written under its own event type, with its own contract.
                using (w.Block("switch (item)"))
                {
                    for (int i = 0; i < items.Cases.Count; i++)
                    {
                        EventCaseSpec eventCase = items.Cases[i];
                        w.Line("case " + eventCase.Type.Unannotated + " value:");
                        w.Lines(
                            "    writer.WriteJsonEvent(value, " + contracts[i].Field + ", " + Literal(eventCase.EventType) + ");\n" +
                            "    break;");
                    }

                    w.Lines(
                        "default:\n" +
                        "    throw " + TypeNames.Binding + ".UnknownEventType(item, " + Literal(items.ItemType.Display) + ");");
                }
            }
        }
    }
}
