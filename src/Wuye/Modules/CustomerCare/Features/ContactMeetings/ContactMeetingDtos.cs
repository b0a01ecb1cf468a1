using Wuye.Modules.CustomerCare.Features.ContactPlans;
using Wuye.Modules.WorkOrders.Contracts;
using Wuye.Platform.Web;

namespace Wuye.Modules.CustomerCare.Features.ContactMeetings;

internal sealed record ContactMeetingDto(
    Guid Id,
    Guid ProjectId,
    string ProjectName,
    DateOnly Month,
    DateOnly DueOn,
    bool Due,
    DateTimeOffset? HeldAt,
    string? ChairName,
    string? Attendees,
    string? Findings,
    int Target,
    int Contacted,
    int IssuesRaised
);

internal sealed record ContactMeetingIssueDto(
    Guid Id,
    Guid? UnitId,
    string? UnitLabel,
    string? Location,
    RequestCategory Category,
    string Description,
    string RaisedByName,
    DateTimeOffset RaisedAt,
    Guid? ServiceRequestId,
    string? ServiceRequestNumber
);

/// <summary>A meeting with the month's findings: each steward's plan and its progress (live until held, then the figures recorded
/// stand on the meeting), the issues raised during the visits, and those raised at the meeting.</summary>
internal sealed record ContactMeetingDetailDto(
    ContactMeetingDto Meeting,
    List<ContactPlanDto> Plans,
    List<ContactIssueDto> VisitIssues,
    List<ContactMeetingIssueDto> Issues
);

internal sealed record HoldContactMeeting(string? Findings, string? Attendees) : IValidatable
{
    public void Validate(Validator v) =>
        v.Required("findings", Findings, "分析结论", "Findings")
            .MaxLength("findings", Findings, 2000, "分析结论", "Findings")
            .MaxLength("attendees", Attendees, 300, "参会人员", "Attendees");
}

internal sealed record NewContactMeetingIssue(Guid? UnitId, string? Location, RequestCategory? Category, string? Description) : IValidatable
{
    public void Validate(Validator v)
    {
        if (UnitId is null && string.IsNullOrWhiteSpace(Location))
            v.Add("location", "请选择住户，或填写公共区域位置", "Choose a household, or give the public place");
        v.MaxLength("location", Location, 100, "位置", "Location")
            .Required("category", Category, "类别", "Category")
            .Required("description", Description, "问题描述", "Description")
            .MaxLength("description", Description, 500, "问题描述", "Description");
    }
}
