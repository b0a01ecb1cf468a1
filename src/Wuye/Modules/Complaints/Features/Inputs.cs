using Wuye.Modules.Complaints.Domain;
using Wuye.Platform.Web;

namespace Wuye.Modules.Complaints.Features;

public sealed record NewComplaint(Guid? UnitId, Guid? PersonId, string? ComplainantName, string? ComplainantPhone,
    ComplaintChannel? Channel, ComplaintCategory? Category, string? Description, bool? Effective, string? IneffectiveReason,
    bool? Vip, MajorKind? Major, string[]? Departments, Guid[]? ServiceRequestIds, DateTimeOffset? ReplyDueAt) : IValidatable
{
    public void Validate(Validator v)
    {
        v.Required("unitId", UnitId, "房屋", "Unit").Required("category", Category, "投诉类别", "Category")
         .Required("description", Description, "投诉内容", "Description").MaxLength("description", Description, 2000, "投诉内容", "Description")
         .MaxLength("complainantName", ComplainantName, 50, "投诉人", "Complainant").Phone("complainantPhone", ComplainantPhone)
         .MaxLength("ineffectiveReason", IneffectiveReason, 200, "无效原因", "Reason it is not effective");
        if (Effective == false && string.IsNullOrWhiteSpace(IneffectiveReason))
            v.Add("ineffectiveReason", "判定为无效投诉时请写明原因", "Say why the complaint is not effective");
        ComplaintInputs.CheckDepartments(v, Departments);
        if (ServiceRequestIds is { Length: > 20 }) v.Add("serviceRequestIds", "最多关联 20 个报事", "At most 20 linked requests");
    }
}

public sealed record ClassifyInput(ComplaintCategory? Category, bool? Effective, string? IneffectiveReason, bool? Vip, MajorKind? Major, string[]? Departments) : IValidatable
{
    public void Validate(Validator v)
    {
        v.Required("category", Category, "投诉类别", "Category").Required("effective", Effective, "是否有效", "Effective")
         .MaxLength("ineffectiveReason", IneffectiveReason, 200, "无效原因", "Reason it is not effective");
        if (Effective == false && string.IsNullOrWhiteSpace(IneffectiveReason))
            v.Add("ineffectiveReason", "判定为无效投诉时请写明原因", "Say why the complaint is not effective");
        ComplaintInputs.CheckDepartments(v, Departments);
    }
}

public sealed record ReassignInput(Guid? OwnerStaffId, string? Reason) : IValidatable
{
    public void Validate(Validator v) => v.Required("ownerStaffId", OwnerStaffId, "新的责任人", "New owner")
        .Required("reason", Reason, "变更原因", "Reason").MaxLength("reason", Reason, 200, "变更原因", "Reason");
}

/// <summary>The new promise: a time, or a number of working days on from the one given (the project's calendar).</summary>
public sealed record PostponeInput(DateTimeOffset? ReplyDueAt, string? Reason, int? WorkingDays = null) : IValidatable
{
    public void Validate(Validator v)
    {
        v.Required("reason", Reason, "延期原因", "Reason").MaxLength("reason", Reason, 200, "延期原因", "Reason")
         .Range("workingDays", WorkingDays, 1, 5, "延期工作日", "Working days");
        if (ReplyDueAt is null && WorkingDays is null) v.Add("replyDueAt", "请填写新的答复时间或延期的工作日数", "Give the new reply time or the number of working days");
        else if (ReplyDueAt is not null && WorkingDays is not null) v.Add("workingDays", "新的答复时间和延期工作日只填一项", "Give either the new reply time or the working days, not both");
    }
}

public sealed record NoteInput(string? Reason) : IValidatable
{
    public void Validate(Validator v) => v.MaxLength("reason", Reason, 200, "原因", "Reason");
}

public sealed record ReopenInput(string? Reason) : IValidatable
{
    public void Validate(Validator v) => v.Required("reason", Reason, "重新处理原因", "Reason").MaxLength("reason", Reason, 200, "原因", "Reason");
}

