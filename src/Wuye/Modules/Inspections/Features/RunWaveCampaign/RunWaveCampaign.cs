using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Inspections.Domain;
using Wuye.Modules.Inspections.Features.Shared;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Inspections.Features.RunWaveCampaign;

internal sealed record WaveSlotInput(
    string? TeamName,
    List<Guid>? MemberUserIds,
    Guid? ProjectId,
    DateTimeOffset? StartsAt,
    DateTimeOffset? EndsAt
);

internal sealed record WaveInput(string? Name, DateTimeOffset? StartsAt, List<WaveSlotInput>? Slots) : IValidatable
{
    public void Validate(Validator v)
    {
        v.Required("name", Name, "活动名称", "Name")
            .MaxLength("name", Name, 100, "活动名称", "Name")
            .Required("startsAt", StartsAt, "开始时间", "Start");
        if (Slots is not { Count: >= 2 })
        {
            v.Add("slots", "海浪式检查至少安排两个时段", "A wave campaign needs at least two time slots");
            return;
        }
        for (var i = 0; i < Slots.Count; i++)
        {
            var s = Slots[i];
            var at = $"slots[{i}]";
            if (s is null)
            {
                v.Add(at, "时段不能为空", "A slot cannot be empty");
                continue;
            }
            v.Required($"{at}.teamName", s.TeamName, "检查组", "Team")
                .MaxLength($"{at}.teamName", s.TeamName, 50, "检查组", "Team")
                .Required($"{at}.projectId", s.ProjectId, "项目", "Project")
                .Required($"{at}.startsAt", s.StartsAt, "开始", "Start")
                .Required($"{at}.endsAt", s.EndsAt, "结束", "End");
            if (s.MemberUserIds is not { Count: > 0 })
                v.Add($"{at}.memberUserIds", "检查组至少一人", "A team needs at least one member");
            if (s.StartsAt is { } a && s.EndsAt is { } b)
            {
                if (b <= a)
                    v.Add($"{at}.endsAt", "结束时间应晚于开始时间", "The slot must end after it starts");
                if (StartsAt is { } c && (a < c || b > c.AddHours(24)))
                    v.Add($"{at}.startsAt", "时段须在活动开始后的 24 小时内", "Slots must lie within the campaign's 24 hours");
            }
        }
    }
}

/// <summary>Schedule a campaign (海浪式检查, 万科 #18): teams × projects × time slots across 24 hours.</summary>
internal static class RunWaveCampaignEndpoint
{
    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/wave-inspections").WithTags("Inspections");

        g.MapPost("/", async Task<Created<WaveDto>> (WuyeDb db, TimeProvider clock, WaveInput body, CancellationToken ct) =>
            {
                var companyId = Qpi.ActingCompany(db, null);
                var projectIds = body.Slots!.Select(s => s.ProjectId!.Value).Distinct().ToList();
                var projects = await db.ProjectRefs()
                    .AsNoTracking()
                    .Where(p => projectIds.Contains(p.Id) && p.CompanyId == companyId)
                    .Select(p => p.Id)
                    .ToListAsync(ct);
                var memberIds = body.Slots!.SelectMany(s => s.MemberUserIds ?? []).Distinct().ToList();
                var members = await db
                    .RoleAssignments.AsNoTracking()
                    .Where(r => memberIds.Contains(r.UserId) && r.CompanyId == companyId)
                    .Select(r => r.UserId)
                    .Distinct()
                    .ToListAsync(ct);
                var v = new Validator();
                for (var i = 0; i < body.Slots!.Count; i++)
                {
                    if (!projects.Contains(body.Slots[i].ProjectId!.Value))
                        v.Add($"slots[{i}].projectId", "项目不存在或不在本公司", "Project not found in this company");
                    if (body.Slots[i].MemberUserIds!.Any(m => !members.Contains(m)))
                        v.Add($"slots[{i}].memberUserIds", "检查组成员不在本公司", "A member does not work for this company");
                }
                var today = ChinaTime.Today(clock);
                v.Around(
                    "startsAt",
                    DateOnly.FromDateTime(ChinaTime.ToChina(body.StartsAt!.Value).DateTime),
                    today,
                    "开始时间",
                    "The start"
                );
                v.ThrowIfAny();
                WaveInspection.CheckTeamsDoNotOverlap(body.Slots!.Select(s => (s.TeamName!, s.StartsAt!.Value, s.EndsAt!.Value)));
                var wave = new WaveInspection
                {
                    CompanyId = companyId,
                    Name = body.Name!.Trim(),
                    StartsAt = body.StartsAt!.Value.ToUniversalTime(),
                };
                db.Add(wave);
                foreach (var s in body.Slots!)
                    db.Add(
                        new WaveSlot
                        {
                            CompanyId = companyId,
                            ProjectId = s.ProjectId!.Value,
                            CampaignId = wave.Id,
                            TeamName = s.TeamName!.Trim(),
                            MemberUserIds = [.. s.MemberUserIds!.Distinct()],
                            StartsAt = s.StartsAt!.Value.ToUniversalTime(),
                            EndsAt = s.EndsAt!.Value.ToUniversalTime(),
                        }
                    );
                await db.SaveChangesAsync(ct);
                return TypedResults.Created($"/api/v1/wave-inspections/{wave.Id}", (await WaveViews.LoadAsync(db, clock, wave.Id, ct))!);
            })
            .RequireRoles(Roles.QualityInspector, Roles.CompanyManager)
            .WithSummary("Schedule a campaign: teams × projects × time slots across 24 hours");
    }
}
