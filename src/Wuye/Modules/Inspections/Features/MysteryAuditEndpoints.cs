using Wuye.Modules.MasterData.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Inspections.Domain;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Inspections.Features;

public sealed record MysteryItemInput(Guid? CheckItemId, string? Description);

/// <summary>The checklist is <see cref="Items"/> (library items or free text) and/or <see cref="CheckItemIds"/> (library items, as a page's ticks send them).</summary>
public sealed record MysteryAuditInput(Guid? ProjectId, string? Month, string? Title, string? Requirements, string? VisitorAlias, List<MysteryItemInput>? Items,
    List<Guid>? CheckItemIds = null) : IValidatable
{
    public void Validate(Validator v)
    {
        v.Required("projectId", ProjectId, "暗访项目", "Project").Required("title", Title, "暗访主题", "Title").MaxLength("title", Title, 100, "暗访主题", "Title")
         .MaxLength("requirements", Requirements, 1000, "暗访要求", "Requirements").MaxLength("visitorAlias", VisitorAlias, 50, "神秘访客", "Visitor");
        if (!Qpi.TryMonth(Month, out _)) v.Add("month", "请填写暗访月份（如 2026-11）", "Month is required (e.g. 2026-11)");
        if ((Items?.Count ?? 0) + (CheckItemIds?.Count ?? 0) == 0) { v.Add("items", "暗访清单至少一项", "The checklist needs at least one line"); return; }
        for (var i = 0; i < (Items?.Count ?? 0); i++)
        {
            if (Items![i] is null) { v.Add($"items[{i}]", "清单项不能为空", "A line cannot be empty"); continue; }
            if (Items[i].CheckItemId is null && string.IsNullOrWhiteSpace(Items[i].Description)) v.Add($"items[{i}].description", "请填写暗访内容或选择核查标准", "Describe the line or choose a check item");
            v.MaxLength($"items[{i}].description", Items[i].Description, 500, "暗访内容", "Description");
        }
    }
}

public sealed record MysteryVerdict(Guid? ItemId, bool? Passed, string? Observation);

public sealed record MysteryResultInput(string? Report, List<MysteryVerdict>? Items) : IValidatable
{
    public void Validate(Validator v)
    {
        v.Required("report", Report, "暗访报告", "Report").MaxLength("report", Report, 4000, "暗访报告", "Report");
        if (Items is not { Count: > 0 }) { v.Add("items", "请逐项填写暗访结果", "Give a verdict for each line"); return; }
        for (var i = 0; i < Items.Count; i++)
        {
            if (Items[i] is null) { v.Add($"items[{i}]", "结论不能为空", "A verdict cannot be empty"); continue; }
            v.Required($"items[{i}].itemId", Items[i].ItemId, "清单项", "Line").Required($"items[{i}].passed", Items[i].Passed, "结论", "Verdict")
             .MaxLength($"items[{i}].observation", Items[i].Observation, 1000, "现场情况", "Observation");
        }
    }
}

public sealed record MysteryItemDto(Guid Id, int Position, Guid? CheckItemId, string? CheckItemCode, string Description, bool? Passed, string? Observation);
public sealed record MysteryAuditDto(Guid Id, Guid ProjectId, string ProjectName, string Month, string Title, string? Requirements, string? VisitorAlias,
    bool Reported, DateTimeOffset? VisitedAt, string? Report, List<MysteryItemDto> Items);

/// <summary>
/// One checklist line against the site's own records of the same month: how often the site checked
/// the item, what it found, and whether the two disagree (the audit failed what the site called fine).
/// </summary>
public sealed record MysteryComparisonRow(Guid ItemId, string Description, string? CheckItemCode, bool? AuditPassed, int SiteChecks, int SiteFindings,
    bool Discrepancy, string Verdict);

public sealed record MysteryComparison(Guid AuditId, string Month, int Lines, int Failed, int Discrepancies, List<MysteryComparisonRow> Rows);

public static class MysteryAuditEndpoints
{
    // Confidential: neither project staff nor the audited project's people may read these.
    private static readonly string[] Readers = [Roles.QualityInspector, Roles.CompanyManager];

    internal static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/mystery-audits").WithTags("Inspections").RequireRoles(Readers);

