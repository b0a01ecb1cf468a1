using Wuye.Modules.WorkOrders.Contracts;
using Wuye.Modules.WorkOrders.Domain;
using Wuye.Platform.Web;

namespace Wuye.Modules.WorkOrders.Features;

public sealed record NewServiceRequest(
    Guid? UnitId, Guid? ProjectId, Guid? ZoneId, string? Location,
    RequestChannel? Channel, RequestCategory? Category, Urgency? Urgency, string? Description,
    string? ReporterName, string? ReporterPhone, Guid[]? PhotoIds, DateTimeOffset? VisitFrom, DateTimeOffset? VisitTo) : IValidatable
{
    public void Validate(Validator v)
    {
        if (UnitId is null && ProjectId is null)
            v.Add("unitId", "请选择房屋，或公共区域所属的项目", "Choose a unit, or the project of the public area");
        if (UnitId == Guid.Empty) v.Add("unitId", "请选择房屋", "Choose a unit");
        v.Required("category", Category, "类别", "Category")
         .Required("description", Description, "问题描述", "Description")
         .MaxLength("description", Description, 1000, "问题描述", "Description")
         .MaxLength("location", Location, 200, "位置", "Location")
         .MaxLength("reporterName", ReporterName, 50, "报事人", "Reporter")
         .Phone("reporterPhone", ReporterPhone);
        if (PhotoIds is { Length: > 9 }) v.Add("photoIds", "最多 9 张照片", "At most 9 photos");
        if (VisitTo is not null && VisitFrom is null) v.Add("visitFrom", "请填写预约上门开始时间", "Give the start of the visit slot");
        if (VisitFrom is not null && VisitTo is not null && VisitTo <= VisitFrom)
            v.Add("visitTo", "预约结束时间应晚于开始时间", "The visit slot must end after it starts");
    }
}

public sealed record DispatchInput(Guid? TechnicianId, string? Note, bool? Auto = null) : IValidatable
{
    // No technician = offered to every technician of the project (抢单): the first to accept takes it.
    // Auto = the system picks by skill, zone and current load.
    public void Validate(Validator v)
    {
        v.MaxLength("note", Note, 500, "备注", "Note");
        if (Auto == true && TechnicianId is not null) v.Add("technicianId", "自动派单时不要指定维修工", "Leave the technician out when dispatching automatically");
    }
}

public sealed record SkillInput(Guid? TechnicianId, Guid? ProjectId, Guid? ZoneId, RequestCategory? Category) : IValidatable
{
    public void Validate(Validator v) => v.Required("technicianId", TechnicianId, "维修工", "Technician").Required("projectId", ProjectId, "项目", "Project")
        .Required("category", Category, "类别", "Category");
}

public sealed record ReasonInput(string? Reason) : IValidatable
{
    public void Validate(Validator v) => v.Required("reason", Reason, "原因", "Reason").MaxLength("reason", Reason, 200, "原因", "Reason");
}

public sealed record TransferInput(Guid? TechnicianId, string? Reason) : IValidatable
{
    public void Validate(Validator v) => v.Required("technicianId", TechnicianId, "转派给", "Technician")
        .Required("reason", Reason, "原因", "Reason").MaxLength("reason", Reason, 200, "原因", "Reason");
}

public sealed record PauseInput(PauseKind? Kind, string? Reason) : IValidatable
{
    public void Validate(Validator v) => v.Required("kind", Kind, "暂停类型", "Pause kind")
        .Required("reason", Reason, "原因", "Reason").MaxLength("reason", Reason, 200, "原因", "Reason");
}

public sealed record ChargeInput(Guid PriceItemId, decimal Quantity);

