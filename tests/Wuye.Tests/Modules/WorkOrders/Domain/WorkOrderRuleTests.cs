using Wuye.Modules.WorkOrders.Contracts;
using Wuye.Modules.WorkOrders.Domain;
using Wuye.Platform.Web;
using static Wuye.Tests.Kit.Clocks;

namespace Wuye.Tests.Modules.WorkOrders.Domain;

/// <summary>
/// The work order's status changes and their rules, on the entities alone (no app, no database).
/// Clock: Monday 23 November 2026 09:00 China time, the default calendar (Monday–Friday 8:30–17:30),
/// limits of 30 / 120 / 1440 working minutes.
/// </summary>
public sealed class WorkOrderRuleTests
{
    private static readonly DateTimeOffset T0 = China(2026, 11, 23, 9, 0);
    private static readonly Guid Company = Guid.NewGuid(),
        Project = Guid.NewGuid();
    private static readonly WorkingTime Office = new(WorkingTime.DefaultCalendar(Company, Project));
    private static readonly SlaPolicy Normal = new()
    {
        CompanyId = Company,
        ProjectId = Project,
        ResponseMinutes = 30,
        ArrivalMinutes = 120,
        CompletionMinutes = 1440,
    };
    private readonly Guid _tech = Guid.NewGuid(),
        _other = Guid.NewGuid();

    internal static ServiceRequest Request(Guid? unitId = null, RequestStatus status = RequestStatus.Open) =>
        new()
        {
            CompanyId = Company,
            ProjectId = Project,
            UnitId = unitId,
            Number = "BX261123000001",
            Description = "卫生间水龙头漏水",
            Category = RequestCategory.Plumbing,
            Status = status,
            OpenedAt = T0,
        };

    private static WorkOrder Job(ServiceRequest r) => WorkOrder.Open(r, null, Normal, Office, T0);

    private WorkOrder Dispatched(ServiceRequest r)
    {
        var wo = Job(r);
        wo.Dispatch(r, _tech, "李师傅", T0);
        return wo;
    }

    private WorkOrder Accepted(ServiceRequest r, DateTimeOffset? at = null)
    {
        var wo = Dispatched(r);
        wo.Accept(r, _tech, "李师傅", at ?? T0.AddMinutes(10));
        return wo;
    }

    private WorkOrder OnSite(ServiceRequest r)
    {
        var wo = Accepted(r);
        wo.Arrive(r, T0.AddMinutes(40));
        return wo;
    }

    internal static void Refused(string code, Action step) => Assert.Equal(code, Assert.Throws<RuleException>(step).Code);

    [Fact]
    public void A_new_job_starts_its_clocks_on_working_time_and_runs_without_limits_when_there_is_no_policy()
    {
        var r = Request();
        var wo = Job(r);
        Assert.Equal((WorkOrderStatus.New, r.Id, T0), (wo.Status, wo.ServiceRequestId, wo.ClockStartedAt));
        Assert.Equal(China(2026, 11, 23, 9, 30), wo.ResponseDueAt);
        Assert.Equal(China(2026, 11, 23, 11, 0), wo.ArrivalDueAt);
        Assert.Equal(China(2026, 11, 25, 15, 0), wo.CompletionDueAt);
        Assert.False(wo.AroundTheClock);
        var free = WorkOrder.Open(r, null, null, WorkingTime.AroundTheClock, T0);
        Assert.Equal((null, null, null, true), (free.ResponseDueAt, free.ArrivalDueAt, free.CompletionDueAt, free.AroundTheClock));
    }

    [Fact]
    public void A_new_or_dispatched_job_is_dispatched_to_one_technician_or_offered_to_all()
    {
        var r = Request();
        var wo = Job(r);
        wo.Dispatch(r, null, null, T0);
        Assert.Equal((WorkOrderStatus.Dispatched, null, null, T0), (wo.Status, wo.AssigneeUserId, wo.AssigneeName, wo.DispatchedAt));
        wo.Dispatch(r, _tech, "李师傅", T0.AddMinutes(1));
        Assert.Equal(
            (WorkOrderStatus.Dispatched, _tech, "李师傅", T0.AddMinutes(1)),
            (wo.Status, wo.AssigneeUserId, wo.AssigneeName, wo.DispatchedAt)
        );
    }

