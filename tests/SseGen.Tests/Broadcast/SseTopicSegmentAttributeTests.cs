namespace SseGen.Tests.Broadcast;

public sealed class SseTopicSegmentAttributeTests
{
    [Theory]
    [InlineData("lobby")]
    [InlineData("room_2.v3-x")]
    [InlineData("...")]
    [InlineData(null)]
    public void IsValid_OneSegmentOrMissing_IsTrue(string? value) => Assert.True(new SseTopicSegmentAttribute().IsValid(value));

    [Theory]
    [InlineData("")]
    [InlineData("..")]
    [InlineData(".")]
    [InlineData("a/b")]
    [InlineData("../other")]
    [InlineData("..%2Fother")]
    [InlineData("lobby\u0001")]
    [InlineData("lobby\n")]
    [InlineData(" ")]
    [InlineData("lobb\u00e9")]
    public void IsValid_NotOneSegment_IsFalse(string value) => Assert.False(new SseTopicSegmentAttribute().IsValid(value));

    [Fact]
    public void IsValid_LongerThanMaxLength_IsFalse()
    {
        var attribute = new SseTopicSegmentAttribute { MaxLength = 8 };

        Assert.True(attribute.IsValid(new string('a', 8)));
        Assert.False(attribute.IsValid(new string('a', 9)));
    }

    [Fact]
    public void IsValid_ValueThatIsNotText_IsFalse() => Assert.False(new SseTopicSegmentAttribute().IsValid(42));

    [Fact]
    public void Message_NamesTheValueAndTheLimit() =>
        Assert.Equal(
            "The room must be one topic name segment: at most 64 characters of A-Z, a-z, 0-9, '.', '_' and '-', and not '.' or '..'.",
            new SseTopicSegmentAttribute().FormatErrorMessage("room"));
}
