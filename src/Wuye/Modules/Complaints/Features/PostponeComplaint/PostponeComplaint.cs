using System.Text.RegularExpressions;
using Wuye.Modules.Complaints.Domain;
using Wuye.Modules.Complaints.Features.Shared;
using Wuye.Platform.Database;
using Wuye.Platform.Notifications;
using Wuye.Platform.Web;

namespace Wuye.Modules.Complaints.Features.PostponeComplaint;

/// <summary>The new promise: a time, or a number of working days on from the one given (the project's calendar).</summary>
internal sealed record PostponeInput(DateTimeOffset? ReplyDueAt, string? Reason, int? WorkingDays = null) : IValidatable
{
    public void Validate(Validator v)
    {
        v.Required("reason", Reason, "延期原因", "Reason")
            .MaxLength("reason", Reason, 200, "延期原因", "Reason")
            .Range("workingDays", WorkingDays, 1, 5, "延期工作日", "Working days");
        if (ReplyDueAt is null && WorkingDays is null)
            v.Add("replyDueAt", "请填写新的答复时间或延期的工作日数", "Give the new reply time or the number of working days");
        else if (ReplyDueAt is not null && WorkingDays is not null)
            v.Add("workingDays", "新的答复时间和延期工作日只填一项", "Give either the new reply time or the working days, not both");
    }
}

/// <summary>
/// POST /complaints/{id}/postpone: puts the promised reply off, once, with a reason, to a given time or by
/// working days on the project's business calendar; the complainant is told (in-app and by SMS).
/// </summary>
internal sealed partial class PostponeComplaintHandler(WuyeDb db, Notifier notifier, ComplaintSteps steps, ComplaintPromises promises)
{
    public static void Map(RouteGroupBuilder api) =>
        ComplaintApi.MapAction<PostponeInput, PostponeComplaintHandler>(
            api,
            "postpone",
            (h, id, b, ct) => h.HandleAsync(id, b, ct),
            "Postpone the promised reply, once, with a reason, to a given time or by workingDays on the project's business calendar; the "
                + "complainant is told by SMS"
        );

    public async Task HandleAsync(Guid id, PostponeInput input, CancellationToken ct)
    {
        var (c, actor) = await steps.LoadForHandlerAsync(id, ct);
        c.CheckPostponable();
        var due = input.ReplyDueAt?.ToUniversalTime()
            ?? await promises.PromiseAsync(c.CompanyId, c.ProjectId, c.PostponeFrom(steps.Now), input.WorkingDays!.Value, ct);
        var old = c.Postpone(due, input.Reason!, steps.Now);
        var informed = await InformComplainantAsync(
            c,
            $"【物业服务中心】您反映的问题（{c.Number}）因{c.PostponeReason}，答复时间延至 {ChinaTime.Text(due)}，给您带来不便敬请谅解。",
            ct
        );
        steps.Log(
            c,
            ComplaintEventKind.Postponed,
            actor,
            Loc.T(
                $"{ChinaTime.Text(old)} → {ChinaTime.Text(due)}；原因：{c.PostponeReason}；{(informed ? "已短信通知投诉人" : "投诉人无手机号，请电话告知")}",
                $"{ChinaTime.Text(old)} → {ChinaTime.Text(due)}; reason: {c.PostponeReason}; "
                    + $"{(informed ? "complainant told by SMS" : "no mobile number: call the complainant")}"
            )
        );
        await db.SaveChangesAsync(ct);
    }

    [GeneratedRegex(@"^1[3-9]\d{9}$")]
    private static partial Regex Mobile();

    private async Task<bool> InformComplainantAsync(Complaint c, string text, CancellationToken ct)
    {
        if (c.ComplainantUserId is { } u)
            await notifier.NotifyAsync([u], c.CompanyId, $"投诉 {c.Number} 答复延期", text, $"/complaints/{c.Id}", null, ct);
        if (c.ComplainantPhone is not { } phone || !Mobile().IsMatch(phone))
            return c.ComplainantUserId is not null;
        // The complainant need not have an account: the SMS goes to the number they gave.
        var now = steps.Now;
        db.Add(
            new OutboxMessage
            {
                Channel = NotificationChannel.Sms,
                CompanyId = c.CompanyId,
                Address = phone,
                Title = $"投诉 {c.Number} 答复延期",
                Body = text,
                DedupeKey = $"complaint:{c.Id:N}:postpone:sms",
                Status = OutboxStatus.Pending,
                NextAttemptAt = now,
                CreatedAt = now,
            }
        );
        return true;
    }
}
