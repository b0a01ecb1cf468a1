using Wuye.Modules.MasterData.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Inspections.Domain;
using Wuye.Platform.Database;
using Wuye.Platform.Files;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Inspections.Features;

public sealed record FindingInput(string? Type, decimal? Points, string? Description, string? RequiredAction, DateOnly? Deadline,
    DateOnly? ReverifyOn, Guid? ResponsibleUserId);

public sealed record ResultInput(Guid? CheckItemId, Guid? PlanLineId, int? SampleCount, string? SampleNote, string? Note, List<Guid>? PhotoIds,
    List<FindingInput>? Findings);

/// <summary>A whole inspection in one request, so a phone on a slow network sends it once (with an Idempotency-Key) or not at all.</summary>
public sealed record InspectionInput(Guid? ProjectId, string? Place, List<ResultInput>? Results) : IValidatable
{
    public void Validate(Validator v)
    {
        v.Required("projectId", ProjectId, "项目", "Project").Required("place", Place, "核查地点", "Place").MaxLength("place", Place, 200, "核查地点", "Place");
        if (Results is not { Count: > 0 }) { v.Add("results", "请至少记录一项核查结果", "Record at least one checked item"); return; }
        for (var i = 0; i < Results.Count; i++)
        {
            var r = Results[i];
            var at = $"results[{i}]";
            if (r is null) { v.Add(at, "核查结果不能为空", "A result cannot be empty"); continue; }
            v.Required($"{at}.checkItemId", r.CheckItemId, "核查标准", "Check item");
            // A blank (or pre-ticked and untouched) card is no check: seed 004 wants the sampling record filled in on site.
            if (r.SampleCount is null or 0 && string.IsNullOrWhiteSpace(r.SampleNote) && string.IsNullOrWhiteSpace(r.Note) && r.PhotoIds is not { Count: > 0 } && r.Findings is not { Count: > 0 })
                v.Add(at, $"第 {i + 1} 项没有填写核查结果（抽样数、抽样记录、备注、照片或问题）；未核查的项请取消勾选",
                    $"Item {i + 1} has no result (samples, sample note, note, photo or finding); untick items you did not check");
            if (r.SampleCount is < 0 or > 10000) v.Add($"{at}.sampleCount", "抽样数应在 0 到 10000 之间", "Samples must be between 0 and 10000");
            v.MaxLength($"{at}.sampleNote", r.SampleNote, 500, "抽样记录", "Sample note").MaxLength($"{at}.note", r.Note, 1000, "备注", "Note");
            if (r.PhotoIds is { Count: > 10 }) v.Add($"{at}.photoIds", "每项最多 10 张照片", "At most 10 photos per item");
            for (var j = 0; j < (r.Findings?.Count ?? 0); j++)
            {
                var f = r.Findings![j];
                var fat = $"{at}.findings[{j}]";
                if (f is null) { v.Add(fat, "问题不能为空", "A finding cannot be empty"); continue; }
                if (string.IsNullOrWhiteSpace(f.Type)) { v.Add($"{fat}.type", $"请选择问题类型：{Qpi.Allowed(Qpi.FindingTypes)}", $"Choose the finding type: {Qpi.Allowed(Qpi.FindingTypes)}"); continue; }
                if (!Qpi.TryParse(Qpi.FindingTypes, f.Type, out FindingType type))
                { v.Add($"{fat}.type", $"未知的问题类型“{f.Type}”，可选：{Qpi.Allowed(Qpi.FindingTypes)}", $"Unknown finding type \"{f.Type}\"; known: {Qpi.Allowed(Qpi.FindingTypes)}"); continue; }
                v.Required($"{fat}.description", f.Description, "问题描述", "Description").MaxLength($"{fat}.description", f.Description, 500, "问题描述", "Description");
                if (type == FindingType.Deduction && f.Points is <= 0) v.Add($"{fat}.points", "扣分项的扣分应大于 0", "A deduction must cost more than 0 points");
                if (type != FindingType.Deduction && f.Points is not (null or 0)) v.Add($"{fat}.points", "只有扣分项可以扣分", "Only a deduction costs points");
                v.Range($"{fat}.points", f.Points, 0, 100, "扣分", "Points");
                if (type is FindingType.Rectification or FindingType.Deduction)
                {
                    v.Required($"{fat}.requiredAction", f.RequiredAction, "整改要求", "Required action");
                    v.Required($"{fat}.deadline", f.Deadline, "整改期限", "Deadline");
                }
                v.MaxLength($"{fat}.requiredAction", f.RequiredAction, 500, "整改要求", "Required action");
                if (f.ReverifyOn is { } rv && f.Deadline is { } dl && rv < dl) v.Add($"{fat}.reverifyOn", "二次验证日期不能早于整改期限", "The verification date cannot be before the deadline");
            }
        }
    }
}

