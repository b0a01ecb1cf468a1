using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.CustomerCare.Contracts;
using Wuye.Modules.Emergencies.Domain;
using Wuye.Modules.Emergencies.Features.ListOutages;
using Wuye.Modules.Emergencies.Features.Shared;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Notifications;
using Wuye.Platform.Web;

namespace Wuye.Modules.Emergencies.Features.PublishOutageNotice;

/// <summary>Which units to tell (all of the area when empty) and the text (written from the outage when empty).</summary>
internal sealed record OutageNoticeInput(List<Guid>? UnitIds, string? Text) : IValidatable
{
    public void Validate(Validator v)
    {
        v.MaxLength("text", Text, 1000, "通知内容", "Notice");
        if (UnitIds is { Count: > 2000 })
            v.Add("unitIds", "最多 2000 户", "At most 2000 units");
    }
}

/// <summary>
/// 停水停电通知: the notice goes up on the project's notice board (公示栏, CustomerCare's <see cref="INoticeBoard"/>) for the affected
/// buildings' households, and each resident of the affected units is told through the notification channels; a notice after the
/// deadline is flagged late. Units outside the outage's area are refused one by one.
/// </summary>
internal sealed class PublishOutageNoticeHandler(
    WuyeDb db,
    TimeProvider clock,
    Actors actors,
    Notifier notifier,
    INoticeBoard board,
    OutageReads reads
)
{
    public static string DefaultText(PlannedOutage o, IEnumerable<string> area)
    {
        var kind = o.Kind == OutageKind.Water ? "停水" : "停电";
        var water = o.TemporaryWater is null ? "" : $"临时供水安排：{o.TemporaryWater}。";
        return $"因{o.Reason}，{string.Join("、", area)}将于 {ChinaTime.Text(o.StartsAt)} 至 {ChinaTime.Text(o.ExpectedEndAt)} {kind}，"
            + $"请提前做好准备。{water}如有疑问请联系客服中心。";
    }

    public async Task<OutageNotice> PublishAsync(Guid outageId, OutageNoticeInput input, CancellationToken ct)
    {
        // The outage's row is locked first (as cancelling and ending lock it): a cancel at the same moment either sees this notice's
        // units among the told, or has ended the outage before this reads it, and the notice is refused.
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var outage = await OutageLock.LoadAsync(db, outageId, ct);
        outage.EnsureNotEnded();
        var area = await reads.AreaUnits(outage).Select(u => new { u.Id, u.BuildingId }).ToListAsync(ct);
        var areaIds = area.Select(u => u.Id).ToHashSet();
        var asked = input.UnitIds ?? [];
        var v = new Validator();
        for (var i = 0; i < asked.Count; i++)
            if (!areaIds.Contains(asked[i]))
                v.Add($"unitIds[{i}]", $"该房屋不在本次{EmergencyText.Outage(outage.Kind)}范围内", "The unit is outside the outage's area");
        v.ThrowIfAny();
        var units = asked.Count > 0 ? asked.Distinct().ToArray() : [.. areaIds];
        var buildingIds = area.Where(u => units.Contains(u.Id)).Select(u => u.BuildingId).Distinct().ToArray();
        var dto = await reads.OneAsync(outage.Id, ct);
        var text = string.IsNullOrWhiteSpace(input.Text) ? DefaultText(outage, [.. dto.Buildings, .. dto.Units]) : input.Text.Trim();
        var title = $"{(outage.Kind == OutageKind.Water ? "停水" : "停电")}通知：{ChinaTime.ToChina(outage.StartsAt):M月d日 HH:mm}起";
        var (_, name) = await actors.MeAsync(ct);
        var now = clock.GetUtcNow();
        var posted = await board.PostAsync(
            new PostNotice(
                outage.ProjectId,
                title,
                text,
                NoticeKind.General,
                NoticeAudience.Owners,
                buildingIds,
                outage.ExpectedEndAt > now ? outage.ExpectedEndAt.AddDays(1) : now.AddDays(1),
                true,
                false,
                "emergencies"
            ),
            ct
        );
        var residents = await actors.ResidentsAsync(outage.ProjectId, [], units, ct);
        var notice = outage.Notify(units, residents.Count, posted.Id, text, name, now);
        db.Add(notice);
        await notifier.SendAsync(
            residents,
            outage.CompanyId,
            new Message(
                "notice",
                new Dictionary<string, string> { ["title"] = title, ["body"] = text.Length > 300 ? text[..300] + "…" : text },
                $"/portal/notices/{posted.Id}",
                $"outage-notice:{notice.Id:N}"
            ),
            ct
        );
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return notice;
    }

    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost(
                "/planned-outages/{id:guid}/notices",
                async Task<Ok<OutageDto>> (
                    PublishOutageNoticeHandler h,
                    OutageReads reads,
                    Guid id,
                    OutageNoticeInput body,
                    CancellationToken ct
                ) =>
                {
                    await h.PublishAsync(id, body, ct);
                    return TypedResults.Ok(await reads.OneAsync(id, ct));
                }
            )
            .WithTags("Emergencies")
            .RequireRoles(EmergencyRoles.OutagePlanners)
            .WithSummary("Tell the affected residents: on the notice board and through the notification channels; late after the deadline");
    }
}