        g.MapGet("/", async (WuyeDb db, string? month, int? page, int? pageSize, CancellationToken ct) =>
        {
            var q = db.Set<MysteryAudit>().AsNoTracking();
            if (month is not null)
            {
                if (!Qpi.TryMonth(month, out var m)) throw Qpi.Invalid("month", "月份格式应为 2026-11", "Month must look like 2026-11");
                q = q.Where(a => a.Month == m);
            }
            var paged = await q.OrderByDescending(a => a.Month).ThenBy(a => a.Title).ToPagedAsync(page, pageSize, ct);
            var list = new List<MysteryAuditDto>();
            foreach (var a in paged.Items) list.Add((await LoadAsync(db, a.Id, ct))!);
            return TypedResults.Ok(new Paged<MysteryAuditDto>(list, paged.Page, paged.PageSize, paged.Total));
        }).WithSummary("Mystery audits (暗访), confidential to the quality department and management");

        g.MapGet("/{id:guid}", async Task<Results<Ok<MysteryAuditDto>, NotFound>> (WuyeDb db, Guid id, CancellationToken ct) =>
            await LoadAsync(db, id, ct) is { } dto ? TypedResults.Ok(dto) : TypedResults.NotFound()).WithSummary("One mystery audit");

        g.MapPost("/", async Task<Created<MysteryAuditDto>> (WuyeDb db, MysteryAuditInput body, CancellationToken ct) =>
        {
            var project = await db.ProjectRefs().AsNoTracking().FirstOrDefaultAsync(p => p.Id == body.ProjectId, ct);
            if (project is null || !(db.Scope.IsGlobal || db.Scope.FullCompanies.Contains(project.CompanyId)))
                throw Qpi.Invalid("projectId", "项目不存在或不在您的公司", "Project not found in your company");
            var lines = (body.CheckItemIds ?? []).Select(id => new MysteryItemInput(id, null)).Concat(body.Items ?? []).ToList();
            var itemIds = lines.Where(i => i.CheckItemId != null).Select(i => i.CheckItemId!.Value).Distinct().ToList();
            var items = await db.Set<CheckItem>().AsNoTracking().Where(i => itemIds.Contains(i.Id) && i.CompanyId == project.CompanyId).ToDictionaryAsync(i => i.Id, ct);
            var v = new Validator();
            for (var i = 0; i < (body.Items?.Count ?? 0); i++)
                if (body.Items![i].CheckItemId is { } cid && !items.ContainsKey(cid)) v.Add($"items[{i}].checkItemId", "核查标准不存在", "Check item not found");
            if ((body.CheckItemIds ?? []).Any(id => !items.ContainsKey(id))) v.Add("checkItemIds", "核查标准不存在", "Check item not found");
            v.ThrowIfAny();
            Qpi.TryMonth(body.Month, out var month);
            var audit = new MysteryAudit
            {
                CompanyId = project.CompanyId, TargetProjectId = project.Id, Month = month, Title = body.Title!.Trim(),
                Requirements = body.Requirements?.Trim(), VisitorAlias = body.VisitorAlias?.Trim(),
            };
            db.Add(audit);
            var pos = 0;
            foreach (var line in lines)
                db.Add(new MysteryAuditItem
                {
                    CompanyId = project.CompanyId, AuditId = audit.Id, Position = ++pos, CheckItemId = line.CheckItemId,
                    Description = string.IsNullOrWhiteSpace(line.Description) ? items[line.CheckItemId!.Value].Description : line.Description.Trim(),
                });
            await db.SaveChangesAsync(ct);
            return TypedResults.Created($"/api/v1/mystery-audits/{audit.Id}", (await LoadAsync(db, audit.Id, ct))!);
        }).WithSummary("Plan a mystery audit with its confidential checklist");

        g.MapPost("/{id:guid}/results", async Task<Results<Ok<MysteryAuditDto>, NotFound>> (WuyeDb db, TimeProvider clock, Guid id, MysteryResultInput body, CancellationToken ct) =>
        {
            var audit = await db.Set<MysteryAudit>().FirstOrDefaultAsync(a => a.Id == id, ct);
            if (audit is null) return TypedResults.NotFound();
            if (audit.VisitedAt is not null) throw new RuleException("mystery_audit.already_reported", "该暗访已提交结果", "This audit has already been reported");
            var lines = await db.Set<MysteryAuditItem>().Where(i => i.AuditId == id).ToListAsync(ct);
            var given = body.Items!.Where(i => i.ItemId != null).GroupBy(i => i.ItemId!.Value).ToDictionary(x => x.Key, x => x.Last());
            var v = new Validator();
            foreach (var line in lines.Where(l => !given.ContainsKey(l.Id))) v.Add("items", $"第 {line.Position} 项还没有结论", $"Line {line.Position} has no verdict");
            foreach (var extra in given.Keys.Where(k => lines.All(l => l.Id != k))) v.Add("items", "有不属于该暗访的清单项", "A line does not belong to this audit");
            v.ThrowIfAny();
            foreach (var line in lines)
            {
                line.Passed = given[line.Id].Passed;
                line.Observation = given[line.Id].Observation?.Trim();
            }
            audit.VisitedAt = clock.GetUtcNow();
            audit.Report = body.Report!.Trim();
            audit.ReportedBy = db.Scope.UserId;
            await db.SaveChangesAsync(ct);
            return TypedResults.Ok((await LoadAsync(db, id, ct))!);
        }).WithSummary("Record the audit's findings line by line and its report");

