using System.IO.Pipelines;
using System.Text;

namespace SseGen.Tests.AspNetCore;

/// <summary>The stream's body writer: what it holds reaches the body only at a commit, whole and in order.</summary>
public sealed class CoalescingBodyWriterTests
{
    [Fact]
    public async Task FramesReachTheBody_OnlyAtCommit_InOrder()
    {
        var pipe = new Pipe();
        var output = new CoalescingBodyWriter(pipe.Writer);
        var frames = new SseFrameWriter(output);
        frames.WriteEvent("one");
        frames.WriteEvent("two", eventType: "t", id: "2");

        Assert.Equal(0, pipe.Writer.UnflushedBytes);
        output.Commit();
        Assert.Equal(frames.BytesWritten, pipe.Writer.UnflushedBytes);

        await pipe.Writer.CompleteAsync();
        ReadResult read = await pipe.Reader.ReadAsync(TestContext.Current.CancellationToken);
        Assert.Equal("data: one\n\nevent: t\nid: 2\ndata: two\n\n", Encoding.UTF8.GetString(read.Buffer));
    }

    [Fact]
    public async Task ManyFrames_LargerThanOneBlock_AndOneLargerThanABlock_ArriveWhole()
    {
        var pipe = new Pipe(new PipeOptions(pauseWriterThreshold: 0, minimumSegmentSize: 512));
        var output = new CoalescingBodyWriter(pipe.Writer);
        var frames = new SseFrameWriter(output);
        var expected = new StringBuilder();
        for (int i = 0; i < 300; i++)
        {
            string data = i == 150 ? new string('x', 40_000) : "event number " + i;
            frames.WriteEvent(data, id: i.ToString(System.Globalization.CultureInfo.InvariantCulture));
            expected.Append("id: ").Append(i).Append("\ndata: ").Append(data).Append("\n\n");
        }

        output.Commit();
        await pipe.Writer.CompleteAsync();
        var received = new StringBuilder();
        while (true)
        {
            ReadResult read = await pipe.Reader.ReadAsync(TestContext.Current.CancellationToken);
            received.Append(Encoding.UTF8.GetString(read.Buffer));
            pipe.Reader.AdvanceTo(read.Buffer.End);
            if (read.IsCompleted)
            {
                break;
            }
        }

        Assert.Equal(expected.ToString(), received.ToString());
    }

    [Fact]
    public void AdvancePastWhatWasAskedFor_Throws()
    {
        var output = new CoalescingBodyWriter(new Pipe().Writer);
        int length = output.GetSpan(10).Length;

        Assert.Throws<InvalidOperationException>(() => output.Advance(length + 1));
    }
}
