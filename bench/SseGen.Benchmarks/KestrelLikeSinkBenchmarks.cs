using System.IO.Pipelines;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;

namespace SseGen.Benchmarks;

/// <summary>
/// Every case of <see cref="GeneratedWritePathBenchmarks"/> again, into a <see cref="Pipe"/> instead of a
/// <see cref="PipeWriter"/> over <see cref="Stream.Null"/>. <c>PipeWriter.Create(stream)</c> passes what is given to
/// <c>WriteAsync</c> straight to its stream, so there the peer's stream writes skip the buffer while SseGen, writing in
/// place, rents and returns a segment per event. A <see cref="Pipe"/>, like Kestrel's response pipe, copies a stream write
/// into its buffer, so each side pays what it pays on a real server. Both drain the pipe once per 1,000 events.
/// </summary>
[MemoryDiagnoser]
[CategoriesColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
public class KestrelLikeSinkBenchmarks : GeneratedWritePathBenchmarks
{
    private Pipe _sink = null!;

    /// <inheritdoc />
    protected override PipeWriter CreateSink()
    {
        // Never pauses the writer: the benchmark drains once per invocation, after the last event.
        _sink = new Pipe(new PipeOptions(
            readerScheduler: PipeScheduler.Inline,
            writerScheduler: PipeScheduler.Inline,
            pauseWriterThreshold: 0,
            resumeWriterThreshold: 0,
            useSynchronizationContext: false));
        return _sink.Writer;
    }

    /// <inheritdoc />
    protected override void Drain()
    {
        if (_sink.Reader.TryRead(out ReadResult read))
        {
            _sink.Reader.AdvanceTo(read.Buffer.End);
        }
    }
}
