using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Inspections.Domain;
using Wuye.Modules.Inspections.Features.Shared;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Files;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Inspections.Features.RecordInspection;

internal sealed record FindingInput(
    string? Type,
    decimal? Points,
    string? Description,
    string? RequiredAction,
    DateOnly? Deadline,
    DateOnly? ReverifyOn,
    Guid? ResponsibleUserId
);

internal sealed record ResultInput(
    Guid? CheckItemId,
    Guid? PlanLineId,
    int? SampleCount,
    string? SampleNote,
    string? Note,
    List<Guid>? PhotoIds,
    List<FindingInput>? Findings
);

/// <summary>A whole inspection in one request, so a phone on a slow network sends it once (with an Idempotency-Key) or not at
/// all.</summary>
internal sealed record InspectionInput(Guid? ProjectId, string? Place, List<ResultInput>? Results) : IValidatable
{
    public void Validate(Validator v)
    {
        v.Required("projectId", ProjectId, "项目", "Project")
            .Required("place", Place, "核查地点", "Place")
            .MaxLength("place", Place, 200, "核查地点", "Place");
        if (Results is not { Count: > 0 })
        {
            v.Add("results", "请至少记录一项核查结果", "Record at least one checked item");
            return;
        }
        for (var i = 0; i < Results.Count; i++)
        {
            var r = Results[i];
            var at = $"results[{i}]";
            if (r is null)
            {
                v.Add(at, "核查结果不能为空", "A result cannot be empty");
                continue;
            }
            v.Required($"{at}.checkItemId", r.CheckItemId, "核查标准", "Check item");
            // A blank (or pre-ticked and untouched) card is no check: seed 004 wants the sampling record filled in on site.
            if (
                r.SampleCount is null or 0
                && string.IsNullOrWhiteSpace(r.SampleNote)
                && string.IsNullOrWhiteSpace(r.Note)
                && r.PhotoIds is not { Count: > 0 }
                && r.Findings is not { Count: > 0 }
            )
                v.Add(
                    at,
                    $"第 {i + 1} 项没有填写核查结果（抽样数、抽样记录、备注、照片或问题）；未核查的项请取消勾选",
                    $"Item {i + 1} has no result (samples, sample note, note, photo or finding); untick items you did not check"
                );
            if (r.SampleCount is < 0 or > 10000)
                v.Add($"{at}.sampleCount", "抽样数应在 0 到 10000 之间", "Samples must be between 0 and 10000");
            v.MaxLength($"{at}.sampleNote", r.SampleNote, 500, "抽样记录", "Sample note")
                .MaxLength($"{at}.note", r.Note, 1000, "备注", "Note");
            if (r.PhotoIds is { Count: > 10 })
                v.Add($"{at}.photoIds", "每项最多 10 张照片", "At most 10 photos per item");
            for (var j = 0; j < (r.Findings?.Count ?? 0); j++)
            {
                var f = r.Findings![j];
                var fat = $"{at}.findings[{j}]";
                if (f is null)
                {
                    v.Add(fat, "问题不能为空", "A finding cannot be empty");
                    continue;
                }
                if (string.IsNullOrWhiteSpace(f.Type))
                {
                    v.Add(
                        $"{fat}.type",
                        $"请选择问题类型：{Qpi.Allowed(Qpi.FindingTypes)}",
                        $"Choose the finding type: {Qpi.Allowed(Qpi.FindingTypes)}"
                    );
                    continue;
                }
                if (!Qpi.TryParse(Qpi.FindingTypes, f.Type, out FindingType type))
                {
                    v.Add(
                        $"{fat}.type",
                        $"未知的问题类型“{f.Type}”，可选：{Qpi.Allowed(Qpi.FindingTypes)}",
                        $"Unknown finding type \"{f.Type}\"; known: {Qpi.Allowed(Qpi.FindingTypes)}"
                    );
                    continue;
                }
                v.Required($"{fat}.description", f.Description, "问题描述", "Description")
                    .MaxLength($"{fat}.description", f.Description, 500, "问题描述", "Description");
                if (type == FindingType.Deduction && f.Points is <= 0)
                    v.Add($"{fat}.points", "扣分项的扣分应大于 0", "A deduction must cost more than 0 points");
                if (type != FindingType.Deduction && f.Points is not (null or 0))
                    v.Add($"{fat}.points", "只有扣分项可以扣分", "Only a deduction costs points");
                v.Range($"{fat}.points", f.Points, 0, 100, "扣分", "Points");
                if (type is FindingType.Rectification or FindingType.Deduction)
                {
                    v.Required($"{fat}.requiredAction", f.RequiredAction, "整改要求", "Required action");
                    v.Required($"{fat}.deadline", f.Deadline, "整改期限", "Deadline");
                }
                v.MaxLength($"{fat}.requiredAction", f.RequiredAction, 500, "整改要求", "Required action");
                if (f.ReverifyOn is { } rv && f.Deadline is { } dl && rv < dl)
                    v.Add($"{fat}.reverifyOn", "二次验证日期不能早于整改期限", "The verification date cannot be before the deadline");
            }
        }
    }
}

