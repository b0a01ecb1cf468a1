using Wuye.Modules.MasterData.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Inspections.Domain;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Inspections.Features;

public sealed record WaveSlotInput(string? TeamName, List<Guid>? MemberUserIds, Guid? ProjectId, DateTimeOffset? StartsAt, DateTimeOffset? EndsAt);

public sealed record WaveInput(string? Name, DateTimeOffset? StartsAt, List<WaveSlotInput>? Slots) : IValidatable
{
    public void Validate(Validator v)
    {
        v.Required("name", Name, "活动名称", "Name").MaxLength("name", Name, 100, "活动名称", "Name").Required("startsAt", StartsAt, "开始时间", "Start");
        if (Slots is not { Count: >= 2 }) { v.Add("slots", "海浪式检查至少安排两个时段", "A wave campaign needs at least two time slots"); return; }
        for (var i = 0; i < Slots.Count; i++)
        {
            var s = Slots[i];
            var at = $"slots[{i}]";
            if (s is null) { v.Add(at, "时段不能为空", "A slot cannot be empty"); continue; }
            v.Required($"{at}.teamName", s.TeamName, "检查组", "Team").MaxLength($"{at}.teamName", s.TeamName, 50, "检查组", "Team")
             .Required($"{at}.projectId", s.ProjectId, "项目", "Project").Required($"{at}.startsAt", s.StartsAt, "开始", "Start").Required($"{at}.endsAt", s.EndsAt, "结束", "End");
            if (s.MemberUserIds is not { Count: > 0 }) v.Add($"{at}.memberUserIds", "检查组至少一人", "A team needs at least one member");
            if (s.StartsAt is { } a && s.EndsAt is { } b)
            {
                if (b <= a) v.Add($"{at}.endsAt", "结束时间应晚于开始时间", "The slot must end after it starts");
                if (StartsAt is { } c && (a < c || b > c.AddHours(24))) v.Add($"{at}.startsAt", "时段须在活动开始后的 24 小时内", "Slots must lie within the campaign's 24 hours");
            }
        }
    }
}

public sealed record WaveSlotDto(Guid Id, string TeamName, Guid ProjectId, string ProjectName, DateTimeOffset StartsAt, DateTimeOffset EndsAt,
    string Status, Guid? InspectionId, int Findings);

/// <summary>Hours of the day (China time) that some slot covers, of 24; and slots done, missed and to come.</summary>
public sealed record WaveDto(Guid Id, string Name, DateTimeOffset StartsAt, int Teams, int HoursCovered, int Done, int Missed, int Upcoming, List<WaveSlotDto> Slots);

public sealed record WaveCompleteInput(Guid? InspectionId) : IValidatable
{
    public void Validate(Validator v) => v.Required("inspectionId", InspectionId, "核查记录", "Inspection");
}

