using Wuye.Modules.WorkOrders.Contracts;
using Wuye.Platform.Web;

namespace Wuye.Modules.CustomerCare.Features.ContactPlans;

internal sealed record ContactPlanDto(
    Guid Id,
    Guid ProjectId,
    Guid? ZoneId,
    Guid StewardUserId,
    string StewardName,
    DateOnly Month,
    bool Office,
    int Target,
    int Households,
    int Contacted,
    int ContactedThisWeek,
    int Issues
)
{
    public int Percent => Target == 0 ? 0 : Math.Min(100, Contacted * 100 / Target);
}

internal sealed record ContactPlanHouseholdDto(
    Guid UnitId,
    string UnitLabel,
    int Position,
    DateTimeOffset? LastContactAt,
    DateTimeOffset? ContactedAt,
    string? ContactedBy
);

internal sealed record ContactIssueDto(
    Guid Id,
    Guid UnitId,
    string UnitLabel,
    string Description,
    Guid ServiceRequestId,
    string ServiceRequestNumber,
    string RaisedByName,
    DateTimeOffset RaisedAt
);

internal sealed record ContactPlanDetailDto(ContactPlanDto Plan, List<ContactPlanHouseholdDto> Households, List<ContactIssueDto> Issues);

internal sealed record NewContactPlan(Guid? ProjectId, Guid? ZoneId, DateOnly? Month) : IValidatable
{
    public void Validate(Validator v) => v.Required("projectId", ProjectId, "项目", "Project").Required("month", Month, "月份", "Month");
}

internal sealed record NewContactIssue(Guid? UnitId, RequestCategory? Category, string? Description) : IValidatable
{
    public void Validate(Validator v) =>
        v.Required("unitId", UnitId, "住户", "Household")
            .Required("category", Category, "类别", "Category")
            .Required("description", Description, "问题描述", "Description")
            .MaxLength("description", Description, 500, "问题描述", "Description");
}