/// <summary>
/// Record an inspection: results per item, findings typed suggestion / rectification / deduction, and an improvement
/// notice per finding, numbered per company.
/// </summary>
internal sealed class RecordInspectionHandler(
    WuyeDb db,
    TimeProvider clock,
    RoleHolders roleHolders,
    Wuye.Platform.Notifications.Notifier notifier
)
{
    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/inspections").WithTags("Inspections");

        g.MapPost(
                "/",
                async Task<Created<InspectionDto>> (
                    RecordInspectionHandler handler,
                    WuyeDb db,
                    InspectionInput body,
                    CancellationToken ct
                ) =>
                {
                    var id = await handler.RecordAsync(body, ct);
                    return TypedResults.Created($"/api/v1/inspections/{id}", (await InspectionViews.LoadAsync(db, id, ct))!);
                }
            )
            .RequireRoles(Roles.QualityInspector, Roles.CompanyManager, Roles.ProjectManager)
            .WithSummary(
                "Record an inspection: results per item, findings typed suggestion / rectification / deduction; a notice per "
                    + "rectification or deduction"
            );
    }

    public async Task<Guid> RecordAsync(InspectionInput body, CancellationToken ct)
    {
        var me = Qpi.Me(db);
        var now = clock.GetUtcNow();
        var today = ChinaTime.Today(clock);
        var project = await db.ProjectRefs().AsNoTracking().FirstOrDefaultAsync(p => p.Id == body.ProjectId, ct)
            ?? throw ValidationException.For("projectId", "项目不存在或无权访问", "Project not found, or not yours");
        var v = new Validator();
        var itemIds = body.Results!.Select(r => r.CheckItemId!.Value).Distinct().ToList();
        var items = await db.Set<CheckItem>()
            .AsNoTracking()
            .Where(i => itemIds.Contains(i.Id) && i.CompanyId == project.CompanyId)
            .ToDictionaryAsync(i => i.Id, ct);
        var lineIds = body.Results!.Where(r => r.PlanLineId != null).Select(r => r.PlanLineId!.Value).ToList();
        var lines = await (
            from l in db.Set<InspectionPlanLine>().AsNoTracking()
            join p in db.Set<InspectionPlan>() on l.PlanId equals p.Id
            where lineIds.Contains(l.Id)
            select new { l, p.InspectorUserId }
        ).ToDictionaryAsync(x => x.l.Id, ct);
        var photoIds = body.Results!.SelectMany(r => r.PhotoIds ?? []).Distinct().ToList();
        var photos = await db.Set<StoredFile>()
            .AsNoTracking()
            .Where(f => photoIds.Contains(f.Id) && f.ProjectId == project.Id)
            .Select(f => f.Id)
            .ToListAsync(ct);
        var responsibleIds = body.Results!.SelectMany(r => r.Findings ?? [])
            .Where(f => f.ResponsibleUserId != null)
            .Select(f => f.ResponsibleUserId!.Value)
            .Distinct()
            .ToList();
        var staff = await roleHolders
            .AtProject(project.CompanyId, project.Id)
            .Where(r => responsibleIds.Contains(r.UserId))
            .Select(r => r.UserId)
            .Distinct()
            .ToListAsync(ct);
        var projectManager = await roleHolders
            .AtProject(project.CompanyId, project.Id)
            .Where(r => r.ProjectId == project.Id && r.Role == Roles.ProjectManager)
            .OrderBy(r => r.Id)
            .Select(r => (Guid?)r.UserId)
            .FirstOrDefaultAsync(ct);

        for (var i = 0; i < body.Results!.Count; i++)
        {
            var r = body.Results[i];
            if (!items.ContainsKey(r.CheckItemId!.Value))
                v.Add($"results[{i}].checkItemId", "核查标准不存在或不属于该项目的公司", "Check item not found for this project's company");
            if (
                r.PlanLineId is { } lid
                && (
                    !lines.TryGetValue(lid, out var line)
                    || line.l.ProjectId != project.Id
                    || line.l.CheckItemId != r.CheckItemId
                    || line.InspectorUserId != me
                )
            )
                v.Add(
                    $"results[{i}].planLineId",
                    "这不是您在该项目的计划核查点",
                    "This is not a planned check point of yours at this project"
                );
            if ((r.PhotoIds ?? []).Any(p => !photos.Contains(p)))
                v.Add(
                    $"results[{i}].photoIds",
                    "照片不存在或不属于该项目，请重新上传",
                    "A photo was not found for this project; upload it again"
                );
            for (var j = 0; j < (r.Findings?.Count ?? 0); j++)
            {
                var f = r.Findings![j];
                var fat = $"results[{i}].findings[{j}]";
                v.Ahead($"{fat}.deadline", f.Deadline, today, "整改期限", "The deadline")
                    .Ahead($"{fat}.reverifyOn", f.ReverifyOn, today, "二次验证日期", "The verification date");
                if (f.ResponsibleUserId is { } who && !staff.Contains(who))
                    v.Add($"{fat}.responsibleUserId", "责任人不在该项目", "The responsible person does not work at this project");
                if (f.ResponsibleUserId is null && projectManager is null)
                    v.Add(
                        $"{fat}.responsibleUserId",
                        "该项目没有项目经理，请指定责任人",
                        "The project has no project manager; name the responsible person"
                    );
            }
        }
        v.ThrowIfAny();

        var inspection = new Inspection
        {
            CompanyId = project.CompanyId,
            ProjectId = project.Id,
            InspectorUserId = me,
            InspectorName = await Qpi.UserNameAsync(db, me, ct),
            Place = body.Place!.Trim(),
            CheckedAt = now,
            AdHoc = body.Results!.All(r => r.PlanLineId is null),
        };
        db.Add(inspection);
        // Notice numbers run per company. The lock serialises numbering per company until commit, and the
        // count reads every notice of the company, not only those the recorder (say a project manager) may see.
        await using var tx = await db.Database.BeginOrJoinTransactionAsync(ct);
        await db.Database.ExecuteSqlInterpolatedAsync(
            $"SELECT pg_advisory_xact_lock(hashtext('inspections.improvement_notice'), hashtext({project.CompanyId.ToString()}))",
            ct
        );
        var noticeCount = await CountNoticesAsync(db, project.CompanyId, ct);
        var names = new Dictionary<Guid, string>();
        foreach (var r in body.Results!)
        {
            var item = items[r.CheckItemId!.Value];
            var result = new InspectionResult
            {
                CompanyId = project.CompanyId,
                ProjectId = project.Id,
                InspectionId = inspection.Id,
                CheckItemId = item.Id,
                CheckItemRevision = item.Revision,
                PlanLineId = r.PlanLineId,
                InspectorUserId = me,
                CheckedOn = today,
                CheckedAt = now,
                Place = inspection.Place,
                SampleCount = r.SampleCount ?? 0,
                SampleNote = string.IsNullOrWhiteSpace(r.SampleNote) ? null : r.SampleNote.Trim(),
                Note = string.IsNullOrWhiteSpace(r.Note) ? null : r.Note.Trim(),
                PhotoIds = [.. (r.PhotoIds ?? []).Distinct()],
            };
            result.Traceable = result.IsTraceable();
            db.Add(result);
            foreach (var f in r.Findings ?? [])
            {
                Qpi.TryParse(Qpi.FindingTypes, f.Type, out FindingType type);
                var finding = new Finding
                {
                    CompanyId = project.CompanyId,
                    ProjectId = project.Id,
                    InspectionId = inspection.Id,
                    ResultId = result.Id,
                    InspectorUserId = me,
                    FoundOn = today,
                    Type = type,
                    Description = f.Description!.Trim(),
                    Points = Finding.PointsFor(type, f.Points, item.PointsPerDeduction),
                };
                db.Add(finding);
                var responsible = f.ResponsibleUserId ?? projectManager!.Value;
                if (!names.TryGetValue(responsible, out var responsibleName))
                    names[responsible] = responsibleName = await Qpi.UserNameAsync(db, responsible, ct);
                var notice = ImprovementNotice.Issue(
                    finding,
                    ++noticeCount,
                    today,
                    responsible,
                    responsibleName,
                    f.RequiredAction,
                    f.Deadline,
                    f.ReverifyOn
                );
                db.Add(notice);
                // The responsible person is told at once (in-app, SMS, e-mail through the outbox), with the link to the notice.
                await notifier.NotifyAsync(
                    [responsible],
                    project.CompanyId,
                    $"工作改进通知单 {notice.Number}（{project.Name}）",
                    $"{Qpi.Name(Qpi.FindingTypes, type)}：{finding.Description}。整改要求：{notice.RequiredAction}；期限 "
                        + $"{notice.Deadline:yyyy-MM-dd}。",
                    Features.InspectionHomeTasks.NoticeLinks.To(notice, verify: false),
                    $"improvement-notice:{notice.Id:N}:issued",
                    ct
                );
            }
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return inspection.Id;
    }

    /// <summary>
    /// Every notice of the company, whoever asks: a standalone one-table count, so lifting the filter here
    /// switches nothing else off. Call it under the per-company advisory lock of the recording transaction.
    /// </summary>
    private static Task<int> CountNoticesAsync(WuyeDb db, Guid companyId, CancellationToken ct) =>
        db.Set<ImprovementNotice>().IgnoreQueryFilters().AsNoTracking().CountAsync(n => n.CompanyId == companyId, ct);
}
