using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.CustomerCare.Contracts;
using Wuye.Modules.Emergencies.Domain;
using Wuye.Modules.Emergencies.Features.ListOutages;
using Wuye.Modules.Emergencies.Features.Shared;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Notifications;
using Wuye.Platform.Web;

namespace Wuye.Modules.Emergencies.Features.OutageProgress;

internal sealed record OutageCancelInput(string? Reason) : IValidatable
{
    public void Validate(Validator v) =>
        v.Required("reason", Reason, "取消原因", "Reason").MaxLength("reason", Reason, 300, "取消原因", "Reason");
}

/// <summary>The engineering side confirms the temporary water supply in place, and the supply restored (the residents told were told
/// it is back).</summary>
internal sealed class OutageProgressHandler(WuyeDb db, TimeProvider clock, Actors actors, Notifier notifier, INoticeBoard board)
{
    private async Task<PlannedOutage> LoadAsync(Guid id, CancellationToken ct) =>
        await db.Set<PlannedOutage>().FirstOrDefaultAsync(o => o.Id == id, ct) ?? throw new NotFoundException("planned outage");

    public async Task TemporaryWaterAsync(Guid id, CancellationToken ct)
    {
        var outage = await LoadAsync(id, ct);
        var (_, name) = await actors.MeAsync(ct);
        outage.ConfirmTemporaryWater(name, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
    }

    public async Task EndAsync(Guid id, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var outage = await OutageLock.LoadAsync(db, id, ct);
        var (_, name) = await actors.MeAsync(ct);
        outage.End(name, clock.GetUtcNow());
        var units = await db.Set<OutageNotice>().Where(n => n.PlannedOutageId == id).Select(n => n.UnitIds).ToListAsync(ct);
        var told = units.SelectMany(u => u).Distinct().ToArray();
        if (told.Length > 0)
        {
            var residents = await actors.ResidentsAsync(outage.ProjectId, [], told, ct);
            var kind = outage.Kind == OutageKind.Water ? "供水" : "供电";
            await notifier.NotifyAsync(
                residents,
                outage.CompanyId,
                $"已恢复{kind}",
                $"{ChinaTime.Text(outage.EndedAt)} 已恢复{kind}，感谢您的理解与配合。",
                null,
                $"outage-restored:{outage.Id:N}",
                ct
            );
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>
    /// Calls the outage off before its start; the residents already told are told it is off, and its notices come off the notice
    /// board (audited as a change).
    /// </summary>
    public async Task CancelAsync(Guid id, OutageCancelInput input, CancellationToken ct)
    {
        Validator.Check(input);
        var (_, name) = await actors.MeAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var outage = await OutageLock.LoadAsync(db, id, ct);
        outage.Cancel(input.Reason!.Trim(), name, clock.GetUtcNow());
        var notices = await db.Set<OutageNotice>()
            .Where(n => n.PlannedOutageId == id)
            .Select(n => new { n.UnitIds, n.BoardNoticeId })
            .ToListAsync(ct);
        foreach (var posted in notices.Select(n => n.BoardNoticeId).OfType<Guid>().Distinct())
            await board.WithdrawAsync(posted, ct);
        var told = notices.SelectMany(n => n.UnitIds).Distinct().ToArray();
        if (told.Length > 0)
        {
            var residents = await actors.ResidentsAsync(outage.ProjectId, [], told, ct);
            var kind = EmergencyText.Outage(outage.Kind);
            await notifier.NotifyAsync(
                residents,
                outage.CompanyId,
                $"{kind}取消",
                $"原定 {ChinaTime.Text(outage.StartsAt)} 开始的{kind}已取消（{outage.CancelReason}），届时正常供应。",
                null,
                $"outage-cancelled:{outage.Id:N}",
                ct
            );
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }

    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost(
                "/planned-outages/{id:guid}/cancel",
                async Task<Ok<OutageDto>> (
                    OutageProgressHandler h,
                    OutageReads reads,
                    Guid id,
                    OutageCancelInput body,
                    CancellationToken ct
                ) =>
                {
                    await h.CancelAsync(id, body, ct);
                    return TypedResults.Ok(await reads.OneAsync(id, ct));
                }
            )
            .WithTags("Emergencies")
            .RequireRoles(EmergencyRoles.OutagePlanners)
            .WithSummary("Call a planned outage off before its start {reason}: it ends; the residents told are told it is off");
        api.MapPost(
                "/planned-outages/{id:guid}/temporary-water",
                async Task<Ok<OutageDto>> (OutageProgressHandler h, OutageReads reads, Guid id, CancellationToken ct) =>
                {
                    await h.TemporaryWaterAsync(id, ct);
                    return TypedResults.Ok(await reads.OneAsync(id, ct));
                }
            )
            .WithTags("Emergencies")
            .RequireRoles(EmergencyRoles.OutagePlanners)
            .WithSummary("Confirm the temporary water supply in place (required before ending an outage of more than 2 hours)");
        api.MapPost(
                "/planned-outages/{id:guid}/end",
                async Task<Ok<OutageDto>> (OutageProgressHandler h, OutageReads reads, Guid id, CancellationToken ct) =>
                {
                    await h.EndAsync(id, ct);
                    return TypedResults.Ok(await reads.OneAsync(id, ct));
                }
            )
            .WithTags("Emergencies")
            .RequireRoles(EmergencyRoles.OutagePlanners)
            .WithSummary("Supply restored: the outage ends and the residents told are told it is back");
    }
}
