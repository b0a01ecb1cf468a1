using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Wuye.Platform.Notifications;
using Wuye.Tests.Kit;

namespace Wuye.Tests.Modules.Regulation;

/// <summary>
/// What the regulation job tests share: one app on a clock set to tomorrow 10:00 China time, a day by offset, and the in-app
/// notifications a user received under a dedupe key. The classes share one app (<see cref="RegulationJobsCollection"/>).
/// </summary>
public abstract class MovedClockApp(SharedApp shared) : IAsyncLifetime
{
    protected static readonly TimeSpan China = TimeSpan.FromHours(8);
    protected static readonly DateTime Day = DateTimeOffset.UtcNow.ToOffset(China).Date.AddDays(1);
    protected readonly FakeTimeProvider Clock = Clocks.At(new DateTimeOffset(Day.AddHours(10), China));
    protected WuyeApp App { get; private set; } = null!;

    public ValueTask InitializeAsync()
    {
        App = shared.Use(Clock);
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    protected static string On(int days) => DateOnly.FromDateTime(Day).AddDays(days).ToString("yyyy-MM-dd");

    /// <summary>Moves the clock to <paramref name="days"/> after the start day at 09:00 China time.</summary>
    protected void MoveTo(int days) => Clock.SetUtcNow(new DateTimeOffset(Day.AddDays(days).AddHours(9), China).ToUniversalTime());

    protected Task<int> InAppAsync(string user, string dedupePrefix) =>
        App.DbAsync(async db =>
        {
            var id = await db.Users.Where(u => u.UserName == user).Select(u => u.Id).FirstAsync();
            return await db.Set<OutboxMessage>()
                .CountAsync(m =>
                    m.RecipientUserId == id && m.Channel == NotificationChannel.InApp && m.DedupeKey!.StartsWith(dedupePrefix)
                );
        });
}