public sealed record FindingDto(Guid Id, string Type, string TypeName, decimal Points, string Description, bool Closed, Guid? NoticeId);
public sealed record ResultDto(Guid Id, Guid CheckItemId, string CheckItemCode, string CheckItemDescription, int CheckItemRevision, Guid? PlanLineId,
    int SampleCount, string? SampleNote, string? Note, string[] PhotoUrls, bool Traceable, List<FindingDto> Findings);
public sealed record InspectionDto(Guid Id, Guid ProjectId, string ProjectName, Guid InspectorUserId, string InspectorName, string Place,
    DateTimeOffset CheckedAt, bool AdHoc, List<ResultDto> Results);
public sealed record InspectionSummaryDto(Guid Id, Guid ProjectId, string ProjectName, string InspectorName, string Place, DateTimeOffset CheckedAt,
    int Items, int Findings);
public sealed record DueCheckDto(Guid PlanLineId, Guid PlanId, Guid ProjectId, string ProjectName, Guid CheckItemId, string Code, string Area,
    string Description, string? Method, string? Sampling, decimal PointsPerDeduction, string Frequency, string FrequencyName, DateOnly PeriodStart);

internal static class InspectionEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/inspections").WithTags("Inspections");

        g.MapGet("/due", async (InspectionService svc, Guid? projectId, DateOnly? date, CancellationToken ct) =>
            TypedResults.Ok(await svc.DueAsync(projectId, date, ct)))
            .WithSummary("The caller's checks due on a day (default today): planned points not yet checked in their current period");

        g.MapGet("/", async (WuyeDb db, Guid? projectId, Guid? inspectorUserId, int? page, int? pageSize, CancellationToken ct) =>
        {
            var q = db.Set<Inspection>().AsNoTracking();
            if (projectId is { } p) q = q.Where(i => i.ProjectId == p);
            if (inspectorUserId is { } u) q = q.Where(i => i.InspectorUserId == u);
            return TypedResults.Ok(await q.OrderByDescending(i => i.CheckedAt).Select(i => new InspectionSummaryDto(i.Id, i.ProjectId,
                db.ProjectRefs().Where(x => x.Id == i.ProjectId).Select(x => x.Name).FirstOrDefault() ?? "", i.InspectorName, i.Place, i.CheckedAt,
                db.Set<InspectionResult>().Count(r => r.InspectionId == i.Id), db.Set<Finding>().Count(f => f.InspectionId == i.Id)))
                .ToPagedAsync(page, pageSize, ct));
        }).WithSummary("Inspections the user may see, newest first");

        g.MapGet("/{id:guid}", async Task<Results<Ok<InspectionDto>, NotFound>> (InspectionService svc, Guid id, CancellationToken ct) =>
            await svc.LoadAsync(id, ct) is { } dto ? TypedResults.Ok(dto) : TypedResults.NotFound())
            .WithSummary("One inspection with its results, findings and notices");

        g.MapPost("/", async Task<Created<InspectionDto>> (InspectionService svc, InspectionInput body, CancellationToken ct) =>
        {
            var id = await svc.RecordAsync(body, ct);
            return TypedResults.Created($"/api/v1/inspections/{id}", (await svc.LoadAsync(id, ct))!);
        }).RequireRoles(Roles.QualityInspector, Roles.CompanyManager, Roles.ProjectManager)
          .WithSummary("Record an inspection: results per item, findings typed suggestion / rectification / deduction; a notice per rectification or deduction");
    }
}

public sealed class InspectionService(WuyeDb db, TimeProvider clock)
{
    /// <summary>
    /// A result that records a check actually made: samples, a sample note, a note, a photo or a finding.
    /// New results cannot be blank (the input is refused); this also keeps older blank rows out of the counts.
    /// </summary>
    public static System.Linq.Expressions.Expression<Func<InspectionResult, bool>> Performed(WuyeDb db) =>
        r => r.SampleCount > 0 || r.SampleNote != null || r.Note != null || r.PhotoIds.Length > 0 || db.Set<Finding>().Any(f => f.ResultId == r.Id);

