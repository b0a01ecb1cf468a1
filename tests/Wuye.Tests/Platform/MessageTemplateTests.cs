using Wuye.Platform.Notifications;

namespace Wuye.Tests.Platform;

/// <summary>Message templates and quiet hours: plain rules, no database.</summary>
public sealed class MessageTemplateTests
{
    [Fact]
    public void Every_kind_renders_in_chinese_and_english_with_the_readers_name()
    {
        var args = new Dictionary<string, string> { ["occasion"] = "生日", ["occasion.en"] = "birthday" };
        var g = MessageTemplates.Get("greeting");
        Assert.Equal(("【问候】祝您生日快乐", "尊敬的王芳：物业服务中心全体员工祝您生日快乐！"), g.Render(false, args, "王芳"));
        Assert.Equal("[Greetings] Happy birthday", g.Render(true, args, "Wang Fang").Title);
        Assert.All(MessageTemplates.All, t => Assert.DoesNotContain("{", t.Render(true, new Dictionary<string, string>(), "x").Body));
        Assert.Equal(MessageUrgency.Emergency, MessageTemplates.Get("emergency").Urgency);
        Assert.Throws<ArgumentException>(() => MessageTemplates.Get("spam"));
    }

    [Theory]
    [InlineData(21, 59, null)]
    [InlineData(22, 0, 8)]
    [InlineData(23, 30, 8)]
    [InlineData(7, 59, 8)]
    [InlineData(8, 0, null)]
    public void Quiet_hours_run_from_ten_at_night_to_eight_in_the_morning_china_time(int h, int m, int? until)
    {
        var now = new DateTimeOffset(2026, 12, 7, h, m, 0, TimeSpan.FromHours(8));
        var end = DeliveryPolicy.QuietEnd(now);
        Assert.Equal(until is null, end is null);
        if (end is { } e)
        {
            var local = e.ToOffset(TimeSpan.FromHours(8));
            Assert.Equal((8, 0), (local.Hour, local.Minute));
            Assert.InRange(e - now, TimeSpan.FromMinutes(1), TimeSpan.FromHours(10));
        }
    }
}
