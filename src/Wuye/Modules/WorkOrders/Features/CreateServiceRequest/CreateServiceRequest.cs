using Microsoft.EntityFrameworkCore;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Modules.WorkOrders.Contracts;
using Wuye.Modules.WorkOrders.Data;
using Wuye.Modules.WorkOrders.Domain;
using Wuye.Modules.WorkOrders.Features.Shared;
using Wuye.Platform.Database;
using Wuye.Platform.Files;
using Wuye.Platform.Identity;
using Wuye.Platform.Notifications;
using Wuye.Platform.Web;

namespace Wuye.Modules.WorkOrders.Features.CreateServiceRequest;

internal static class CreateServiceRequestEndpoint
{
    public static void Map(RouteGroupBuilder requests) =>
        requests
            .MapPost("/", async (CreateServiceRequestHandler handler, NewServiceRequest body, CancellationToken ct) =>
            {
                // Answered from what was just written: reading it back cost a round trip per request.
                var (r, label) = await handler.CreateWithLabelAsync(body, ct);
                return TypedResults.Created($"/api/v1/service-requests/{r.Id}", WorkOrderQueries.Request(r, label));
            })
            .RequireRoles(WorkOrderRoles.Reporters)
            .WithSummary("Register a request (unit, or public area with project/zone/location); starts its clocks");
}

internal sealed record NewServiceRequest(
    Guid? UnitId,
    Guid? ProjectId,
    Guid? ZoneId,
    string? Location,
    RequestChannel? Channel,
    RequestCategory? Category,
    Urgency? Urgency,
    string? Description,
    string? ReporterName,
    string? ReporterPhone,
    Guid[]? PhotoIds,
    DateTimeOffset? VisitFrom,
    DateTimeOffset? VisitTo
) : IValidatable
{
    public void Validate(Validator v)
    {
        if (UnitId is null && ProjectId is null)
            v.Add("unitId", "请选择房屋，或公共区域所属的项目", "Choose a unit, or the project of the public area");
        if (UnitId == Guid.Empty)
            v.Add("unitId", "请选择房屋", "Choose a unit");
        v.Required("category", Category, "类别", "Category")
            .Required("description", Description, "问题描述", "Description")
            .MaxLength("description", Description, 1000, "问题描述", "Description")
            .MaxLength("location", Location, 200, "位置", "Location")
            .MaxLength("reporterName", ReporterName, 50, "报事人", "Reporter")
            .Phone("reporterPhone", ReporterPhone);
        if (PhotoIds is { Length: > 9 })
            v.Add("photoIds", "最多 9 张照片", "At most 9 photos");
        if (VisitTo is not null && VisitFrom is null)
            v.Add("visitFrom", "请填写预约上门开始时间", "Give the start of the visit slot");
        if (VisitFrom is not null && VisitTo is not null && VisitTo <= VisitFrom)
            v.Add("visitTo", "预约结束时间应晚于开始时间", "The visit slot must end after it starts");
    }
}

internal sealed partial class CreateServiceRequestHandler
{
    /// <summary>How far ahead an owner or the desk may book a visit.</summary>
    public const int VisitSlotDaysAhead = 60;

    /// <summary>A visit slot from now to <see cref="VisitSlotDaysAhead"/> days ahead (a year-9999 slot is a typing slip, not a
    /// booking).</summary>
    public static void CheckVisitSlot(Validator v, DateTimeOffset? from, DateTimeOffset? to, DateTimeOffset now)
    {
        if (from is { } f && f < now.AddMinutes(-5))
            v.Add("visitFrom", "预约上门时间不能早于现在", "The visit slot cannot be in the past");
        else if (from is { } f2 && f2 > now.AddDays(VisitSlotDaysAhead))
            v.Add(
                "visitFrom",
                $"预约上门时间应在今后 {VisitSlotDaysAhead} 天内",
                $"Book a visit within the next {VisitSlotDaysAhead} days"
            );
        if (to is { } t && from is { } f3 && t > f3.AddDays(1))
            v.Add("visitTo", "预约时段不能超过一天", "A visit slot is at most one day long");
    }
}

