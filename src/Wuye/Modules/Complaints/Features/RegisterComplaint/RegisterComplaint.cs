using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Complaints.Domain;
using Wuye.Modules.Complaints.Features.Shared;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Modules.WorkOrders.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Notifications;
using Wuye.Platform.Web;

namespace Wuye.Modules.Complaints.Features.RegisterComplaint;

internal sealed record NewComplaint(
    Guid? UnitId,
    Guid? PersonId,
    string? ComplainantName,
    string? ComplainantPhone,
    ComplaintChannel? Channel,
    ComplaintCategory? Category,
    string? Description,
    bool? Effective,
    string? IneffectiveReason,
    bool? Vip,
    MajorKind? Major,
    string[]? Departments,
    Guid[]? ServiceRequestIds,
    DateTimeOffset? ReplyDueAt
) : IValidatable
{
    public void Validate(Validator v)
    {
        v.Required("unitId", UnitId, "房屋", "Unit")
            .Required("category", Category, "投诉类别", "Category")
            .Required("description", Description, "投诉内容", "Description")
            .MaxLength("description", Description, 2000, "投诉内容", "Description")
            .MaxLength("complainantName", ComplainantName, 50, "投诉人", "Complainant")
            .Phone("complainantPhone", ComplainantPhone)
            .MaxLength("ineffectiveReason", IneffectiveReason, 200, "无效原因", "Reason it is not effective");
        if (Effective == false && string.IsNullOrWhiteSpace(IneffectiveReason))
            v.Add("ineffectiveReason", "判定为无效投诉时请写明原因", "Say why the complaint is not effective");
        ComplaintInputs.CheckDepartments(v, Departments);
        if (ServiceRequestIds is { Length: > 20 })
            v.Add("serviceRequestIds", "最多关联 20 个报事", "At most 20 linked requests");
    }
}

