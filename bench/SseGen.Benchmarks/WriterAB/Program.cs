using System.Buffers;
using System.Diagnostics;
using System.IO.Pipelines;
using System.Text;
using System.Text.Json.Serialization;
using OldWriter = WriterAB.Old.SseFrameWriter;
using NewWriter = WriterAB.New.SseFrameWriter;

int rounds = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 3000;

// Byte for byte first: random data of every line break and Unicode kind, small and past 16 KB, all three entry points.
string[] pieces = ["a", "xyz", " ", ":", "\r", "\n", "\r\n", "\n\n", "é", "日本", "😀", "\uD83D", "\uDE00", "\0", "\t", "data: x"];
var random = new Random(12345);
const int Cases = 20_000;
for (int i = 0; i < Cases; i++)
{
    var text = new StringBuilder();
    int kind = random.Next(4);
    int count = kind switch { 0 => random.Next(0, 12), 1 => random.Next(300, 3000), 2 => random.Next(1, 4), _ => random.Next(0, 40) };
    for (int p = 0; p < count; p++)
    {
        if (kind == 2 || random.Next(50) == 0)
        {
            text.Append(random.Next(3) switch { 0 => 'y', 1 => 'é', _ => '日' }, random.Next(1_000, 40_000));
        }

        text.Append(pieces[random.Next(pieces.Length)]);
    }

    string data = text.ToString();
    string? eventType = random.Next(3) switch { 0 => null, 1 => "message", _ => random.Next(20) == 0 ? new string('e', 6_000) : "tick😀" };
    string? id = random.Next(3) switch { 0 => null, 1 => "", _ => random.Next(20) == 0 ? new string('i', 6_000) + "\uD800" : "42é" };
    long? retry = random.Next(2) == 0 ? null : random.NextInt64(0, long.MaxValue);
    var oldOutput = new ArrayBufferWriter<byte>();
    var newOutput = new ArrayBufferWriter<byte>();
    var oldWriter = new OldWriter(oldOutput);
    var newWriter = new NewWriter(newOutput);
    switch (random.Next(3))
    {
        case 0:
            oldWriter.WriteEvent(data, eventType, id, retry);
            newWriter.WriteEvent(data, eventType, id, retry);
            break;
        case 1:
            byte[] utf8 = Encoding.UTF8.GetBytes(data);
            oldWriter.WriteEvent(utf8, eventType, id, retry);
            newWriter.WriteEvent(utf8, eventType, id, retry);
            break;
        default:
            oldWriter.WriteComment(data);
            newWriter.WriteComment(data);
            break;
    }

    if (!oldOutput.WrittenSpan.SequenceEqual(newOutput.WrittenSpan) || oldWriter.BytesWritten != newWriter.BytesWritten)
    {
        Console.WriteLine($"case {i}: the writers differ ({data.Length} chars of data)");
        return 1;
    }
}

Console.WriteLine($"byte for byte: identical over {Cases} random events and comments");

// Then time, as FrameWriterBenchmarks writes: 1,000 small events, each flushed, into a PipeWriter over Stream.Null.
const int N = 1_000;
string[] strings = [.. Enumerable.Range(0, N).Select(i => $"price update {i}: 101.25 -> 101.50")];
byte[][] utf8Strings = [.. strings.Select(Encoding.UTF8.GetBytes)];
Quote[] quotes = [.. Enumerable.Range(0, N).Select(i => new Quote("MSFT", 101.25m + i, i))];
string[] multiLine = [.. Enumerable.Range(0, N).Select(i => $"line one {i}\nline two é\r\nthree 😀")];
PipeWriter pipe = PipeWriter.Create(Stream.Null);
var oldFrames = new OldWriter(pipe);
var newFrames = new NewWriter(pipe);

(string Name, Func<ValueTask> Old, Func<ValueTask> New)[] cases =
[
    ("string", async () => { foreach (string s in strings) { oldFrames.WriteEvent(s, "quote"); await pipe.FlushAsync(); } },
               async () => { foreach (string s in strings) { newFrames.WriteEvent(s, "quote"); await pipe.FlushAsync(); } }),
    ("utf8", async () => { foreach (byte[] s in utf8Strings) { oldFrames.WriteEvent(s, "quote"); await pipe.FlushAsync(); } },
             async () => { foreach (byte[] s in utf8Strings) { newFrames.WriteEvent(s, "quote"); await pipe.FlushAsync(); } }),
    ("json", async () => { foreach (Quote q in quotes) { oldFrames.WriteJsonEvent(q, AbJsonContext.Default.Quote, "quote"); await pipe.FlushAsync(); } },
             async () => { foreach (Quote q in quotes) { newFrames.WriteJsonEvent(q, AbJsonContext.Default.Quote, "quote"); await pipe.FlushAsync(); } }),
    ("3 lines", async () => { foreach (string s in multiLine) { oldFrames.WriteEvent(s, "quote", "7"); await pipe.FlushAsync(); } },
                async () => { foreach (string s in multiLine) { newFrames.WriteEvent(s, "quote", "7"); await pipe.FlushAsync(); } }),
];

Console.WriteLine($"ns per event over {rounds} batches of {N} events per writer, the writers taking turns (min / 25th percentile / median):");
foreach ((string name, Func<ValueTask> runOld, Func<ValueTask> runNew) in cases)
{
    for (int w = 0; w < 50; w++)
    {
        await runOld();
        await runNew();
    }

    var oldTimes = new List<double>(rounds);
    var newTimes = new List<double>(rounds);
    for (int r = 0; r < rounds; r++)
    {
        // Alternate which goes first, so neither always runs on the other's warm caches.
        bool oldFirst = r % 2 == 0;
        for (int k = 0; k < 2; k++)
        {
            bool isOld = oldFirst == (k == 0);
            long start = Stopwatch.GetTimestamp();
            await (isOld ? runOld() : runNew());
            (isOld ? oldTimes : newTimes).Add(Stopwatch.GetElapsedTime(start).TotalNanoseconds / N);
        }
    }

    oldTimes.Sort();
    newTimes.Sort();
    double At(List<double> times, double q) => times[(int)(q * (times.Count - 1))];
    Console.WriteLine(
        $"{name,-8} before {oldTimes[0],6:F1} / {At(oldTimes, .25),6:F1} / {At(oldTimes, .5),6:F1}" +
        $" | after {newTimes[0],6:F1} / {At(newTimes, .25),6:F1} / {At(newTimes, .5),6:F1}" +
        $" | after/before {newTimes[0] / oldTimes[0]:F3} / {At(newTimes, .25) / At(oldTimes, .25):F3} / {At(newTimes, .5) / At(oldTimes, .5):F3}");
}

return 0;

internal sealed record Quote(string Symbol, decimal Price, long Sequence);

[JsonSerializable(typeof(Quote))]
internal sealed partial class AbJsonContext : JsonSerializerContext;
