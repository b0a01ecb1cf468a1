using Wuye.Modules.CustomerCare.Domain;
using Wuye.Platform.Web;

namespace Wuye.Modules.CustomerCare.Features.CommunityEvents;

internal sealed record CommunityEventDto(
    Guid Id,
    Guid ProjectId,
    Guid? ZoneId,
    string Title,
    string? Theme,
    string[] Interests,
    DateTimeOffset StartsAt,
    DateTimeOffset? EndsAt,
    string Place,
    int Capacity,
    string? Description,
    CommunityEventStatus Status,
    string OrganizerName,
    int Invited,
    int SignedUp,
    int Households,
    int CheckedIn,
    int Attended
)
{
    public int Left => Math.Max(0, Capacity - SignedUp);
}

internal sealed record EventSignUpDto(
    Guid Id,
    Guid EventId,
    Guid UnitId,
    string UnitLabel,
    string Name,
    int People,
    string? Note,
    DateTimeOffset SignedUpAt,
    DateTimeOffset? CheckedInAt,
    int? Attended,
    string? CheckedInByName
);

/// <summary>A project's community activities in a year against the seeds' goals.</summary>
internal sealed record CommunityYearDto(
    Guid ProjectId,
    string ProjectName,
    int Year,
    int Planned,
    int Held,
    int Attendance,
    int HeldWith300,
    bool Meets001,
    bool Meets002Count,
    bool Meets002People
);

internal sealed record ClubDto(Guid Id, Guid ProjectId, string Name, string? Interest, string? Description, int Members, bool Mine);

internal sealed record ClubMemberDto(Guid Id, Guid ClubId, Guid UnitId, string UnitLabel, string Name, DateTimeOffset JoinedAt);

internal sealed record NewCommunityEvent(
    Guid? ProjectId,
    Guid? ZoneId,
    string? Title,
    string? Theme,
    string[]? Interests,
    DateTimeOffset? StartsAt,
    DateTimeOffset? EndsAt,
    string? Place,
    int? Capacity,
    string? Description
) : IValidatable
{
    public void Validate(Validator v)
    {
        v.Required("projectId", ProjectId, "项目", "Project")
            .Required("title", Title, "活动名称", "Title")
            .MaxLength("title", Title, 100, "活动名称", "Title")
            .MaxLength("theme", Theme, 40, "主题", "Theme")
            .Required("startsAt", StartsAt, "开始时间", "Start")
            .Required("place", Place, "地点", "Place")
            .MaxLength("place", Place, 100, "地点", "Place")
            .Required("capacity", Capacity, "名额", "Places")
            .Range("capacity", Capacity, 1, 5000, "名额", "Places")
            .MaxLength("description", Description, 1000, "活动说明", "Description");
        if (EndsAt is { } e && StartsAt is { } s && e <= s)
            v.Add("endsAt", "结束时间须晚于开始时间", "The end must be after the start");
        if (Interests is { } i && (i.Length > PersonProfile.MaxInterests || i.Any(x => x is null || x.Trim().Length is 0 or > 40)))
            v.Add("interests", "兴趣最多 10 项，每项 1–40 字", "At most 10 interests of 1–40 characters");
    }
}

internal sealed record NewEventSignUp(Guid? UnitId, int? People, string? Note) : IValidatable
{
    public void Validate(Validator v) =>
        v.Required("unitId", UnitId, "房屋", "Home")
            .Required("people", People, "人数", "People")
            .Range("people", People, 1, CommunityEvent.MaxPeoplePerSignUp, "人数", "People")
            .MaxLength("note", Note, 200, "备注", "Note");
}

internal sealed record EventCheckIn(Guid? SignUpId, int? Attended) : IValidatable
{
    public void Validate(Validator v) =>
        v.Required("signUpId", SignUpId, "报名记录", "Sign-up").Range("attended", Attended, 0, 20, "到场人数", "Attended");
}

internal sealed record NewClub(Guid? ProjectId, string? Name, string? Interest, string? Description) : IValidatable
{
    public void Validate(Validator v) =>
        v.Required("projectId", ProjectId, "项目", "Project")
            .Required("name", Name, "社团名称", "Name")
            .MaxLength("name", Name, 60, "社团名称", "Name")
            .MaxLength("interest", Interest, 40, "兴趣", "Interest")
            .MaxLength("description", Description, 300, "介绍", "Description");
}

internal sealed record JoinClub(Guid? UnitId) : IValidatable
{
    public void Validate(Validator v) => v.Required("unitId", UnitId, "房屋", "Home");
}

internal static class EventText
{
    public static string Goal(bool met) => met ? Loc.T("达标", "met") : Loc.T("未达标", "not met");
}