/// <summary>报事: registers a request for a unit or a public area, opens its first job with the project's clocks, tells the front
/// desk.</summary>
internal sealed partial class CreateServiceRequestHandler(
    WuyeDb db,
    JobSteps steps,
    ProjectClocks clocks,
    Notifier notifier,
    RequestNumbers numbers
)
{
    public async Task<ServiceRequest> CreateAsync(NewServiceRequest input, CancellationToken ct) =>
        (await CreateWithLabelAsync(input, ct)).Request;

    /// <summary>Creates, and gives the unit's label too, so the API can answer without reading the request back.</summary>
    public async Task<(ServiceRequest Request, string? UnitLabel)> CreateWithLabelAsync(NewServiceRequest input, CancellationToken ct)
    {
        var now = steps.Now;
        var v = new Validator();
        Guid companyId,
            projectId;
        Guid? zoneId = input.ZoneId,
            unitId = input.UnitId;
        string? unitLabel = null;
        if (input.UnitId is { } uid)
        {
            var unit = await db.UnitRefs()
                .AsNoTracking()
                .Where(u => u.Id == uid && u.ArchivedAt == null)
                .Select(u => new
                {
                    u.CompanyId,
                    u.ProjectId,
                    u.ZoneId,
                    u.Label,
                })
                .FirstOrDefaultAsync(ct);
            if (unit is null)
                throw ValidationException.For("unitId", "房屋不存在或无权访问", "Unit not found, or not yours");
            (companyId, projectId, zoneId, unitLabel) = (unit.CompanyId, unit.ProjectId, unit.ZoneId, unit.Label);
        }
        else
        {
            var project = await db.ProjectRefs()
                .AsNoTracking()
                .Where(p => p.Id == input.ProjectId && p.ArchivedAt == null)
                .Select(p => new { p.Id, p.CompanyId })
                .FirstOrDefaultAsync(ct);
            if (project is null)
                throw ValidationException.For("projectId", "项目不存在或无权访问", "Project not found, or not yours");
            (companyId, projectId) = (project.CompanyId, project.Id);
            if (zoneId is { } z && !await db.ZoneRefs().AnyAsync(x => x.Id == z && x.ProjectId == projectId, ct))
                v.Add("zoneId", "片区不属于该项目", "The zone is not in this project");
            if (string.IsNullOrWhiteSpace(input.Location))
                v.Add("location", "公共区域报事请填写位置", "Give the location in the public area");
        }
        CheckVisitSlot(v, input.VisitFrom, input.VisitTo, now);
        var photos = (input.PhotoIds ?? []).Distinct().ToArray();
        if (
            photos.Length > 0
            && await db.Set<StoredFile>().CountAsync(f => photos.Contains(f.Id) && f.ProjectId == projectId, ct) != photos.Length
        )
            v.Add("photoIds", "照片不存在或不属于该项目，请重新上传", "A photo was not found for this project; upload it again");
        v.ThrowIfAny();

        var scope = db.Scope;
        var reporter = await steps.ActorAsync(ct);
        var channel = input.Channel ?? (scope.Roles is [Roles.Owner] ? RequestChannel.OwnerPortal : RequestChannel.FrontDesk);
        var request = new ServiceRequest
        {
            CompanyId = companyId,
            ProjectId = projectId,
            ZoneId = zoneId,
            UnitId = unitId,
            Number = await numbers.NextAsync(now, "BX", ct),
            Channel = channel,
            Category = input.Category!.Value,
            Urgency = input.Urgency ?? Urgency.Normal,
            Description = input.Description!.Trim(),
            Location = input.Location?.Trim(),
            ReporterName = input.ReporterName?.Trim() ?? reporter.Name,
            ReporterPhone = input.ReporterPhone?.Trim(),
            ReporterUserId = scope.UserId,
            PhotoIds = photos,
            VisitFrom = input.VisitFrom?.ToUniversalTime(),
            VisitTo = input.VisitTo?.ToUniversalTime(),
            Status = RequestStatus.Open,
            OpenedAt = now,
            OpenedMonth = ChinaTime.Month(now),
        };
        db.Add(request);
        var wo = await clocks.OpenWorkOrderAsync(request, null, now, ct);
        request.CompletionDueAt = wo.CompletionDueAt;
        steps.Log(request, wo, EventKind.Created, reporter, () =>
            WorkOrderText.ChannelName(channel)
            + (wo.CompletionDueAt is { } due ? Loc.T($"；完成时限 {ChinaTime.Text(due)}", $"; completion due {ChinaTime.Text(due)}") : "")
        );
        var desk = await notifier.UsersWithRoleAsync(Roles.CustomerService, companyId, projectId, ct);
        await notifier.NotifyAsync(
            desk,
            companyId,
            $"新报事 {request.Number}",
            request.Description,
            $"/service-requests/{request.Id}",
            null,
            ct
        );
        await db.SaveChangesAsync(ct);
        return (request, unitLabel);
    }
}