public sealed record FollowUpInput(string? RootCause, string? NextStep) : IValidatable
{
    public void Validate(Validator v)
    {
        v.MaxLength("rootCause", RootCause, 500, "根源", "Root cause").MaxLength("nextStep", NextStep, 500, "下一步", "Next step");
        if (string.IsNullOrWhiteSpace(RootCause) && string.IsNullOrWhiteSpace(NextStep))
            v.Add("rootCause", "请填写根源或下一步", "Give the root cause or the next step");
    }
}

public sealed record CloseInput(string? Resolution) : IValidatable
{
    public void Validate(Validator v) => v.Required("resolution", Resolution, "处理结果", "Resolution").MaxLength("resolution", Resolution, 1000, "处理结果", "Resolution");
}

public sealed record ComplaintVisitInput(bool? Satisfied, string? Comment) : IValidatable
{
    public void Validate(Validator v) => v.Required("satisfied", Satisfied, "是否满意", "Satisfied").MaxLength("comment", Comment, 500, "意见", "Comment");
}

public sealed record LinkInput(Guid? ServiceRequestId) : IValidatable
{
    public void Validate(Validator v) => v.Required("serviceRequestId", ServiceRequestId, "报事", "Service request");
}

public sealed record LinkedRequestInput(Wuye.Modules.WorkOrders.Contracts.RequestCategory? Category, string? Description) : IValidatable
{
    public void Validate(Validator v) => v.Required("category", Category, "报修类别", "Category")
        .Required("description", Description, "报修内容", "Description").MaxLength("description", Description, 1000, "报修内容", "Description");
}

public sealed record SettingsInput(int? ReplyDays, TimeOnly? ReviewTime, int? ProjectManagerAfterHours, int? CompanyAfterHours) : IValidatable
{
    public void Validate(Validator v)
    {
        v.Required("replyDays", ReplyDays, "答复时限（工作日）", "Reply working days").Required("reviewTime", ReviewTime, "盘点时间", "Review time")
         .Required("projectManagerAfterHours", ProjectManagerAfterHours, "升级到项目经理（小时）", "Hours to project manager")
         .Required("companyAfterHours", CompanyAfterHours, "升级到公司（小时）", "Hours to company")
         .Range("replyDays", ReplyDays, 1, 7, "答复时限（工作日）", "Reply working days")
         .Range("projectManagerAfterHours", ProjectManagerAfterHours, 0, 720, "升级到项目经理（小时）", "Hours to project manager")
         .Range("companyAfterHours", CompanyAfterHours, 1, 2160, "升级到公司（小时）", "Hours to company");
        if (CompanyAfterHours <= ProjectManagerAfterHours)
            v.Add("companyAfterHours", "升级到公司应晚于升级到项目经理", "Company escalation must come after the project manager's");
    }
}

public sealed record ReplyScriptInput(Guid? ProjectId, ComplaintCategory? Category, string? Question, string? Answer, string? ChangeNote) : IValidatable
{
    public void Validate(Validator v) => v.Required("category", Category, "类别", "Category")
        .Required("question", Question, "问题", "Question").MaxLength("question", Question, 500, "问题", "Question")
        .Required("answer", Answer, "回复口径", "Answer").MaxLength("answer", Answer, 2000, "回复口径", "Answer")
        .MaxLength("changeNote", ChangeNote, 200, "修改说明", "Change note");
}

public sealed record ReviewRunInput(Guid? ProjectId) : IValidatable
{
    public void Validate(Validator v) => v.Required("projectId", ProjectId, "项目", "Project");
}

internal static class ComplaintInputs
{
    /// <summary>The shape only: which codes are departments is the company's list (checked by the service).</summary>
    public static void CheckDepartments(Validator v, string[]? departments)
    {
        if (departments is { Length: > 20 }) v.Add("departments", "最多选择 20 个部门", "At most 20 departments");
        if (departments?.Any(string.IsNullOrWhiteSpace) == true) v.Add("departments", "部门代码不能为空", "A department code is empty");
    }
}