        g.MapGet("/{id:guid}/comparison", async Task<Results<Ok<MysteryComparison>, NotFound>> (WuyeDb db, Guid id, CancellationToken ct) =>
            await CompareAsync(db, id, ct) is { } c ? TypedResults.Ok(c) : TypedResults.NotFound()
        ).WithSummary("Compare the audit with the site's own inspection records of the month");
    }

    /// <summary>The audit line by line against the site's own inspection records of the month; null when the audit is not the caller's.</summary>
    public static async Task<MysteryComparison?> CompareAsync(WuyeDb db, Guid id, CancellationToken ct)
    {
            var audit = await db.Set<MysteryAudit>().AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct);
            if (audit is null) return null;
            var lines = await db.Set<MysteryAuditItem>().AsNoTracking().Where(i => i.AuditId == id).OrderBy(i => i.Position).ToListAsync(ct);
            var itemIds = lines.Where(l => l.CheckItemId != null).Select(l => l.CheckItemId!.Value).ToList();
            var next = audit.Month.AddMonths(1);
            var site = await db.Set<InspectionResult>().AsNoTracking().Where(InspectionService.Performed(db))
                .Where(r => r.ProjectId == audit.TargetProjectId && itemIds.Contains(r.CheckItemId) && r.CheckedOn >= audit.Month && r.CheckedOn < next)
                .Select(r => new { r.CheckItemId, Findings = db.Set<Finding>().Count(f => f.ResultId == r.Id) }).ToListAsync(ct);
            var codes = await db.Set<CheckItem>().AsNoTracking().Where(i => itemIds.Contains(i.Id)).ToDictionaryAsync(i => i.Id, i => i.Code, ct);
            var rows = lines.Select(l =>
            {
                var mine = site.Where(s => s.CheckItemId == l.CheckItemId).ToList();
                var checks = mine.Count;
                var findings = mine.Sum(s => s.Findings);
                // Disagreement: the visitor found a problem the site's own records do not show.
                var discrepancy = l.Passed == false && l.CheckItemId != null && findings == 0;
                var verdict = l.Passed is null ? Loc.T("未暗访", "Not yet audited")
                    : l.CheckItemId is null ? Loc.T("无对应自查标准", "No self-inspection item to compare")
                    : discrepancy ? (checks == 0 ? Loc.T("暗访发现问题，现场本月未自查", "Audit found a problem; the site did not check it this month")
                                                 : Loc.T("暗访发现问题，现场自查记录为合格", "Audit found a problem; the site's own checks recorded none"))
                    : Loc.T("一致", "Consistent");
                return new MysteryComparisonRow(l.Id, l.Description, l.CheckItemId is { } c ? codes.GetValueOrDefault(c) : null, l.Passed, checks, findings, discrepancy, verdict);
            }).ToList();
            return (new MysteryComparison(audit.Id, audit.Month.ToString("yyyy-MM"), rows.Count, rows.Count(r => r.AuditPassed == false), rows.Count(r => r.Discrepancy), rows));
    }

    public static async Task<MysteryAuditDto?> LoadAsync(WuyeDb db, Guid id, CancellationToken ct)
    {
        var a = await db.Set<MysteryAudit>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (a is null) return null;
        var name = await db.ProjectRefs().Where(p => p.Id == a.TargetProjectId).Select(p => p.Name).FirstOrDefaultAsync(ct) ?? "";
        var items = await (from i in db.Set<MysteryAuditItem>().AsNoTracking()
                           where i.AuditId == id
                           orderby i.Position
                           select new { i, Code = db.Set<CheckItem>().Where(c => c.Id == i.CheckItemId).Select(c => c.Code).FirstOrDefault() }).ToListAsync(ct);
        return new MysteryAuditDto(a.Id, a.TargetProjectId, name, a.Month.ToString("yyyy-MM"), a.Title, a.Requirements, a.VisitorAlias, a.VisitedAt != null,
            a.VisitedAt, a.Report, [.. items.Select(x => new MysteryItemDto(x.i.Id, x.i.Position, x.i.CheckItemId, x.Code, x.i.Description, x.i.Passed, x.i.Observation))]);
    }
}