internal static class WaveInspectionEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/wave-inspections").WithTags("Inspections");

        g.MapGet("/", async (WuyeDb db, TimeProvider clock, int? page, int? pageSize, CancellationToken ct) =>
        {
            var paged = await db.Set<WaveInspection>().AsNoTracking().OrderByDescending(w => w.StartsAt).ToPagedAsync(page, pageSize, ct);
            var list = new List<WaveDto>();
            foreach (var w in paged.Items) list.Add((await LoadAsync(db, clock, w.Id, ct))!);
            return TypedResults.Ok(new Paged<WaveDto>(list, paged.Page, paged.PageSize, paged.Total));
        }).WithSummary("Wave inspection campaigns (海浪式检查)");

        g.MapGet("/{id:guid}", async Task<Results<Ok<WaveDto>, NotFound>> (WuyeDb db, TimeProvider clock, Guid id, CancellationToken ct) =>
            await LoadAsync(db, clock, id, ct) is { } dto ? TypedResults.Ok(dto) : TypedResults.NotFound()).WithSummary("One campaign with its slots");

        g.MapPost("/", async Task<Created<WaveDto>> (WuyeDb db, TimeProvider clock, WaveInput body, CancellationToken ct) =>
        {
            var companyId = Qpi.ActingCompany(db, null);
            var projectIds = body.Slots!.Select(s => s.ProjectId!.Value).Distinct().ToList();
            var projects = await db.ProjectRefs().AsNoTracking().Where(p => projectIds.Contains(p.Id) && p.CompanyId == companyId).Select(p => p.Id).ToListAsync(ct);
            var memberIds = body.Slots!.SelectMany(s => s.MemberUserIds ?? []).Distinct().ToList();
            var members = await db.RoleAssignments.AsNoTracking().Where(r => memberIds.Contains(r.UserId) && r.CompanyId == companyId).Select(r => r.UserId).Distinct().ToListAsync(ct);
            var v = new Validator();
            for (var i = 0; i < body.Slots!.Count; i++)
            {
                if (!projects.Contains(body.Slots[i].ProjectId!.Value)) v.Add($"slots[{i}].projectId", "项目不存在或不在本公司", "Project not found in this company");
                if (body.Slots[i].MemberUserIds!.Any(m => !members.Contains(m))) v.Add($"slots[{i}].memberUserIds", "检查组成员不在本公司", "A member does not work for this company");
            }
            v.ThrowIfAny();
            // A team is in one place at a time.
            foreach (var team in body.Slots!.GroupBy(s => s.TeamName!.Trim()))
            {
                var ordered = team.OrderBy(s => s.StartsAt).ToList();
                for (var i = 1; i < ordered.Count; i++)
                    if (ordered[i].StartsAt < ordered[i - 1].EndsAt)
                        throw new RuleException("wave_inspection.team_overlap", $"检查组“{team.Key}”的时段重叠", $"Team \"{team.Key}\" has overlapping slots");
            }
            var wave = new WaveInspection { CompanyId = companyId, Name = body.Name!.Trim(), StartsAt = body.StartsAt!.Value.ToUniversalTime() };
            db.Add(wave);
            foreach (var s in body.Slots!)
                db.Add(new WaveSlot
                {
                    CompanyId = companyId, ProjectId = s.ProjectId!.Value, CampaignId = wave.Id, TeamName = s.TeamName!.Trim(),
                    MemberUserIds = [.. s.MemberUserIds!.Distinct()], StartsAt = s.StartsAt!.Value.ToUniversalTime(), EndsAt = s.EndsAt!.Value.ToUniversalTime(),
                });
            await db.SaveChangesAsync(ct);
            return TypedResults.Created($"/api/v1/wave-inspections/{wave.Id}", (await LoadAsync(db, clock, wave.Id, ct))!);
        }).RequireRoles(Roles.QualityInspector, Roles.CompanyManager).WithSummary("Schedule a campaign: teams × projects × time slots across 24 hours");

        g.MapPost("/{id:guid}/slots/{slotId:guid}/complete", async Task<Results<Ok<WaveDto>, NotFound>> (WuyeDb db, TimeProvider clock, Guid id, Guid slotId, WaveCompleteInput body, CancellationToken ct) =>
        {
            var slot = await db.Set<WaveSlot>().FirstOrDefaultAsync(s => s.Id == slotId && s.CampaignId == id, ct);
            if (slot is null) return TypedResults.NotFound();
            if (slot.InspectionId is not null) throw new RuleException("wave_inspection.slot_done", "该时段已完成", "This slot is already done");
            var inspection = await db.Set<Inspection>().AsNoTracking().FirstOrDefaultAsync(i => i.Id == body.InspectionId, ct)
                ?? throw Qpi.Invalid("inspectionId", "核查记录不存在", "Inspection not found");
            if (inspection.ProjectId != slot.ProjectId || inspection.CheckedAt < slot.StartsAt || inspection.CheckedAt > slot.EndsAt || !slot.MemberUserIds.Contains(inspection.InspectorUserId))
                throw new RuleException("wave_inspection.outside_slot", "该核查不是本检查组在本时段、本项目所做", "The inspection was not made by this team at this project within the slot");
            if (await db.Set<WaveSlot>().AnyAsync(s => s.InspectionId == inspection.Id, ct))
                throw new RuleException("wave_inspection.inspection_used", "该核查已计入其他时段", "The inspection already counts for another slot");
            slot.InspectionId = inspection.Id;
            await db.SaveChangesAsync(ct);
            return TypedResults.Ok((await LoadAsync(db, clock, id, ct))!);
        }).RequireRoles(Roles.QualityInspector, Roles.CompanyManager, Roles.ProjectManager).WithSummary("Count an inspection as a slot's wave");
    }

    internal static async Task<WaveDto?> LoadAsync(WuyeDb db, TimeProvider clock, Guid id, CancellationToken ct)
    {
        var w = await db.Set<WaveInspection>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (w is null) return null;
        var now = clock.GetUtcNow();
        var slots = await db.Set<WaveSlot>().AsNoTracking().Where(s => s.CampaignId == id).OrderBy(s => s.StartsAt).ToListAsync(ct);
        var projectIds = slots.Select(s => s.ProjectId).Distinct().ToList();
        var names = await db.ProjectRefs().Where(p => projectIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        var inspectionIds = slots.Where(s => s.InspectionId != null).Select(s => s.InspectionId!.Value).ToList();
        var findings = await db.Set<Finding>().Where(f => inspectionIds.Contains(f.InspectionId)).GroupBy(f => f.InspectionId).Select(x => new { x.Key, N = x.Count() })
            .ToDictionaryAsync(x => x.Key, x => x.N, ct);
        var hours = new HashSet<int>();
        foreach (var s in slots)
            for (var t = s.StartsAt; t < s.EndsAt; t = t.AddHours(1)) hours.Add(t.ToOffset(Qpi.ChinaOffset).Hour);
        var dtos = slots.Where(s => names.ContainsKey(s.ProjectId)).Select(s => new WaveSlotDto(s.Id, s.TeamName, s.ProjectId, names[s.ProjectId], s.StartsAt, s.EndsAt,
            s.InspectionId is not null ? "done" : s.EndsAt < now ? "missed" : "upcoming", s.InspectionId,
            s.InspectionId is { } i ? findings.GetValueOrDefault(i) : 0)).ToList();
        return new WaveDto(w.Id, w.Name, w.StartsAt, slots.Select(s => s.TeamName).Distinct().Count(), hours.Count,
            dtos.Count(d => d.Status == "done"), dtos.Count(d => d.Status == "missed"), dtos.Count(d => d.Status == "upcoming"), dtos);
    }
}