    [Fact]
    public void A_job_under_way_or_of_a_closed_or_merged_request_is_not_dispatched()
    {
        var r = Request();
        var accepted = Accepted(r);
        Refused("work_order.not_dispatchable", () => accepted.Dispatch(r, _other, "王师傅", T0));
        foreach (var status in new[] { RequestStatus.Closed, RequestStatus.Merged })
        {
            var closed = Request(status: status);
            Refused("work_order.not_dispatchable", () => Job(closed).Dispatch(closed, _tech, "李师傅", T0));
        }
        var completed = OnSite(r);
        completed.Complete(r, "换阀芯", "业主", null, [], [Guid.NewGuid()], T0.AddHours(1));
        Refused("work_order.not_dispatchable", () => completed.Dispatch(r, _tech, "李师傅", T0));
    }

    [Fact]
    public void Accepting_is_for_a_dispatched_job_of_mine_or_offered_to_all_and_records_the_response_once()
    {
        var r = Request();
        var offered = Job(r);
        offered.Dispatch(r, null, null, T0);
        offered.Accept(r, _tech, "李师傅", T0.AddMinutes(10));
        Assert.Equal(
            (WorkOrderStatus.Accepted, _tech, "李师傅", T0.AddMinutes(10)),
            (offered.Status, offered.AssigneeUserId, offered.AssigneeName, offered.AcceptedAt)
        );
        Assert.True(r.ResponseOnTime);

        var late = Request();
        Dispatched(late).Accept(late, _tech, "李师傅", T0.AddMinutes(31));
        Assert.False(late.ResponseOnTime);
    }

    [Fact]
    public void A_job_not_dispatched_or_dispatched_to_someone_else_is_not_accepted()
    {
        var r = Request();
        Refused("work_order.not_acceptable", () => Job(r).Accept(r, _tech, "李师傅", T0));
        var accepted = Accepted(r);
        Refused("work_order.not_acceptable", () => accepted.Accept(r, _tech, "李师傅", T0));
        Refused("work_order.not_yours", () => Dispatched(r).Accept(r, _other, "王师傅", T0));
    }

    [Fact]
    public void Only_the_technician_it_was_dispatched_to_declines_and_only_before_accepting()
    {
        var r = Request();
        var wo = Dispatched(r);
        Refused("work_order.not_declinable", () => wo.Decline(_other));
        wo.Decline(_tech);
        Assert.Equal((WorkOrderStatus.New, null, null), (wo.Status, wo.AssigneeUserId, wo.AssigneeName));
        Refused("work_order.not_declinable", () => Accepted(r).Decline(_tech));
    }

    [Fact]
    public void A_job_not_yet_on_site_is_transferred_by_a_dispatcher_or_its_own_technician()
    {
        var r = Request();
        var wo = Accepted(r);
        Refused("work_order.not_yours", () => wo.TransferTo(false, _other, _other, "王师傅"));
        Assert.Equal("李师傅", wo.TransferTo(false, _tech, _other, "王师傅"));
        Assert.Equal((WorkOrderStatus.Dispatched, _other, "王师傅"), (wo.Status, wo.AssigneeUserId, wo.AssigneeName));
        Assert.Equal("王师傅", wo.TransferTo(true, Guid.NewGuid(), _tech, "李师傅"));
        var onSite = OnSite(r);
        Refused("work_order.not_transferable", () => onSite.TransferTo(true, null, _other, "王师傅"));
        Refused("work_order.not_transferable", () => Job(r).TransferTo(true, null, _other, "王师傅"));
    }

    [Fact]
    public void On_site_only_the_assignee_or_a_platform_admin_acts()
    {
        var wo = Accepted(Request());
        wo.CheckWorkedBy(false, _tech);
        wo.CheckWorkedBy(true, null);
        Refused("work_order.not_yours", () => wo.CheckWorkedBy(false, _other));
    }

