using Microsoft.EntityFrameworkCore;
using Wuye.Platform.Demo;

namespace Wuye.Platform.Notifications;

/// <summary>
/// The messages the demo desk (service) and steward sent in the last days, so 发送记录 shows each state: SMS delivered
/// and failed by the gateway's receipt, one still waiting for its receipt, one past <see cref="SmsOptions.ReceiptHours"/>
/// without one (无回执), an e-mail and an in-app message sent, one not sent because the person opted out. Written as
/// outbox messages that the dispatcher already handled (sent times from the clock, receipts recorded through the entity).
/// </summary>
internal sealed class DeliveryDemoData(TimeProvider clock) : IDemoDataContributor
{
    public int Order => 99;

    public async Task SeedAsync(DemoSeedContext ctx, CancellationToken ct)
    {
        var db = ctx.Db;
        var now = clock.GetUtcNow();
        var senders = await db
            .Users.Where(u => u.UserName == "service" || u.UserName == "steward")
            .Select(u => new { u.Id, u.CompanyId })
            .ToListAsync(ct);
        var to = await db
            .Users.Where(u => u.PhoneNumber != null && u.UserName != "service" && u.UserName != "steward")
            .OrderBy(u => u.UserName)
            .Select(u => new { u.Id, u.PhoneNumber })
            .Take(6)
            .ToListAsync(ct);
        var mail = await db
            .Users.Where(u => u.Email != null && u.UserName != "service" && u.UserName != "steward")
            .OrderBy(u => u.UserName)
            .Select(u => new { u.Id, u.Email })
            .FirstOrDefaultAsync(ct);
        if (to.Count == 0)
            return;
        var i = 0;
        foreach (var s in senders)
        {
            OutboxMessage Sms(double hoursAgo)
            {
                var r = to[i++ % to.Count];
                var sentAt = now.AddHours(-hoursAgo);
                var m = new OutboxMessage
                {
                    Channel = NotificationChannel.Sms,
                    RecipientUserId = r.Id,
                    CompanyId = s.CompanyId,
                    Address = r.PhoneNumber,
                    Title = "电梯停运检修通知",
                    Body = "2号梯今日 9:00–12:00 检修停运，请走楼梯或使用1号梯，给您带来不便敬请谅解。",
                    Kind = "message",
                    Status = OutboxStatus.Sent,
                    Attempts = 1,
                    CreatedAt = sentAt.AddSeconds(-ctx.Random.Next(5, 60)),
                    NextAttemptAt = sentAt,
                    SentAt = sentAt,
                    SenderUserId = s.Id,
                    GroupId = Guid.CreateVersion7(),
                };
                m.ProviderRef = $"{ctx.Random.Next(100000, 999999)}^{m.Id.ToString("N")[..8]}";
                return m;
            }
            var delivered = Sms(26 + ctx.Random.Next(0, 20));
            delivered.RecordReceipt(true, null, null, delivered.SentAt!.Value.AddSeconds(ctx.Random.Next(3, 40)));
            var failed = Sms(20 + ctx.Random.Next(0, 20));
            failed.RecordReceipt(false, "MOBILE_NOT_ON_SERVICE", null, failed.SentAt!.Value.AddSeconds(ctx.Random.Next(3, 40)));
            var waiting = Sms(ctx.Random.Next(1, 6));
            var noReceipt = Sms(24 * 4 + ctx.Random.Next(0, 24));
            db.AddRange(delivered, failed, waiting, noReceipt);
            if (mail is not null)
                db.Add(
                    new OutboxMessage
                    {
                        Channel = NotificationChannel.Email,
                        RecipientUserId = mail.Id,
                        CompanyId = s.CompanyId,
                        Address = mail.Email,
                        Title = "本月物业费账单已出",
                        Body = "您好，本月物业费账单已出，可在业主门户查看并缴纳。",
                        Kind = "message",
                        Status = OutboxStatus.Sent,
                        Attempts = 1,
                        CreatedAt = now.AddHours(-30),
                        NextAttemptAt = now.AddHours(-30),
                        SentAt = now.AddHours(-30),
                        SenderUserId = s.Id,
                    }
                );
            db.Add(
                new OutboxMessage
                {
                    Channel = NotificationChannel.Sms,
                    RecipientUserId = to[i++ % to.Count].Id,
                    CompanyId = s.CompanyId,
                    Title = "社区活动报名提醒",
                    Body = "元旦亲子游园会开始报名，欢迎参加。",
                    Kind = "message",
                    Status = OutboxStatus.Suppressed,
                    LastError = "opted-out: 已撤回消息同意 / consent withdrawn",
                    CreatedAt = now.AddHours(-50),
                    NextAttemptAt = now.AddHours(-50),
                    SenderUserId = s.Id,
                }
            );
        }
        await db.SaveChangesAsync(ct);
    }
}