public sealed record CompleteInput(string? WorkDone, Guid[]? BeforePhotoIds, Guid[]? AfterPhotoIds, string? OwnerConfirmedBy,
    string? AnythingElse, ChargeInput[]? Charges) : IValidatable
{
    public void Validate(Validator v)
    {
        v.Required("workDone", WorkDone, "处理情况", "Work done").MaxLength("workDone", WorkDone, 1000, "处理情况", "Work done")
         .Required("ownerConfirmedBy", OwnerConfirmedBy, "业主确认人", "Owner's confirmation")
         .MaxLength("ownerConfirmedBy", OwnerConfirmedBy, 50, "业主确认人", "Owner's confirmation")
         .MaxLength("anythingElse", AnythingElse, 500, "其他需求", "Anything else");
        if (AfterPhotoIds is null || AfterPhotoIds.Length == 0) v.Add("afterPhotoIds", "请上传完工照片", "Add a photo of the finished work");
        if ((AfterPhotoIds?.Length ?? 0) + (BeforePhotoIds?.Length ?? 0) > 18) v.Add("afterPhotoIds", "照片太多", "Too many photos");
        if (Charges is { Length: > 50 }) v.Add("charges", "收费明细最多 50 行", "At most 50 charge lines");
        foreach (var c in Charges ?? [])
            if (c.Quantity is <= 0 or > 10000) v.Add("charges", "数量应大于 0", "Quantities must be above 0");
    }
}

public sealed record VisitInput(bool? Satisfied, int? Score, string? Comment) : IValidatable
{
    public void Validate(Validator v)
    {
        v.Required("satisfied", Satisfied, "是否满意", "Satisfied").MaxLength("comment", Comment, 500, "意见", "Comment");
        if (Score is < 1 or > 5) v.Add("score", "评分应在 1 到 5 之间", "Score must be 1 to 5");
    }
}

public sealed record MergeInput(Guid? IntoId) : IValidatable
{
    public void Validate(Validator v) => v.Required("intoId", IntoId, "合并到的报事", "Request to merge into");
}

public sealed record SlaPolicyInput(Guid? ProjectId, RequestCategory? Category, Urgency? Urgency, int? ResponseMinutes, int? ArrivalMinutes,
    int? CompletionMinutes, bool? AroundTheClock) : IValidatable
{
    public void Validate(Validator v)
    {
        v.Required("projectId", ProjectId, "项目", "Project").Required("urgency", Urgency, "紧急程度", "Urgency")
         .Required("responseMinutes", ResponseMinutes, "响应时限", "Response limit")
         .Required("arrivalMinutes", ArrivalMinutes, "到场时限", "Arrival limit")
         .Required("completionMinutes", CompletionMinutes, "完成时限", "Completion limit")
         .Range("responseMinutes", ResponseMinutes, 1, 100000, "响应时限（分钟）", "Response limit (minutes)")
         .Range("arrivalMinutes", ArrivalMinutes, 1, 100000, "到场时限（分钟）", "Arrival limit (minutes)")
         .Range("completionMinutes", CompletionMinutes, 1, 1000000, "完成时限（分钟）", "Completion limit (minutes)");
        if (ArrivalMinutes < ResponseMinutes) v.Add("arrivalMinutes", "到场时限不能短于响应时限", "Arrival cannot be due before response");
        if (CompletionMinutes < ArrivalMinutes) v.Add("completionMinutes", "完成时限不能短于到场时限", "Completion cannot be due before arrival");
    }
}

public sealed record CalendarInput(TimeOnly? DayStart, TimeOnly? DayEnd, string? WorkingDays, DateOnly[]? Holidays, DateOnly[]? ExtraWorkdays) : IValidatable
{
    public void Validate(Validator v)
    {
        v.Required("dayStart", DayStart, "上班时间", "Day start").Required("dayEnd", DayEnd, "下班时间", "Day end")
         .Required("workingDays", WorkingDays, "工作日", "Working days");
        if (DayStart >= DayEnd) v.Add("dayEnd", "下班时间应晚于上班时间", "The day must end after it starts");
        if (WorkingDays is { } d && (d.Length > 7 || d.Any(c => c is < '1' or > '7') || d.Distinct().Count() != d.Length))
            v.Add("workingDays", "工作日写作 1–7 的数字，如 12345", "Working days are digits 1–7, e.g. 12345");
        if ((Holidays?.Length ?? 0) + (ExtraWorkdays?.Length ?? 0) > 400) v.Add("holidays", "日期太多", "Too many dates");
    }
}