    [Fact]
    public void Arriving_needs_an_accepted_job_and_records_the_arrival_of_the_first_job()
    {
        var r = Request();
        Refused("work_order.not_arrivable", () => Dispatched(r).Arrive(r, T0));
        var wo = Accepted(r);
        wo.Arrive(r, China(2026, 11, 23, 11, 1));
        Assert.Equal((WorkOrderStatus.OnSite, China(2026, 11, 23, 11, 1)), (wo.Status, wo.ArrivedAt));
        Assert.False(r.ArrivalOnTime);
        Refused("work_order.not_arrivable", () => wo.Arrive(r, T0));
    }

    [Fact]
    public void A_job_under_way_pauses_and_resumes_with_its_limits_moved_on_by_the_working_time_paused()
    {
        var r = Request();
        var wo = OnSite(r);
        wo.Pause(PauseKind.WaitingForParts, "等配件", China(2026, 11, 23, 10, 0));
        Assert.Equal(
            (WorkOrderStatus.Paused, WorkOrderStatus.OnSite, PauseKind.WaitingForParts, "等配件"),
            (wo.Status, wo.StatusBeforePause, wo.PauseKind, wo.PauseReason)
        );
        Refused("work_order.not_pausable", () => wo.Pause(PauseKind.WaitingForOwner, "again", T0));

        var resumed = wo.Resume(r, Office, China(2026, 11, 24, 10, 0));
        Assert.Equal(new WorkOrder.Resumed(540, "等配件"), resumed);
        Assert.Equal(
            (WorkOrderStatus.OnSite, null, null, null, null, 540),
            (wo.Status, wo.StatusBeforePause, wo.PausedAt, wo.PauseKind, wo.PauseReason, wo.PausedMinutes)
        );
        Assert.Equal(China(2026, 11, 26, 15, 0), wo.CompletionDueAt);
        Assert.Equal(China(2026, 11, 23, 11, 0), wo.ArrivalDueAt); // met already: not moved
        Assert.Equal(wo.CompletionDueAt, r.CompletionDueAt);
    }

    [Fact]
    public void An_accepted_job_pauses_before_arriving_and_the_arrival_limit_moves_too()
    {
        var r = Request();
        var wo = Accepted(r);
        wo.Pause(PauseKind.WaitingForOwner, "业主不在家", China(2026, 11, 23, 10, 0));
        wo.Resume(r, Office, China(2026, 11, 23, 11, 0));
        Assert.Equal(WorkOrderStatus.Accepted, wo.Status);
        Assert.Equal(China(2026, 11, 23, 12, 0), wo.ArrivalDueAt);
    }

    [Fact]
    public void Only_a_job_under_way_is_paused_and_only_a_paused_one_resumed()
    {
        var r = Request();
        Refused("work_order.not_pausable", () => Dispatched(r).Pause(PauseKind.WaitingForParts, "x", T0));
        Refused("work_order.not_pausable", () => Job(r).Pause(PauseKind.WaitingForParts, "x", T0));
        Refused("work_order.not_paused", () => OnSite(r).Resume(r, Office, T0));
        Refused("work_order.not_paused", () => OnSite(r).CheckPaused());
    }

    [Fact]
    public void No_completing_without_being_on_site()
    {
        var r = Request();
        Refused("work_order.not_completable", () => Accepted(r).Complete(r, "x", "业主", null, [], [Guid.NewGuid()], T0));
        var paused = OnSite(r);
        paused.Pause(PauseKind.WaitingForParts, "等配件", T0.AddHours(1));
        Refused("work_order.not_completable", () => paused.CheckCompletable());
    }

