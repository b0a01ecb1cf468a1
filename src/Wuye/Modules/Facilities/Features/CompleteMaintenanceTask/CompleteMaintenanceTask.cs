using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Facilities.Domain;
using Wuye.Modules.Facilities.Features.Shared;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Modules.WorkOrders.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Files;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Facilities.Features.CompleteMaintenanceTask;

internal sealed record TaskResultsInput(List<ChecklistAnswer>? Results) : IValidatable
{
    public void Validate(Validator v)
    {
        if (Results is null || Results.Count == 0)
            v.Add("results", "请逐项填写检查表", "Answer the checklist");
        else
            for (var i = 0; i < Results.Count; i++)
                v.Required($"results[{i}].itemId", Results[i].ItemId, "检查项", "Item")
                    .MaxLength($"results[{i}].text", Results[i].Text, 500, "文字", "Text");
    }
}

/// <summary>
/// A technician records a task's checklist on a phone: every item answered, photos of the task's project, done once. Each failed
/// item opens a public-area service request in the work-order loop (urgent time limits for an urgent item), linked from the result;
/// all in one transaction.
/// </summary>
internal sealed class CompleteMaintenanceTaskHandler(WuyeDb db, TimeProvider clock, FacilitiesViews views, IServiceRequests requests)
{
    public async Task<TaskDto> CompleteAsync(Guid id, TaskResultsInput input, CancellationToken ct)
    {
        var task = await db.Set<MaintenanceTask>().FirstOrDefaultAsync(t => t.Id == id, ct)
            ?? throw new NotFoundException("maintenance task");
        var items = await db.Set<ChecklistItem>()
            .AsNoTracking()
            .Where(i => i.MaintenancePlanId == task.MaintenancePlanId)
            .OrderBy(i => i.Position)
            .ToListAsync(ct);
        var answers = input.Results!;
        var photos = answers.Where(a => a.PhotoId != null).Select(a => a.PhotoId!.Value).Distinct().ToList();
        if (photos.Count > 0)
        {
            var found = await db.Set<StoredFile>().CountAsync(f => photos.Contains(f.Id) && f.ProjectId == task.ProjectId, ct);
            if (found != photos.Count)
                throw ValidationException.For("results", "照片不存在或不属于本项目", "A photo was not found in this project");
        }
        var user = db.Scope.UserId ?? throw new ForbiddenException("请先登录", "Sign in first");
        var name = await db.Users.Where(u => u.Id == user).Select(u => u.DisplayName ?? u.UserName ?? "").FirstAsync(ct);
        var results = task.Complete(items, answers, user, name, clock.GetUtcNow());
        await using var tx = await db.Database.BeginOrJoinTransactionAsync(ct);
        db.AddRange(results);
        await db.SaveChangesAsync(ct);
        var asset = await db.AssetRefs().AsNoTracking().FirstOrDefaultAsync(a => a.Id == task.AssetId, ct);
        foreach (var r in results.Where(r => r.Failed))
        {
            var created = await requests.CreateForPublicAreaAsync(
                new CreatePublicAreaRequest(
                    task.ProjectId,
                    Trim($"{task.AssetName} {asset?.Location}".Trim(), 200),
                    Category(asset?.Category),
                    r.Severity == FailureSeverity.Urgent,
                    Trim(
                        $"保养任务“{task.PlanName}”（{task.DueOn:yyyy-MM-dd}）检查项“{r.Label}”异常{Value(r)}。"
                            + $"完工请上传复检照片。来源：/facilities/tasks/{task.Id}",
                        1000
                    ),
                    name
                ),
                ct
            );
            r.ServiceRequestId = created.Id;
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return await views.TaskAsync(task.Id, ct);
    }

    private static string Trim(string s, int max) => s.Length <= max ? s : s[..max];

    private static string Value(MaintenanceTaskResult r) =>
        r.Number is { } n ? $"：{n:0.###}"
        : r.Text is { } t ? $"：{t}"
        : "";

    /// <summary>The work-order category of an asset class: a car park's facilities (barrier gates, plate cameras, guidance) are its
    /// vehicle access control, kept with the security systems; sports facilities (fitness paths, courts, playgrounds) are public
    /// facilities, as the work-order module files a loose playground handrail.</summary>
    public static RequestCategory Category(AssetCategory? c) =>
        c switch
        {
            AssetCategory.Elevator => RequestCategory.Elevator,
            AssetCategory.Lighting => RequestCategory.Electrical,
            AssetCategory.Pump or AssetCategory.WaterTank => RequestCategory.Plumbing,
            AssetCategory.Cctv or AssetCategory.AccessControl or AssetCategory.CarPark => RequestCategory.Security,
            AssetCategory.SportsFacility => RequestCategory.PublicFacility,
            _ => RequestCategory.PublicFacility,
        };

    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost(
                "/maintenance-tasks/{id:guid}/results",
                async Task<Created<TaskDto>> (
                    CompleteMaintenanceTaskHandler handler,
                    Guid id,
                    TaskResultsInput body,
                    CancellationToken ct
                ) => TypedResults.Created($"/api/v1/maintenance-tasks/{id}", await handler.CompleteAsync(id, body, ct))
            )
            .WithTags("Facilities")
            .RequireRoles(FacilitiesRoles.Technicians)
            .WithSummary("Record a maintenance task's checklist (every item answered); the task is done, failed items counted");
    }
}
