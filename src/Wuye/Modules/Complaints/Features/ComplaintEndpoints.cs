using Wuye.Modules.WorkOrders.Contracts;
using Wuye.Modules.MasterData.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Complaints.Domain;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Complaints.Features;

internal static class ComplaintEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/complaints").WithTags("Complaints");

        g.MapGet("/", async (WuyeDb db, TimeProvider clock, EnumQuery<ComplaintStatus>? status, EnumQuery<ComplaintCategory>? category,
            Guid? projectId, Guid? unitId, Guid? ownerStaffId, bool? overdue, bool? vip, bool? major, bool? mine, string? q, int? page, int? pageSize, CancellationToken ct) =>
        {
            var now = clock.GetUtcNow();
            var query = db.Set<Complaint>().AsNoTracking();
            if (status?.Value is { } s) query = query.Where(c => c.Status == s);
            if (category?.Value is { } cat) query = query.Where(c => c.Category == cat);
            if (projectId is { } p) query = query.Where(c => c.ProjectId == p);
            if (unitId is { } u) query = query.Where(c => c.UnitId == u);
            if (ownerStaffId is { } o) query = query.Where(c => c.OwnerStaffId == o);
            if (mine == true) { var me = db.Scope.UserId; query = query.Where(c => c.OwnerStaffId == me); }
            if (overdue == true) query = query.Where(c => c.Status == ComplaintStatus.Open && c.ReplyDueAt < now);
            if (vip is { } v) query = query.Where(c => c.Vip == v);
            if (major is { } m) query = query.Where(c => (c.Major != null) == m);
            if (!string.IsNullOrWhiteSpace(q)) { var t = q.Trim(); query = query.Where(c => c.Number.Contains(t) || c.Description.Contains(t) || c.ComplainantName.Contains(t)); }
            var paged = await ComplaintQueries.Complaints(db, query.OrderByDescending(c => c.ReceivedAt), now).ToPagedAsync(page, pageSize, ct);
            return TypedResults.Ok(paged with { Items = [.. paged.Items.Select(ComplaintQueries.Masked)] });
        }).WithSummary("Complaints the user may see, newest first (owners: their own units')");

        g.MapGet("/{id:guid}", async Task<Results<Ok<ComplaintDetail>, NotFound>> (WuyeDb db, IServiceRequests serviceRequests, TimeProvider clock, Guid id, CancellationToken ct) =>
            await ComplaintQueries.DetailAsync(db, serviceRequests, id, clock.GetUtcNow(), ct) is { } d ? TypedResults.Ok(d) : TypedResults.NotFound())
            .WithSummary("One complaint with its timeline, linked service requests and suggested reply scripts");

        g.MapPost("/", async (WuyeDb db, TimeProvider clock, ComplaintService svc, NewComplaint body, CancellationToken ct) =>
        {
            var c = await svc.CreateAsync(body, ct);
            var dto = await ComplaintQueries.Complaints(db, db.Set<Complaint>().AsNoTracking().Where(x => x.Id == c.Id), clock.GetUtcNow()).FirstAsync(ct);
            return TypedResults.Created($"/api/v1/complaints/{c.Id}", ComplaintQueries.Masked(dto));
        }).RequireRoles(ComplaintService.Receivers).WithSummary("Receive a complaint; the receiver owns it (首问责任制). VIP and major ones go to the project manager at once");

        Action<ClassifyInput>(g, "classify", ComplaintService.Handlers, (s, id, b, ct) => s.ClassifyAsync(id, b, ct), "Classify: category, effective or not (with reason), VIP, major, departments");
        Action<ReassignInput>(g, "reassign", ComplaintService.Handlers, (s, id, b, ct) => s.ReassignAsync(id, b, ct), "Change the owner of record (project or company managers only, with a reason)");
        Action<PostponeInput>(g, "postpone", ComplaintService.Handlers, (s, id, b, ct) => s.PostponeAsync(id, b, ct), "Postpone the promised reply, once, with a reason, to a given time or by workingDays on the project's business calendar; the complainant is told by SMS");
        Action<NoteInput>(g, "escalate", ComplaintService.Handlers, (s, id, b, ct) => s.EscalateAsync(id, b, ct), "Escalate one level: project manager, then company management");
        Action<FollowUpInput>(g, "follow-up", ComplaintService.Handlers, (s, id, b, ct) => s.FollowUpAsync(id, b, ct), "Record the root cause and the next step (the daily review reads them)");
        Action<LinkInput>(g, "links", ComplaintService.Handlers, (s, id, b, ct) => s.LinkAsync(id, b, ct), "Link an existing service request of the same project");
        Action<CloseInput>(g, "close", ComplaintService.Handlers, (s, id, b, ct) => s.CloseAsync(id, b, ct), "Close with the resolution given to the complainant");
        Action<ComplaintVisitInput>(g, "visit", ComplaintService.Handlers, (s, id, b, ct) => s.VisitAsync(id, b, ct), "Record the return visit: satisfied or not");
        Action<ReopenInput>(g, "reopen", ComplaintService.Handlers, (s, id, b, ct) => s.ReopenAsync(id, b, ct), "Reopen a closed complaint whose complainant is not satisfied");

        g.MapPost("/{id:guid}/service-requests", async (ComplaintService svc, Guid id, LinkedRequestInput body, CancellationToken ct) =>
        {
            var requestId = await svc.CreateLinkedRequestAsync(id, body, ct);
            return TypedResults.Created($"/api/v1/service-requests/{requestId}", new { id = requestId });
        }).RequireRoles(ComplaintService.Handlers).WithSummary("Hand the work to engineering: a service request for the complaint's unit, linked to it");

        var settings = api.MapGroup("/complaint-settings").WithTags("Complaints");
        settings.MapGet("/{projectId:guid}", async Task<Results<Ok<SettingsDto>, NotFound>> (WuyeDb db, ComplaintService svc, Guid projectId, CancellationToken ct) =>
        {
            var project = await db.ProjectRefs().AsNoTracking().Where(p => p.Id == projectId).Select(p => new { p.Id, p.CompanyId }).FirstOrDefaultAsync(ct);
            if (project is null) return TypedResults.NotFound();
            var own = await db.Set<ComplaintSettings>().AsNoTracking().FirstOrDefaultAsync(s => s.ProjectId == projectId, ct);
            return TypedResults.Ok(SettingsDto.Of(own ?? ComplaintSettings.Defaults(project.CompanyId, project.Id), own is null));
        }).RequireRoles(ComplaintService.Handlers).WithSummary("A project's complaint rules: reply promise in working days (business calendar), daily review time, escalation hours");

        settings.MapPut("/{projectId:guid}", async Task<Results<Ok<SettingsDto>, NotFound>> (WuyeDb db, Guid projectId, SettingsInput body, CancellationToken ct) =>
            await SaveSettingsAsync(db, projectId, body, ct) is { } dto ? TypedResults.Ok(dto) : TypedResults.NotFound())
            .RequireRoles(ComplaintService.Managers).WithSummary("Set a project's complaint rules: replyDays in working days on the project's business calendar (applies to new complaints and the next review)");
    }

    /// <summary>Saves a project's complaint rules (the API and the settings page); null when the project is not the caller's.</summary>
    public static async Task<SettingsDto?> SaveSettingsAsync(WuyeDb db, Guid projectId, SettingsInput body, CancellationToken ct)
    {
        var project = await db.ProjectRefs().Where(p => p.Id == projectId).Select(p => new { p.Id, p.CompanyId }).FirstOrDefaultAsync(ct);
        if (project is null) return null;
        var s = await db.Set<ComplaintSettings>().FirstOrDefaultAsync(x => x.ProjectId == projectId, ct);
        if (s is null) db.Add(s = ComplaintSettings.Defaults(project.CompanyId, project.Id));
        s.ReplyDays = body.ReplyDays!.Value;
        s.ReviewTime = body.ReviewTime!.Value;
        s.ProjectManagerAfterHours = body.ProjectManagerAfterHours!.Value;
        s.CompanyAfterHours = body.CompanyAfterHours!.Value;
        await db.SaveChangesAsync(ct);
        return SettingsDto.Of(s, false);
    }

    private static void Action<T>(RouteGroupBuilder g, string action, string[] roles, Func<ComplaintService, Guid, T, CancellationToken, Task> run, string summary) where T : IValidatable =>
        g.MapPost($"/{{id:guid}}/{action}", async Task<Results<Ok<ComplaintDetail>, NotFound>> (WuyeDb db, IServiceRequests serviceRequests, TimeProvider clock, ComplaintService svc, Guid id, T body, CancellationToken ct) =>
        {
            await run(svc, id, body, ct);
            return await ComplaintQueries.DetailAsync(db, serviceRequests, id, clock.GetUtcNow(), ct) is { } d ? TypedResults.Ok(d) : TypedResults.NotFound();
        }).RequireRoles(roles).WithSummary(summary);
}

public sealed record SettingsDto(Guid ProjectId, int ReplyDays, TimeOnly ReviewTime, int ProjectManagerAfterHours, int CompanyAfterHours, bool IsDefault)
{
    public static SettingsDto Of(ComplaintSettings s, bool isDefault) => new(s.ProjectId, s.ReplyDays, s.ReviewTime, s.ProjectManagerAfterHours, s.CompanyAfterHours, isDefault);
}
