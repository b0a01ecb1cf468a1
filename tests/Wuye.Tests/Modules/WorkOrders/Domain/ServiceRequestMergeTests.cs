using Wuye.Modules.WorkOrders.Contracts;
using Wuye.Modules.WorkOrders.Domain;
using static Wuye.Tests.Kit.Clocks;
using static Wuye.Tests.Modules.WorkOrders.Domain.WorkOrderRuleTests;

namespace Wuye.Tests.Modules.WorkOrders.Domain;

/// <summary>Merging a duplicate public-area report (合并), on the entities alone.</summary>
public sealed class ServiceRequestMergeTests
{
    private static readonly DateTimeOffset T0 = China(2026, 11, 23, 9, 0);

    private static WorkOrder JobOf(ServiceRequest r, WorkOrderStatus status) =>
        new()
        {
            CompanyId = r.CompanyId,
            ProjectId = r.ProjectId,
            ServiceRequestId = r.Id,
            Status = status,
        };

    [Fact]
    public void A_duplicate_public_report_merges_into_the_first_and_its_jobs_close()
    {
        var first = Request();
        var dup = Request();
        var jobs = new[] { JobOf(dup, WorkOrderStatus.New), JobOf(dup, WorkOrderStatus.Dispatched) };
        dup.MergeInto(first, jobs, T0);
        Assert.Equal((RequestStatus.Merged, first.Id, T0), (dup.Status, dup.MergedIntoId, dup.ClosedAt));
        Assert.All(jobs, w => Assert.Equal((WorkOrderStatus.Closed, T0), (w.Status, w.ClosedAt)));
        Assert.Equal(RequestStatus.Open, first.Status);
    }

    [Fact]
    public void A_request_merges_into_one_awaiting_its_visit()
    {
        var into = Request(status: RequestStatus.Completed);
        var dup = Request();
        dup.MergeInto(into, [], T0);
        Assert.Equal(RequestStatus.Merged, dup.Status);
    }

    [Fact]
    public void Only_public_area_duplicates_of_one_project_merge()
    {
        var first = Request();
        Refused("service_request.not_mergeable", () => first.CheckMergeableInto(first));
        var otherProject = Request();
        otherProject.ProjectId = Guid.NewGuid();
        Refused("service_request.not_mergeable", () => otherProject.CheckMergeableInto(first));
        var unit = Request(Guid.NewGuid());
        Refused("service_request.not_mergeable", () => unit.MergeInto(first, [], T0));
        Refused("service_request.not_mergeable", () => Request().MergeInto(unit, [], T0));
    }

    [Fact]
    public void A_request_under_way_or_into_a_closed_or_merged_one_does_not_merge()
    {
        var first = Request();
        var done = Request(status: RequestStatus.Completed);
        Refused("service_request.not_mergeable", () => done.CheckMergeableInto(first));
        foreach (var status in new[] { RequestStatus.Closed, RequestStatus.Merged })
        {
            var closed = Request(status: status);
            Refused("service_request.not_mergeable", () => Request().CheckMergeableInto(closed));
        }
        foreach (
            var status in new[] { WorkOrderStatus.Accepted, WorkOrderStatus.OnSite, WorkOrderStatus.Paused, WorkOrderStatus.Completed }
        )
        {
            var dup = Request();
            var jobs = new[] { JobOf(dup, WorkOrderStatus.Dispatched), JobOf(dup, status) };
            Refused("service_request.not_mergeable", () => dup.MergeInto(first, jobs, T0));
            Assert.Equal(RequestStatus.Open, dup.Status);
            Assert.Equal(WorkOrderStatus.Dispatched, jobs[0].Status);
        }
    }
}
