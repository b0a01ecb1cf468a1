using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Emergencies.Domain;
using Wuye.Modules.Emergencies.Features.ListDrills;
using Wuye.Modules.Emergencies.Features.Shared;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Notifications;
using Wuye.Platform.Web;

namespace Wuye.Modules.Emergencies.Features.CompleteDrill;

internal sealed record FindingInput(string? Finding, Guid? OwnerUserId, DateOnly? DueOn);

internal sealed record CompleteDrillInput(List<string>? Participants, string? Summary, List<FindingInput>? Findings) : IValidatable
{
    public void Validate(Validator v)
    {
        v.Required("summary", Summary, "演练总结", "Summary").MaxLength("summary", Summary, 2000, "演练总结", "Summary");
        if (Participants is null || Participants.All(string.IsNullOrWhiteSpace))
            v.Add("participants", "请填写参加人员", "Who took part is required");
        else if (Participants.Count > 200 || Participants.Any(p => p?.Length > 50))
            v.Add("participants", "参加人员最多 200 人，每人姓名不超过 50 字", "At most 200 participants of 50 characters each");
        for (var i = 0; i < (Findings?.Count ?? 0); i++)
            v.Required($"findings[{i}].finding", Findings![i].Finding, "发现的问题", "Finding")
                .MaxLength($"findings[{i}].finding", Findings[i].Finding, 500, "发现的问题", "Finding")
                .Required($"findings[{i}].ownerUserId", Findings[i].OwnerUserId, "整改责任人", "Owner")
                .Required($"findings[{i}].dueOn", Findings[i].DueOn, "整改期限", "Deadline");
    }
}

/// <summary>
/// A drill ends: who took part, the summary, and each finding becomes an action with an owner (a staff account of the project) and a
/// deadline; the owner is told and finds it on their home list. The drill's run is closed if still open. One save.
/// </summary>
internal sealed class CompleteDrillHandler(WuyeDb db, TimeProvider clock, Actors actors, Notifier notifier)
{
    public async Task CompleteAsync(Guid drillId, CompleteDrillInput input, CancellationToken ct)
    {
        var drill = await db.Set<Drill>().FirstOrDefaultAsync(d => d.Id == drillId, ct) ?? throw new NotFoundException("drill");
        var now = clock.GetUtcNow();
        var today = ChinaTime.Today(clock);
        drill.Complete(input.Participants!, input.Summary!, now);
        var findings = input.Findings ?? [];
        var ownerIds = findings.Select(f => f.OwnerUserId!.Value).Distinct().ToList();
        var owners = await db
            .RoleAssignments.AsNoTracking()
            .Where(r =>
                ownerIds.Contains(r.UserId) && r.CompanyId == drill.CompanyId && (r.ProjectId == null || r.ProjectId == drill.ProjectId)
            )
            .Join(db.Users, r => r.UserId, u => u.Id, (r, u) => new { u.Id, Name = u.DisplayName ?? u.UserName ?? "" })
            .Distinct()
            .ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        var actions = new List<DrillAction>();
        for (var i = 0; i < findings.Count; i++)
        {
            var f = findings[i];
            if (!owners.TryGetValue(f.OwnerUserId!.Value, out var name))
                throw ValidationException.For(
                    $"findings[{i}].ownerUserId",
                    "责任人须是本项目的员工",
                    "The owner must be staff of the project"
                );
            actions.Add(drill.Finding(f.Finding!, f.OwnerUserId, name, f.DueOn!.Value, today, $"findings[{i}]"));
        }
        db.AddRange(actions);
        if (drill.IncidentId is { } run)
        {
            var incident = await db.Set<Incident>().Include(x => x.Steps).FirstAsync(x => x.Id == run, ct);
            if (incident.ClosedAt is null)
            {
                var (_, me) = await actors.MeAsync(ct);
                incident.Close(Loc.T("演练", "Drill"), input.Summary!, Loc.T("演练结束", "Drill ended"), now);
                db.Add(IncidentEntry.For(incident, EntryKind.Closed, Loc.T("演练结束", "Drill ended"), me, now));
            }
        }
        foreach (var a in actions)
            await notifier.NotifyAsync(
                [a.OwnerUserId!.Value],
                drill.CompanyId,
                $"演练整改：{drill.Title}",
                $"{a.Finding}（期限 {a.DueOn:yyyy-MM-dd}）",
                DrillReads.Link(drill.Id),
                $"drill-action:{a.Id:N}",
                ct
            );
        await db.SaveChangesAsync(ct);
    }

    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost(
                "/drills/{id:guid}/complete",
                async Task<Ok<DrillDto>> (
                    CompleteDrillHandler h,
                    DrillReads reads,
                    Guid id,
                    CompleteDrillInput body,
                    CancellationToken ct
                ) =>
                {
                    await h.CompleteAsync(id, body, ct);
                    return TypedResults.Ok(await reads.OneAsync(id, ct));
                }
            )
            .WithTags("Emergencies")
            .RequireRoles(EmergencyRoles.Managers)
            .WithSummary("Complete a drill: participants, summary, findings as actions with owners and deadlines (owners told)");
    }
}
