using Microsoft.EntityFrameworkCore;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Modules.Regulation.Domain;
using Wuye.Modules.Regulation.Features.Shared;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Notifications;
using Wuye.Platform.Web;

namespace Wuye.Modules.Regulation.Features.RecordCampaignInspection;

internal sealed record CampaignFindingInput(string? Title, string? Description, DateOnly? Deadline);

internal sealed record CampaignInspectionInput(
    Guid? ProjectId,
    DateOnly? InspectedOn,
    InspectionMethod? Method,
    string? Note,
    CampaignFindingInput[]? Findings
) : IValidatable
{
    public void Validate(Validator v)
    {
        v.Required("projectId", ProjectId, "项目", "Project").MaxLength("note", Note, 1000, "检查意见", "Note");
        if (Findings is { Length: > 20 })
            v.Add("findings", "一次检查最多登记 20 个问题", "At most 20 findings per inspection");
        foreach (var (f, i) in (Findings ?? []).Select((f, i) => (f, i)))
            v.Required($"findings[{i}].title", f?.Title, "问题", "Finding")
                .MaxLength($"findings[{i}].title", f?.Title, 200, "问题", "Finding")
                .MaxLength($"findings[{i}].description", f?.Description, 2000, "描述", "Description")
                .Required($"findings[{i}].deadline", f?.Deadline, "整改期限", "Deadline");
    }
}

/// <summary>
/// The regulator records its inspection of a project in a campaign: each finding goes into the problem ledger for the project's
/// company with its deadline (the ledger's answers, re-inspection and deadline job then apply), and the company's managers are
/// told. All in one save.
/// </summary>
internal sealed class RecordCampaignInspectionHandler(WuyeDb db, TimeProvider clock, Notifier notifier)
{
    public async Task<CampaignInspection> RecordAsync(Guid campaignId, CampaignInspectionInput body, CancellationToken ct)
    {
        var campaign = await db.Set<Campaign>().AsNoTracking().FirstOrDefaultAsync(c => c.Id == campaignId, ct)
            ?? throw new NotFoundException("campaign");
        var project = await OverseenProjects.GetAsync(db, body.ProjectId, campaign.RegulatorId, ct);
        var today = ChinaTime.Today(clock);
        var on = body.InspectedOn ?? today;
        campaign.CheckInspectionAllowed(today, on);
        var by = db.Scope.UserName ?? "";
        var source = body.Method == InspectionMethod.SpotCheck ? ProblemSource.SpotCheck : ProblemSource.Inspection;
        var entries = (body.Findings ?? [])
            .Select(f =>
                ProblemLedgerEntry.Create(
                    campaign.RegulatorId,
                    project.CompanyId,
                    project.Id,
                    ProblemKind.Problem,
                    source,
                    f.Title!,
                    string.IsNullOrWhiteSpace(f.Description) ? $"专项行动“{campaign.Title}”检查发现" : f.Description,
                    null,
                    on,
                    f.Deadline!.Value,
                    today,
                    by
                )
            )
            .ToList();
        db.AddRange(entries);
        var inspection = new CampaignInspection
        {
            RegulatorId = campaign.RegulatorId,
            CompanyId = project.CompanyId,
            ProjectId = project.Id,
            CampaignId = campaign.Id,
            InspectedOn = on,
            Method = body.Method ?? InspectionMethod.Announced,
            Note = string.IsNullOrWhiteSpace(body.Note) ? null : body.Note.Trim(),
            ProblemIds = [.. entries.Select(e => e.Id)],
            InspectorName = by,
        };
        db.Add(inspection);
        if (entries.Count > 0)
            await notifier.NotifyAsync(
                await notifier.UsersWithRoleAsync(Roles.CompanyManager, project.CompanyId, null, ct),
                project.CompanyId,
                Loc.T($"专项行动检查发现 {entries.Count} 个问题", $"A campaign inspection found {entries.Count} problems"),
                Loc.T(
                    $"{campaign.Title}：{string.Join("；", entries.Select(e => $"{e.Title}（{e.Deadline:yyyy-MM-dd} 前整改）"))}",
                    $"{campaign.Title}: {string.Join("; ", entries.Select(e => $"{e.Title} (due {e.Deadline:yyyy-MM-dd})"))}"
                ),
                "/regulation/ledger",
                $"campaign-inspection:{inspection.Id:N}",
                ct
            );
        await db.SaveChangesAsync(ct);
        return inspection;
    }

    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost(
                "/campaigns/{id:guid}/inspections",
                async (
                    RecordCampaignInspectionHandler handler,
                    CampaignReads reads,
                    Guid id,
                    CampaignInspectionInput body,
                    CancellationToken ct
                ) =>
                {
                    await handler.RecordAsync(id, body, ct);
                    return TypedResults.Ok(await reads.OneAsync(id, ct));
                }
            )
            .WithTags("Regulation")
            .RequireRoles(RegulationRoles.Regulators)
            .WithSummary("Record the inspection of a project in a campaign; each finding goes into the problem ledger for the company");
    }
}
