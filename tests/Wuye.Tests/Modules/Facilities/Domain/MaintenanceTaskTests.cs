using Wuye.Modules.Facilities.Domain;
using Wuye.Modules.Facilities.Features.CompleteMaintenanceTask;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Modules.WorkOrders.Contracts;
using Wuye.Platform.Web;

namespace Wuye.Tests.Modules.Facilities.Domain;

/// <summary>Checklist answers on a task without a database: shapes per kind, limits, done once; plan coverage of assets.</summary>
public sealed class MaintenanceTaskTests
{
    private static readonly MaintenancePlan Plan = MaintenancePlan.Create(
        Guid.NewGuid(),
        Guid.NewGuid(),
        "电梯月度保养",
        null,
        AssetCategory.Elevator,
        "FREQ=MONTHLY;BYMONTHDAY=15",
        new DateOnly(2027, 1, 1),
        false,
        null,
        3,
        false
    );

    private static readonly List<ChecklistItem> Items =
    [
        ChecklistItem.For(Plan, 1, "曳引机运行无异响", ChecklistKind.YesNo, null, null, null, FailureSeverity.Urgent, "items[0]"),
        ChecklistItem.For(Plan, 2, "制动器闸瓦间隙", ChecklistKind.Number, 0.2m, 0.7m, "mm", FailureSeverity.Normal, "items[1]"),
        ChecklistItem.For(Plan, 3, "现场照片", ChecklistKind.Photo, null, null, null, FailureSeverity.Low, "items[2]"),
    ];

    private static MaintenanceTask Task() =>
        new()
        {
            CompanyId = Plan.CompanyId,
            ProjectId = Plan.ProjectId,
            MaintenancePlanId = Plan.Id,
            AssetId = Guid.NewGuid(),
            PlanName = Plan.Name,
            AssetName = "DT-1 1号电梯",
            DueOn = new DateOnly(2027, 1, 15),
        };

    [Fact]
    public void A_no_or_a_number_outside_its_limits_fails_the_item_and_the_task_is_done_once()
    {
        var task = Task();
        var photo = Guid.NewGuid();
        var results = task.Complete(
            Items,
            [
                new(Items[0].Id, false, null, null, null),
                new(Items[1].Id, null, 0.9m, null, null),
                new(Items[2].Id, null, null, null, photo),
            ],
            Guid.NewGuid(),
            "周师傅",
            DateTimeOffset.UtcNow
        );
        Assert.Equal([true, true, false], results.Select(r => r.Failed));
        Assert.Equal((MaintenanceTaskStatus.Done, 2), (task.Status, task.Failures));
        var again = Assert.Throws<RuleException>(() => task.Complete(Items, [], Guid.NewGuid(), "x", DateTimeOffset.UtcNow));
        Assert.Equal("maintenance_task.done", again.Code);
    }

    [Fact]
    public void Every_item_must_be_answered_in_its_shape_field_by_field()
    {
        var task = Task();
        var ex = Assert.Throws<ValidationException>(() =>
            task.Complete(
                Items,
                [new(Items[0].Id, null, null, null, null), new(Items[1].Id, null, 0.5m, null, null)],
                Guid.NewGuid(),
                "x",
                default
            )
        );
        Assert.Equal(["results[0].ok", "results[2]"], ex.Errors.Keys.Order().ToList());
        Assert.Equal(MaintenanceTaskStatus.Open, task.Status);
    }

    [Fact]
    public void A_plan_covers_its_class_in_its_project_and_never_an_archived_asset()
    {
        AssetRef Asset(AssetCategory c, Guid? project = null, DateTimeOffset? archived = null) =>
            new()
            {
                Id = Guid.NewGuid(),
                ProjectId = project ?? Plan.ProjectId,
                Category = c,
                ArchivedAt = archived,
            };
        Assert.True(Plan.Covers(Asset(AssetCategory.Elevator)));
        Assert.False(Plan.Covers(Asset(AssetCategory.Pump)));
        Assert.False(Plan.Covers(Asset(AssetCategory.Elevator, Guid.NewGuid())));
        Assert.False(Plan.Covers(Asset(AssetCategory.Elevator, archived: DateTimeOffset.UtcNow)));
        Assert.Throws<ValidationException>(() =>
            ChecklistItem.For(Plan, 4, "x", ChecklistKind.Number, 5m, 1m, null, FailureSeverity.Normal, "items[3]")
        );
    }

    [Theory]
    [InlineData(AssetCategory.Elevator, RequestCategory.Elevator)]
    [InlineData(AssetCategory.Lighting, RequestCategory.Electrical)]
    [InlineData(AssetCategory.WaterTank, RequestCategory.Plumbing)]
    [InlineData(AssetCategory.AccessControl, RequestCategory.Security)]
    [InlineData(AssetCategory.CarPark, RequestCategory.Security)]
    [InlineData(AssetCategory.SportsFacility, RequestCategory.PublicFacility)]
    [InlineData(AssetCategory.FireSystem, RequestCategory.PublicFacility)]
    public void A_failed_items_work_order_takes_the_trade_of_its_asset_class(AssetCategory asset, RequestCategory expected) =>
        Assert.Equal(expected, CompleteMaintenanceTaskHandler.Category(asset));
}
