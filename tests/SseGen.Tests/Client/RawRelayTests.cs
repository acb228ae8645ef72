using System.Net.ServerSentEvents;
using System.Text;
using SseGen.Client;

namespace SseGen.Tests.Client;

/// <summary>
/// The pieces of a raw relay: <see cref="SseRawEventReader"/> splits a body into whole events whatever the reads' sizes,
/// keeping every byte (comments when asked), and <see cref="SseFrame.FromUtf8"/> takes any whole event and refuses half a one.
/// </summary>
public sealed class RawRelayTests
{
    // CRLF, LF and lone CR line ends, a field without a space, unknown fields, comments, an id-only and a retry-only event,
    // a multi-line event, the sentinel under another event type, then the sentinel.
    private const string Upstream =
        "retry: 10\n\n" +
        ": opened\n\n" +
        "event: message_start\r\nid: 1\r\ndata: {\"a\":1}\r\n\r\n" +
        "data:no-space\n: inside\ndata: second line\nfoo: bar\n\n" +
        "id: 2\rdata: cr only\r\r" +
        "id: 3\n\n" +
        "event: note\ndata: [DONE]\n\n" +
        ":\n\n" +
        "data: [DONE]\n\n";

    public static TheoryData<int> ReadSizes() => new(1, 2, 3, 5, 7, 64, 4096);

    [Theory]
    [MemberData(nameof(ReadSizes))]
    public async Task Reader_WithComments_ReturnsEveryByte_InWholeEvents_WhateverTheReadSize(int readSize)
    {
        List<byte[]> events = await ReadAllAsync(Upstream, readSize, keepComments: true);

        Assert.Equal(Upstream, Encoding.UTF8.GetString([.. events.SelectMany(e => e)]));
        Assert.Equal(9, events.Count);
        Assert.All(events, e => SseFrame.FromUtf8(e));
    }

    [Theory]
    [MemberData(nameof(ReadSizes))]
    public async Task Reader_WithoutComments_LeavesOutCommentLines_AndParsesAsTheUpstream(int readSize)
    {
        List<byte[]> events = await ReadAllAsync(Upstream, readSize, keepComments: false);

        byte[] relayed = [.. events.SelectMany(e => e)];
        Assert.DoesNotContain(Encoding.UTF8.GetString(relayed).Split('\n', '\r'), line => line.StartsWith(':'));
        Assert.Equal(Items(Encoding.UTF8.GetBytes(Upstream)), Items(relayed));
        Assert.Equal(7, events.Count);
    }

    [Fact]
    public async Task Reader_MarksOnlyAMessageEventWithTheSentinelsData_AndTakesIdsAndRetry()
    {
        using var reader = new SseRawEventReader(new TrickleStream(Encoding.UTF8.GetBytes(Upstream), 3), keepComments: false, "[DONE]"u8.ToArray());
        var sentinels = new List<bool>();
        SseRead read;
        while ((read = await reader.ReadAsync(TestTimeout.After(10))) != SseRead.EndOfBody)
        {
            sentinels.Add(read == SseRead.FinalEvent);
        }

        Assert.Equal([false, false, false, false, false, false, true], sentinels);
        Assert.Equal("3", reader.DispatchedId);
        Assert.Equal(TimeSpan.FromMilliseconds(10), reader.Retry);
    }

    [Theory]
    [InlineData("data: half")]
    [InlineData("data: half\n")]
    [InlineData("data: half\r\n")]
    [InlineData("id: 9\ndata: half\r")]
    public async Task Reader_DropsAnEventTheBodyCutOff(string cut)
    {
        List<byte[]> events = await ReadAllAsync("id: 1\ndata: whole\n\n" + cut, readSize: 2, keepComments: true);

        Assert.Equal("id: 1\ndata: whole\n\n", Encoding.UTF8.GetString(Assert.Single(events)));
    }

    [Fact]
    public async Task Reader_DropsOneLeadingBom_SplitAcrossReads()
    {
        List<byte[]> events = await ReadAllAsync("\uFEFFdata: x\n\n", readSize: 1, keepComments: false);

        Assert.Equal("data: x\n\n", Encoding.UTF8.GetString(Assert.Single(events)));
    }

    [Fact]
    public async Task Reader_GrowsForALongEvent()
    {
        string data = new('x', 100_000);
        List<byte[]> events = await ReadAllAsync("data: " + data + "\n\n", readSize: 4096, keepComments: false);

        Assert.Equal(data, Assert.Single(Items(Assert.Single(events))).Data);
    }

    [Theory]
    [InlineData("data: x\n\n")]
    [InlineData("data: x\r\n\r\n")]
    [InlineData("data: x\r\r")]
    [InlineData("data: x\r\r\n")]
    [InlineData("data: x\n\r")]
    [InlineData("data: x\r\n\n")]
    [InlineData(": comment only\n\n")]
    [InlineData("data: a\n\ndata: b\n\n")]
    [InlineData("\ndata: after a split CRLF\n\n")]
    public void FromUtf8_TakesAnyWholeEvent_AsItIs(string utf8)
    {
        SseFrame frame = SseFrame.FromUtf8(Encoding.UTF8.GetBytes(utf8));

        Assert.Equal(utf8, Encoding.UTF8.GetString(frame.Utf8.Span));
        Assert.Null(frame.EventType);
        Assert.Null(frame.Id);
    }

    [Theory]
    [InlineData("")]
    [InlineData("data: x")]
    [InlineData("data: x\n")]
    [InlineData("data: x\r\n")]
    [InlineData("data: x\r")]
    [InlineData("data: a\n\ndata: b\n")]
    public void FromUtf8_RefusesHalfAnEvent(string utf8)
    {
        ArgumentException error = Assert.Throws<ArgumentException>(() => SseFrame.FromUtf8(Encoding.UTF8.GetBytes(utf8)));

        Assert.Equal("utf8", error.ParamName);
    }

    [Fact]
    public void FromUtf8_CopiesTheBytes()
    {
        byte[] utf8 = Encoding.UTF8.GetBytes("data: x\n\n");
        SseFrame frame = SseFrame.FromUtf8(utf8);

        utf8[6] = (byte)'y';

        Assert.Equal("data: x\n\n", Encoding.UTF8.GetString(frame.Utf8.Span));
    }

    private static async Task<List<byte[]>> ReadAllAsync(string body, int readSize, bool keepComments)
    {
        using var reader = new SseRawEventReader(new TrickleStream(Encoding.UTF8.GetBytes(body), readSize), keepComments, endSentinel: null);
        var events = new List<byte[]>();
        while (await reader.ReadAsync(TestTimeout.After(10)) != SseRead.EndOfBody)
        {
            events.Add(reader.Current.Utf8.ToArray());
        }

        return events;
    }

    private static List<(string EventType, string Data, string? Id)> Items(byte[] utf8) =>
        [.. SseParser.Create(new MemoryStream(utf8)).Enumerate().Select(i => (i.EventType, i.Data, i.EventId))];
}
