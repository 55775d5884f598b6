using Igtimi.Client.Dialects.Sap;
using Xunit;

namespace Igtimi.Client.Tests.Sap;

public class RepeatedMessageFilterTests
{
    [Fact]
    public void Only_exactly_the_same_bytes_are_a_repeat()
    {
        var filter = new RepeatedMessageFilter();
        var random = new Random(7);
        var messages = Enumerable.Range(0, 5000).Select(i =>
        {
            var bytes = new byte[1 + random.Next(120)];
            random.NextBytes(bytes);
            return bytes;
        }).ToList();
        // Near twins: the same bytes but one, and the same bytes one shorter.
        messages.Add([.. messages[0][..^1], (byte)(messages[0][^1] ^ 1)]);
        if (messages[1].Length > 1) messages.Add(messages[1][..^1]);
        var distinct = messages.Select(Convert.ToBase64String).Distinct().Count();
        Assert.Equal(distinct, messages.Count(m => !filter.IsRepeat(m)));
        Assert.All(messages, m => Assert.True(filter.IsRepeat(m)));
    }

    [Fact]
    public void Clear_forgets_and_messages_too_long_to_keep_are_never_filtered()
    {
        var filter = new RepeatedMessageFilter();
        byte[] small = [1, 2, 3], huge = new byte[70_000];
        Assert.False(filter.IsRepeat(small));
        Assert.True(filter.IsRepeat(small));
        Assert.False(filter.IsRepeat(huge));
        Assert.False(filter.IsRepeat(huge));
        Assert.False(filter.IsRepeat(ReadOnlySpan<byte>.Empty));
        filter.Clear();
        Assert.Equal(0, filter.KeptBytes);
        Assert.False(filter.IsRepeat(small));
    }
}
