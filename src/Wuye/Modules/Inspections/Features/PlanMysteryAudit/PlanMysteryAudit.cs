using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Inspections.Domain;
using Wuye.Modules.Inspections.Features.Shared;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Inspections.Features.PlanMysteryAudit;

internal sealed record MysteryItemInput(Guid? CheckItemId, string? Description);

/// <summary>The checklist is <see cref="Items"/> (library items or free text) and/or <see cref="CheckItemIds"/> (library items, as a page's
/// ticks send them).</summary>
internal sealed record MysteryAuditInput(
    Guid? ProjectId,
    string? Month,
    string? Title,
    string? Requirements,
    string? VisitorAlias,
    List<MysteryItemInput>? Items,
    List<Guid>? CheckItemIds = null
) : IValidatable
{
    public void Validate(Validator v)
    {
        v.Required("projectId", ProjectId, "暗访项目", "Project")
            .Required("title", Title, "暗访主题", "Title")
            .MaxLength("title", Title, 100, "暗访主题", "Title")
            .MaxLength("requirements", Requirements, 1000, "暗访要求", "Requirements")
            .MaxLength("visitorAlias", VisitorAlias, 50, "神秘访客", "Visitor");
        if (!Qpi.TryMonth(Month, out _))
            v.Add("month", "请填写暗访月份（如 2026-11）", "Month is required (e.g. 2026-11)");
        if ((Items?.Count ?? 0) + (CheckItemIds?.Count ?? 0) == 0)
        {
            v.Add("items", "暗访清单至少一项", "The checklist needs at least one line");
            return;
        }
        for (var i = 0; i < (Items?.Count ?? 0); i++)
        {
            if (Items![i] is null)
            {
                v.Add($"items[{i}]", "清单项不能为空", "A line cannot be empty");
                continue;
            }
            if (Items[i].CheckItemId is null && string.IsNullOrWhiteSpace(Items[i].Description))
                v.Add($"items[{i}].description", "请填写暗访内容或选择核查标准", "Describe the line or choose a check item");
            v.MaxLength($"items[{i}].description", Items[i].Description, 500, "暗访内容", "Description");
        }
    }
}

/// <summary>Plan a mystery audit with its confidential checklist.</summary>
internal static class PlanMysteryAuditEndpoint
{
    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/mystery-audits").WithTags("Inspections").RequireRoles(MysteryAuditViews.Readers);

        g.MapPost("/", async Task<Created<MysteryAuditDto>> (WuyeDb db, TimeProvider clock, MysteryAuditInput body, CancellationToken ct) =>
            {
                var project = await db.ProjectRefs().AsNoTracking().FirstOrDefaultAsync(p => p.Id == body.ProjectId, ct);
                if (project is null || !(db.Scope.IsGlobal || db.Scope.FullCompanies.Contains(project.CompanyId)))
                    throw ValidationException.For("projectId", "项目不存在或不在您的公司", "Project not found in your company");
                var lines = (body.CheckItemIds ?? []).Select(id => new MysteryItemInput(id, null)).Concat(body.Items ?? []).ToList();
                var itemIds = lines.Where(i => i.CheckItemId != null).Select(i => i.CheckItemId!.Value).Distinct().ToList();
                var items = await db.Set<CheckItem>()
                    .AsNoTracking()
                    .Where(i => itemIds.Contains(i.Id) && i.CompanyId == project.CompanyId)
                    .ToDictionaryAsync(i => i.Id, ct);
                var v = new Validator();
                for (var i = 0; i < (body.Items?.Count ?? 0); i++)
                    if (body.Items![i].CheckItemId is { } cid && !items.ContainsKey(cid))
                        v.Add($"items[{i}].checkItemId", "核查标准不存在", "Check item not found");
                if ((body.CheckItemIds ?? []).Any(id => !items.ContainsKey(id)))
                    v.Add("checkItemIds", "核查标准不存在", "Check item not found");
                v.ThrowIfAny();
                Qpi.TryMonth(body.Month, out var month);
                new Validator().Month("month", month, ChinaTime.Today(clock), "暗访月份", "The month").ThrowIfAny();
                var audit = new MysteryAudit
                {
                    CompanyId = project.CompanyId,
                    TargetProjectId = project.Id,
                    Month = month,
                    Title = body.Title!.Trim(),
                    Requirements = body.Requirements?.Trim(),
                    VisitorAlias = body.VisitorAlias?.Trim(),
                };
                db.Add(audit);
                var pos = 0;
                foreach (var line in lines)
                    db.Add(
                        new MysteryAuditItem
                        {
                            CompanyId = project.CompanyId,
                            AuditId = audit.Id,
                            Position = ++pos,
                            CheckItemId = line.CheckItemId,
                            Description = string.IsNullOrWhiteSpace(line.Description)
                                ? items[line.CheckItemId!.Value].Description
                                : line.Description.Trim(),
                        }
                    );
                await db.SaveChangesAsync(ct);
                return TypedResults.Created($"/api/v1/mystery-audits/{audit.Id}", (await MysteryAuditViews.LoadAsync(db, audit.Id, ct))!);
            })
            .WithSummary("Plan a mystery audit with its confidential checklist");
    }
}
