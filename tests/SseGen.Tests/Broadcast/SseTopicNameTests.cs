namespace SseGen.Tests.Broadcast;

public sealed class SseTopicNameTests
{
    [Theory]
    [InlineData("chat")]
    [InlineData("chat/lobby")]
    [InlineData("tenant-1/chat/room_2.v3")]
    [InlineData("a.b")]
    [InlineData("...")]
    public void IsValid_NameOfValidSegments_IsTrue(string name) => Assert.True(SseTopicName.IsValid(name));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("/chat")]
    [InlineData("chat/")]
    [InlineData("chat//lobby")]
    [InlineData("chat/../admin")]
    [InlineData("..")]
    [InlineData("chat/.")]
    [InlineData("chat lobby")]
    [InlineData("chat\\lobby")]
    [InlineData("chat/lobby?x=1")]
    [InlineData("chat/lobb\u00e9")]
    [InlineData("chat/%2e%2e")]
    [InlineData("chat\n")]
    public void IsValid_InvalidName_IsFalse(string? name) => Assert.False(SseTopicName.IsValid(name));

    [Fact]
    public void IsValid_LongerThanTheLimit_IsFalse()
    {
        Assert.True(SseTopicName.IsValid(new string('a', SseTopicName.MaxLength)));
        Assert.False(SseTopicName.IsValid(new string('a', SseTopicName.MaxLength + 1)));
    }

    [Fact]
    public void Join_Segments_JoinsWithSlash() => Assert.Equal("tenant/t1/chat/lobby", SseTopicName.Join("tenant", "t1", "chat", "lobby"));

    [Theory]
    [InlineData("lobby/../../tenant2")]
    [InlineData("other/room")]
    [InlineData("..")]
    [InlineData("")]
    public void Join_RouteValueThatIsNotOneSegment_Throws(string room) =>
        // Still an ArgumentException, for code written before SseTopicNameException.
        Assert.ThrowsAny<ArgumentException>(() => SseTopicName.Join("tenant1", "chat", room));

    [Theory]
    [InlineData("lobby/../../tenant2", "cannot contain '/'")]
    [InlineData("..", "cannot be '.' or '..'")]
    [InlineData("", "cannot be empty")]
    [InlineData("lobb\u00e9", "may contain only")]
    [InlineData("lobby\n", "may contain only")]
    public void Join_RouteValueThatIsNotOneSegment_ThrowsTopicNameException_WhoseReasonSaysWhyWithoutTheValue(string room, string why)
    {
        SseTopicNameException exception = Assert.Throws<SseTopicNameException>(() => SseTopicName.Join("tenant1", "chat", room));

        Assert.Contains(why, exception.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("lobb", exception.Reason, StringComparison.Ordinal);
        Assert.Contains("'" + room + "'", exception.Message, StringComparison.Ordinal);
        Assert.Equal("segments", exception.ParamName);
    }

    [Fact]
    public void Join_NameLongerThanTheLimit_ThrowsTopicNameException()
    {
        SseTopicNameException exception = Assert.Throws<SseTopicNameException>(() => SseTopicName.Join("chat", new string('a', SseTopicName.MaxLength)));

        Assert.Contains("at most " + SseTopicName.MaxLength, exception.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("chat//lobby", "cannot be empty")]
    [InlineData("chat/../admin", "cannot be '.' or '..'")]
    [InlineData("chat lobby", "may contain only")]
    [InlineData("", "empty")]
    public void Validate_InvalidName_ThrowsTopicNameException(string name, string why) =>
        Assert.Contains(why, Assert.Throws<SseTopicNameException>(() => SseTopicName.Validate(name)).Reason, StringComparison.Ordinal);

    [Fact]
    public void Registry_Get_InvalidName_Throws()
    {
        var topics = new SseTopics<Tick>(Microsoft.Extensions.Options.Options.Create(TopicTestKit.TopicOptions()));

        Assert.Throws<SseTopicNameException>(() => topics.Get("chat/../admin"));
        Assert.Equal(0, topics.Count);
    }
}
