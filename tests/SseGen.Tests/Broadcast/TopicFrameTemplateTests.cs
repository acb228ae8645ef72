using System.Text;

namespace SseGen.Tests.Broadcast;

public sealed class TopicFrameTemplateTests
{
    [Theory]
    [InlineData(null, "plain")]
    [InlineData("said", "two\nlines\r\nand\ra lone CR")]
    [InlineData("said", "id: ssegen-pending-id")]
    [InlineData("message", "\u00e9t\u00e9 \U0001F600")]
    public void SplitThenFill_IsTheFrameTheWriterWritesWithThatId(string? eventType, string data)
    {
        SseFrame pending = SseFrame.Create(data, eventType, TopicFrameTemplate.PendingId);

        SseFrame filled = TopicFrameTemplate.Split(pending.Utf8.Span).Fill("1733112000000-7");

        Assert.Equal(SseFrame.Create(data, eventType, "1733112000000-7").Utf8.ToArray(), filled.Utf8.ToArray());
        Assert.Equal("1733112000000-7", filled.Id);
        Assert.True(TopicFrameTemplate.IsWholeFrames(filled.Utf8.Span));
    }

    [Theory]
    [InlineData("data: no id\n\n")]
    [InlineData("id: another-id\ndata: x\n\n")]
    [InlineData("id: ssegen-pending-id\ndata: x\n\nid: ssegen-pending-id\ndata: y\n\n")]
    [InlineData("data: id: ssegen-pending-id\n\n")]
    public void Split_FrameWithoutExactlyOnePendingIdLine_Throws(string frame) =>
        Assert.Throws<ArgumentException>(() => TopicFrameTemplate.Split(Encoding.UTF8.GetBytes(frame)));

    [Theory]
    [InlineData("data: x\n\n")]
    [InlineData("event: e\nid: 1-0\ndata: a\ndata: b\n\n")]
    [InlineData("retry: 10\n\n: comment\n:\n\n")]
    public void IsWholeFrames_WhatTheWriterWrites_IsTrue(string frame) =>
        Assert.True(TopicFrameTemplate.IsWholeFrames(Encoding.UTF8.GetBytes(frame)));

    [Theory]
    [InlineData("")]
    [InlineData("\n")]
    [InlineData("data: x\n")]
    [InlineData("data: x\r\n\r\n")]
    [InlineData("data:x\n\n")]
    [InlineData("data: x\nother: y\n\n")]
    [InlineData("data: x\n\ndata: y")]
    public void IsWholeFrames_AnythingElse_IsFalse(string frame) =>
        Assert.False(TopicFrameTemplate.IsWholeFrames(Encoding.UTF8.GetBytes(frame)));

    [Fact]
    public void IsWholeFrames_InvalidUtf8_IsFalse() =>
        Assert.False(TopicFrameTemplate.IsWholeFrames([.. "data: "u8, 0xC3, 0x28, (byte)'\n', (byte)'\n']));
}
