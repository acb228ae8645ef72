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
        Assert.Throws<ArgumentException>(() => SseTopicName.Join("tenant1", "chat", room));

    [Fact]
    public void Registry_Get_InvalidName_Throws()
    {
        var topics = new SseTopics<Tick>(Microsoft.Extensions.Options.Options.Create(TopicTestKit.TopicOptions()));

        Assert.Throws<ArgumentException>(() => topics.Get("chat/../admin"));
        Assert.Equal(0, topics.Count);
    }
}