/// <summary>
/// POST /complaints (and the intake and portal pages): receives a complaint. The receiver owns it
/// (首问责任制); an owner's complaint from the portal goes to the project's customer service. VIP and
/// major ones go to the project manager at once when the project's ladder says so.
/// </summary>
internal sealed class RegisterComplaintHandler(
    WuyeDb db,
    TimeProvider clock,
    Notifier notifier,
    IServiceRequests serviceRequests,
    ComplaintSteps steps,
    ComplaintPromises promises,
    ComplaintEscalator escalator,
    ComplaintDepartments departments
)
{
    public static void Map(RouteGroupBuilder api) =>
        ComplaintApi
            .Group(api)
            .MapPost(
                "/",
                async (WuyeDb db, TimeProvider clock, RegisterComplaintHandler handler, NewComplaint body, CancellationToken ct) =>
                {
                    var c = await handler.HandleAsync(body, ct);
                    var dto = await ComplaintQueries
                        .Complaints(db, db.Set<Complaint>().AsNoTracking().Where(x => x.Id == c.Id), clock.GetUtcNow())
                        .FirstAsync(ct);
                    return TypedResults.Created($"/api/v1/complaints/{c.Id}", ComplaintQueries.Masked(dto));
                }
            )
            .RequireRoles(ComplaintRoles.Receivers)
            .WithSummary("Receive a complaint; the receiver owns it (首问责任制). VIP and major ones go to the project manager at once");

    public async Task<Complaint> HandleAsync(NewComplaint input, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var v = new Validator();
        var unit = await db.UnitRefs()
            .AsNoTracking()
            .Where(u => u.Id == input.UnitId && u.ArchivedAt == null)
            .Select(u => new
            {
                u.Id,
                u.CompanyId,
                u.ProjectId,
                u.ZoneId,
                u.BuildingId,
            })
            .FirstOrDefaultAsync(ct)
            ?? throw ValidationException.For("unitId", "房屋不存在或无权访问", "Unit not found, or not yours");
        var scope = db.Scope;
        // Someone complaining about a home of a project they do not work at complains as its owner (the portal way), whatever
        // their roles elsewhere: staff of another company must not become the owner of record of this one's complaint.
        var isOwner = scope.Roles is [Roles.Owner] || !scope.WorksAt(unit.CompanyId, unit.ProjectId);
        var personId = input.PersonId;
        if (isOwner && personId is null)
            personId = await db.PersonRefs().Where(p => p.UserId == scope.UserId).Select(p => (Guid?)p.Id).FirstOrDefaultAsync(ct);
        (string Name, string? Phone, Guid? UserId)? person = null;
        if (personId is { } pid)
        {
            var p = await db.PersonRefs()
                .AsNoTracking()
                .Where(x => x.Id == pid && x.ArchivedAt == null && db.OccupantRefs().Any(o => o.PersonId == x.Id && o.UnitId == unit.Id))
                .Select(x => new
                {
                    x.Name,
                    x.Phone,
                    x.UserId,
                })
                .FirstOrDefaultAsync(ct);
            if (p is null)
                v.Add("personId", "投诉人不是该房屋登记的业主或住户", "The complainant is not a registered owner or resident of this unit");
            else
                person = (p.Name, p.Phone, p.UserId);
        }
        var name = input.ComplainantName?.Trim() is { Length: > 0 } n ? n : person?.Name;
        if (name is null)
            v.Add("complainantName", "请填写投诉人，或选择登记的业主", "Give the complainant's name or choose a registered owner");
        var settings = await promises.SettingsAsync(unit.CompanyId, unit.ProjectId, ct);
        var due = input.ReplyDueAt?.ToUniversalTime()
            ?? await promises.PromiseAsync(unit.CompanyId, unit.ProjectId, now, settings.ReplyDays, ct);
        if (due <= now)
            v.Add("replyDueAt", "答复承诺时间不能早于现在", "The promised reply time cannot be in the past");
        else if (due > now.AddDays(Complaint.LongestReplyDays))
            v.Add("replyDueAt", "答复承诺时间不能超过 30 天", "The promised reply time must be within 30 days");
        var requestIds = (input.ServiceRequestIds ?? []).Distinct().ToArray();
        if (requestIds.Length > 0 && await serviceRequests.CountInProjectAsync(requestIds, unit.ProjectId, ct) != requestIds.Length)
            v.Add("serviceRequestIds", "关联的报事不存在或不属于该项目", "A linked request was not found in this project");
        await departments.CheckAsync(v, unit.CompanyId, input.Departments, [], ct);
        v.ThrowIfAny();

        var actor = await steps.ActorAsync(ct);
        Guid ownerId;
        string ownerName;
        if (isOwner)
        {
            // A complaint from the portal has no staff receiver yet: the project's customer service owns it.
            var desk = await notifier.UsersWithRoleAsync(Roles.CustomerService, unit.CompanyId, unit.ProjectId, ct);
            if (desk.Count == 0)
                desk = await notifier.UsersWithRoleAsync(Roles.ProjectManager, unit.CompanyId, unit.ProjectId, ct);
            if (desk.Count == 0)
                throw new RuleException(
                    "complaint.no_receiver",
                    "该项目没有客服或项目经理，无法受理",
                    "This project has no customer service or manager to take the complaint"
                );
            ownerId = desk.Order().First();
            ownerName = await steps.NameOfAsync(ownerId, ct);
        }
        else
            (ownerId, ownerName) = (actor.Id, actor.Name);

        var c = new Complaint
        {
            CompanyId = unit.CompanyId,
            ProjectId = unit.ProjectId,
            ZoneId = unit.ZoneId,
            UnitId = unit.Id,
            BuildingId = unit.BuildingId,
            Number = "TS" + ChinaTime.Now(clock).ToString("yyMMdd") + Random.Shared.Next(0, 0xFFFFFF).ToString("X6"),
            Channel = input.Channel ?? (isOwner ? ComplaintChannel.Portal : ComplaintChannel.FrontDesk),
            Category = input.Category!.Value,
            Description = input.Description!.Trim(),
            PersonId = personId,
            ComplainantName = name!,
            ComplainantPhone = input.ComplainantPhone?.Trim() is { Length: > 0 } ph ? ph : person?.Phone,
            ComplainantUserId = person?.UserId,
            Effective = input.Effective ?? true,
            IneffectiveReason = input.Effective == false ? input.IneffectiveReason?.Trim() : null,
            Vip = input.Vip ?? false,
            Major = input.Major,
            Departments = [.. (input.Departments ?? []).Distinct()],
            ServiceRequestIds = requestIds,
            ReceivedByUserId = actor.Id,
            ReceivedByName = actor.Name,
            OwnerStaffId = ownerId,
            OwnerStaffName = ownerName,
            ReceivedAt = now,
            ReceivedMonth = ChinaTime.Month(now),
            ReplyDueAt = due,
            Status = ComplaintStatus.Open,
        };
        db.Add(c);
        steps.Log(
            c,
            ComplaintEventKind.Received,
            actor,
            $"{ComplaintText.ChannelName(c.Channel)}；{Loc.T("责任人", "owner")} {ownerName}；{Loc.T("承诺答复", "reply promised by")} "
                + $"{ChinaTime.Text(due)}"
                + (c.Vip ? "；VIP" : "")
                + (c.Major is { } m ? "；" + ComplaintText.MajorName(m) : "")
        );
        if (c.IsFlagged() && settings.ProjectManagerAfterHours == 0)
            await escalator.RaiseAsync(c, 1, actor.Name, Loc.T("VIP/重大投诉即时上报", "VIP or major complaint, reported at once"), ct);
        if (isOwner)
            await notifier.NotifyAsync([ownerId], c.CompanyId, $"新投诉 {c.Number}", c.Description, $"/complaints/{c.Id}", null, ct);
        await db.SaveChangesAsync(ct);
        return c;
    }
}