    /// <summary>The first day of the period a check of this frequency belongs to.</summary>
    public static DateOnly PeriodStart(CheckFrequency f, DateOnly d) => f switch
    {
        CheckFrequency.Daily => d,
        CheckFrequency.Weekly => d.AddDays(-(((int)d.DayOfWeek + 6) % 7)),
        // Two checks a month: the 1st–15th and the 16th–end.
        CheckFrequency.Biweekly => new DateOnly(d.Year, d.Month, d.Day <= 15 ? 1 : 16),
        CheckFrequency.Monthly => new DateOnly(d.Year, d.Month, 1),
        CheckFrequency.Quarterly => new DateOnly(d.Year, (d.Month - 1) / 3 * 3 + 1, 1),
        CheckFrequency.Semiannual => new DateOnly(d.Year, d.Month <= 6 ? 1 : 7, 1),
        _ => new DateOnly(d.Year, 1, 1),
    };

    public async Task<List<DueCheckDto>> DueAsync(Guid? projectId, DateOnly? date, CancellationToken ct)
    {
        var me = Qpi.Me(db);
        var day = date ?? Qpi.Today(clock);
        var month = Qpi.MonthOf(day);
        var lines = await (from l in db.Set<InspectionPlanLine>().AsNoTracking()
                           join p in db.Set<InspectionPlan>() on l.PlanId equals p.Id
                           join i in db.Set<CheckItem>() on l.CheckItemId equals i.Id
                           join pr in db.ProjectRefs() on l.ProjectId equals pr.Id
                           where p.InspectorUserId == me && p.StartMonth <= month && (p.EndMonth == null || p.EndMonth >= month)
                                 && (projectId == null || l.ProjectId == projectId)
                           orderby pr.Name, i.Code
                           select new { l, p.Id, pr.Name, Item = i }).ToListAsync(ct);
        var lineIds = lines.Select(x => x.l.Id).ToList();
        var since = day.AddYears(-1);
        var done = await db.Set<InspectionResult>().Where(Performed(db)).Where(r => r.PlanLineId != null && lineIds.Contains(r.PlanLineId.Value) && r.CheckedOn >= since && r.CheckedOn <= day)
            .GroupBy(r => r.PlanLineId!.Value).Select(x => new { x.Key, Last = x.Max(r => r.CheckedOn) }).ToDictionaryAsync(x => x.Key, x => x.Last, ct);
        return [.. lines.Where(x => !done.TryGetValue(x.l.Id, out var last) || last < PeriodStart(x.l.Frequency, day))
            .Select(x => new DueCheckDto(x.l.Id, x.Id, x.l.ProjectId, x.Name, x.Item.Id, x.Item.Code, Qpi.Name(Qpi.Areas, x.Item.Area), x.Item.Description,
                x.Item.Method, x.Item.Sampling, x.Item.PointsPerDeduction, Qpi.Code(Qpi.Frequencies, x.l.Frequency), Qpi.Name(Qpi.Frequencies, x.l.Frequency),
                PeriodStart(x.l.Frequency, day)))];
    }