    [Fact]
    public void Completing_the_first_job_sets_the_request_figures_and_its_charges_add_up()
    {
        var r = Request();
        var wo = OnSite(r);
        var item = new PriceItem
        {
            CompanyId = Company,
            Name = "角阀",
            Kind = PriceKind.Material,
            UnitName = "个",
            Price = 12.345m,
        };
        var charge = wo.Charge(item, 2);
        Assert.Equal((24.69m, 12.345m, "角阀", wo.Id), (charge.Amount, charge.UnitPrice, charge.Name, charge.WorkOrderId));
        wo.Charge(item, 1);
        Assert.Equal(24.69m + 12.34m, wo.ChargeTotal); // each line rounded as Math.Round does (half to even)
        var before = new[] { Guid.NewGuid() };
        var after = new[] { Guid.NewGuid() };
        wo.Complete(r, "换阀芯", "钱先生", null, before, after, China(2026, 11, 24, 9, 0));
        Assert.Equal(
            (WorkOrderStatus.Completed, "换阀芯", "钱先生", before, after),
            (wo.Status, wo.WorkDone, wo.OwnerConfirmedBy, wo.BeforePhotoIds, wo.AfterPhotoIds)
        );
        Assert.Equal(
            (RequestStatus.Completed, true, China(2026, 11, 24, 9, 0), _tech),
            (r.Status, r.CompletionOnTime, r.CompletedAt, r.TechnicianUserId)
        );
    }

    [Fact]
    public void A_dissatisfied_visit_reopens_the_request_and_its_rework_goes_back_to_the_same_technician()
    {
        var r = Request();
        var first = OnSite(r);
        first.Complete(r, "换阀芯", "钱先生", null, [], [Guid.NewGuid()], China(2026, 11, 23, 12, 0));
        var visit = ReturnVisit.After(first, China(2026, 11, 24, 12, 0));
        Assert.Equal((ReturnVisitStatus.Pending, r.Id, first.Id), (visit.Status, visit.ServiceRequestId, visit.WorkOrderId));

        var at = China(2026, 11, 23, 14, 0);
        visit.Record(_other, "客服小张", false, 2, "还在滴水", at);
        r.RecordVisit(false, 2, at);
        first.Close(at);
        var rework = WorkOrder.Rework(r, first, Normal, Office, at);
        Assert.Equal((ReturnVisitStatus.Done, false, 2, "客服小张"), (visit.Status, visit.Satisfied, visit.Score, visit.VisitedByName));
        Assert.Equal((RequestStatus.Open, 1, true, false), (r.Status, r.ReworkCount, r.Visited, r.Satisfied));
        Assert.Equal((WorkOrderStatus.Closed, at), (first.Status, first.ClosedAt));
        Assert.Equal(
            (first.Id, _tech, "李师傅", WorkOrderStatus.Dispatched, at),
            (rework.ReworkOfId, rework.AssigneeUserId, rework.AssigneeName, rework.Status, rework.DispatchedAt)
        );
        Assert.Equal(China(2026, 11, 23, 14, 30), rework.ResponseDueAt);

        // The rework's own clock does not change the request's first-time figures.
        rework.Accept(r, _tech, "李师傅", China(2026, 11, 25, 9, 0));
        rework.Arrive(r, China(2026, 11, 25, 9, 0));
        rework.Complete(r, "换整段管", "钱先生", null, [], [Guid.NewGuid()], China(2026, 12, 20, 9, 0));
        Assert.Equal(
            (true, true, China(2026, 11, 23, 12, 0), RequestStatus.Completed),
            (r.ResponseOnTime, r.CompletionOnTime, r.CompletedAt, r.Status)
        );
        Refused("return_visit.already_done", () => visit.Record(_other, "客服小张", true, 5, null, at));
    }

    [Fact]
    public void A_rework_of_an_unassigned_job_waits_to_be_dispatched()
    {
        var r = Request();
        var first = Job(r);
        Assert.Equal(WorkOrderStatus.New, WorkOrder.Rework(r, first, null, Office, T0).Status);
    }

    [Fact]
    public void A_satisfied_visit_archives_the_request()
    {
        var r = Request(status: RequestStatus.Completed);
        r.RecordVisit(true, 5, T0);
        Assert.Equal((RequestStatus.Closed, T0, 0, true, 5), (r.Status, r.ClosedAt, r.ReworkCount, r.Satisfied, r.Score));
    }
}