    public async Task<Guid> RecordAsync(InspectionInput body, CancellationToken ct)
    {
        var me = Qpi.Me(db);
        var now = clock.GetUtcNow();
        var today = Qpi.Today(clock);
        var project = await db.ProjectRefs().AsNoTracking().FirstOrDefaultAsync(p => p.Id == body.ProjectId, ct)
            ?? throw Qpi.Invalid("projectId", "项目不存在或无权访问", "Project not found, or not yours");
        var v = new Validator();
        var itemIds = body.Results!.Select(r => r.CheckItemId!.Value).Distinct().ToList();
        var items = await db.Set<CheckItem>().AsNoTracking().Where(i => itemIds.Contains(i.Id) && i.CompanyId == project.CompanyId).ToDictionaryAsync(i => i.Id, ct);
        var lineIds = body.Results!.Where(r => r.PlanLineId != null).Select(r => r.PlanLineId!.Value).ToList();
        var lines = await (from l in db.Set<InspectionPlanLine>().AsNoTracking()
                           join p in db.Set<InspectionPlan>() on l.PlanId equals p.Id
                           where lineIds.Contains(l.Id)
                           select new { l, p.InspectorUserId }).ToDictionaryAsync(x => x.l.Id, ct);
        var photoIds = body.Results!.SelectMany(r => r.PhotoIds ?? []).Distinct().ToList();
        var photos = await db.Set<StoredFile>().AsNoTracking().Where(f => photoIds.Contains(f.Id) && f.ProjectId == project.Id).Select(f => f.Id).ToListAsync(ct);
        var responsibleIds = body.Results!.SelectMany(r => r.Findings ?? []).Where(f => f.ResponsibleUserId != null).Select(f => f.ResponsibleUserId!.Value).Distinct().ToList();
        var staff = await QpiStaff.StaffGrants(db, project.Id, project.CompanyId).Where(r => responsibleIds.Contains(r.UserId))
            .Select(r => r.UserId).Distinct().ToListAsync(ct);
        var projectManager = await QpiStaff.StaffGrants(db, project.Id, project.CompanyId).Where(r => r.ProjectId == project.Id && r.Role == Roles.ProjectManager)
            .OrderBy(r => r.Id).Select(r => (Guid?)r.UserId).FirstOrDefaultAsync(ct);

        for (var i = 0; i < body.Results!.Count; i++)
        {
            var r = body.Results[i];
            if (!items.ContainsKey(r.CheckItemId!.Value)) v.Add($"results[{i}].checkItemId", "核查标准不存在或不属于该项目的公司", "Check item not found for this project's company");
            if (r.PlanLineId is { } lid && (!lines.TryGetValue(lid, out var line) || line.l.ProjectId != project.Id || line.l.CheckItemId != r.CheckItemId || line.InspectorUserId != me))
                v.Add($"results[{i}].planLineId", "这不是您在该项目的计划核查点", "This is not a planned check point of yours at this project");
            if ((r.PhotoIds ?? []).Any(p => !photos.Contains(p))) v.Add($"results[{i}].photoIds", "照片不存在或不属于该项目，请重新上传", "A photo was not found for this project; upload it again");
            for (var j = 0; j < (r.Findings?.Count ?? 0); j++)
            {
                var f = r.Findings![j];
                var fat = $"results[{i}].findings[{j}]";
                if (f.Deadline is { } dl && dl < today) v.Add($"{fat}.deadline", $"整改期限不能早于今天（{today:yyyy-MM-dd}）", $"The deadline cannot be in the past (today is {today:yyyy-MM-dd})");
                if (f.ReverifyOn is { } rv && rv < today) v.Add($"{fat}.reverifyOn", "二次验证日期不能早于今天", "The verification date cannot be in the past");
                if (f.ResponsibleUserId is { } who && !staff.Contains(who)) v.Add($"{fat}.responsibleUserId", "责任人不在该项目", "The responsible person does not work at this project");
                if (f.ResponsibleUserId is null && projectManager is null)
                    v.Add($"{fat}.responsibleUserId", "该项目没有项目经理，请指定责任人", "The project has no project manager; name the responsible person");
            }
        }
        v.ThrowIfAny();

        var inspection = new Inspection
        {
            CompanyId = project.CompanyId, ProjectId = project.Id, InspectorUserId = me, InspectorName = await Qpi.UserNameAsync(db, me, ct),
            Place = body.Place!.Trim(), CheckedAt = now, AdHoc = body.Results!.All(r => r.PlanLineId is null),
        };
        db.Add(inspection);
        // Notice numbers run per company. The lock serialises numbering per company until commit, and the
        // count reads every notice of the company, not only those the recorder (say a project manager) may see.
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.Database.ExecuteSqlInterpolatedAsync($"SELECT pg_advisory_xact_lock(hashtext('inspections.improvement_notice'), hashtext({project.CompanyId.ToString()}))", ct);
        var noticeCount = await NoticeNumbers.CountAsync(db, project.CompanyId, ct);
        var names = new Dictionary<Guid, string>();
        foreach (var r in body.Results!)
        {
            var item = items[r.CheckItemId!.Value];
            var result = new InspectionResult
            {
                CompanyId = project.CompanyId, ProjectId = project.Id, InspectionId = inspection.Id, CheckItemId = item.Id, CheckItemRevision = item.Revision,
                PlanLineId = r.PlanLineId, InspectorUserId = me, CheckedOn = today, CheckedAt = now, Place = inspection.Place,
                SampleCount = r.SampleCount ?? 0, SampleNote = string.IsNullOrWhiteSpace(r.SampleNote) ? null : r.SampleNote.Trim(),
                Note = string.IsNullOrWhiteSpace(r.Note) ? null : r.Note.Trim(), PhotoIds = [.. (r.PhotoIds ?? []).Distinct()],
            };
            // Seed 004: a check is traceable when its samples, time, place and inspector are on record.
            result.Traceable = result.SampleCount > 0 && result.Place.Length > 0 && result.InspectorUserId != Guid.Empty;
            db.Add(result);
            foreach (var f in r.Findings ?? [])
            {
                Qpi.TryParse(Qpi.FindingTypes, f.Type, out FindingType type);
                var finding = new Finding
                {
                    CompanyId = project.CompanyId, ProjectId = project.Id, InspectionId = inspection.Id, ResultId = result.Id, InspectorUserId = me,
                    FoundOn = today, Type = type, Description = f.Description!.Trim(),
                    Points = type == FindingType.Deduction ? f.Points ?? item.PointsPerDeduction : 0,
                };
                db.Add(finding);
                var responsible = f.ResponsibleUserId ?? projectManager!.Value;
                // A suggestion is followed up like a fix (seed 004: every problem gets its 二次验证 date); a week unless told.
                var deadline = f.Deadline ?? today.AddDays(NoticeNumbers.SuggestionDays);
                if (!names.TryGetValue(responsible, out var responsibleName)) names[responsible] = responsibleName = await Qpi.UserNameAsync(db, responsible, ct);
                db.Add(new ImprovementNotice
                {
                    CompanyId = project.CompanyId, ProjectId = project.Id, FindingId = finding.Id,
                    Number = $"GJ{today:yyyyMMdd}-{++noticeCount:D4}",
                    ResponsibleUserId = responsible, ResponsibleName = responsibleName,
                    RequiredAction = string.IsNullOrWhiteSpace(f.RequiredAction) ? "研究并采纳该建议，回复采纳或落实情况" : f.RequiredAction.Trim(),
                    Deadline = deadline, ReverifyOn = f.ReverifyOn ?? deadline, Status = NoticeStatus.Open,
                });
            }
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return inspection.Id;
    }

    public async Task<InspectionDto?> LoadAsync(Guid id, CancellationToken ct)
    {
        var i = await db.Set<Inspection>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (i is null) return null;
        var projectName = await db.ProjectRefs().Where(p => p.Id == i.ProjectId).Select(p => p.Name).FirstOrDefaultAsync(ct) ?? "";
        var results = await (from r in db.Set<InspectionResult>().AsNoTracking()
                             join it in db.Set<CheckItem>() on r.CheckItemId equals it.Id
                             where r.InspectionId == id
                             orderby it.Code
                             select new { r, it.Code, it.Description }).ToListAsync(ct);
        var findings = await (from f in db.Set<Finding>().AsNoTracking()
                              where f.InspectionId == id
                              select new { f, NoticeId = db.Set<ImprovementNotice>().Where(n => n.FindingId == f.Id).Select(n => (Guid?)n.Id).FirstOrDefault() })
                             .ToListAsync(ct);
        return new InspectionDto(i.Id, i.ProjectId, projectName, i.InspectorUserId, i.InspectorName, i.Place, i.CheckedAt, i.AdHoc,
            [.. results.Select(x => new ResultDto(x.r.Id, x.r.CheckItemId, x.Code, x.Description, x.r.CheckItemRevision, x.r.PlanLineId, x.r.SampleCount,
                x.r.SampleNote, x.r.Note, [.. x.r.PhotoIds.Select(p => $"/api/v1/files/{p}")], x.r.Traceable,
                [.. findings.Where(f => f.f.ResultId == x.r.Id).OrderBy(f => f.f.CreatedAt).Select(f => new FindingDto(f.f.Id, Qpi.Code(Qpi.FindingTypes, f.f.Type),
                    Qpi.Name(Qpi.FindingTypes, f.f.Type), f.f.Points, f.f.Description, f.f.ClosedAt != null, f.NoticeId))]))]);
    }
}
