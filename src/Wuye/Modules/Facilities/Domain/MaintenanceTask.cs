using Wuye.Platform.Database;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.Facilities.Domain;

internal enum MaintenanceTaskStatus
{
    Open,
    Done,
}

/// <summary>A technician's answer to one checklist item.</summary>
internal sealed record ChecklistAnswer(Guid? ItemId, bool? Ok, decimal? Number, string? Text, Guid? PhotoId);

/// <summary>
/// 保养任务: one due date of a plan for one asset (unique on plan, asset and date, so never twice). The plan's and asset's names are
/// kept as they were, so the record reads the same after a rename. Done once, with every checklist item answered.
/// </summary>
internal sealed class MaintenanceTask : Entity, IScoped
{
    public Guid CompanyId { get; set; }
    public Guid ProjectId { get; set; }
    public Guid MaintenancePlanId { get; set; }
    public Guid AssetId { get; set; }
    public required string PlanName { get; set; }
    public required string AssetName { get; set; }
    public DateOnly DueOn { get; set; }
    public Guid? AssigneeUserId { get; set; }
    public MaintenanceTaskStatus Status { get; set; }
    public DateTimeOffset? DoneAt { get; set; }
    public Guid? DoneByUserId { get; set; }
    public string? DoneByName { get; set; }
    public int Failures { get; set; }

    public bool IsOverdue(DateOnly today) => Status == MaintenanceTaskStatus.Open && DueOn < today;

    /// <summary>
    /// Records the checklist: every item answered in the shape its kind asks for (field errors name the item); a "no", or a number
    /// outside the item's limits, fails the item. Returns the results; the task is done.
    /// </summary>
    public List<MaintenanceTaskResult> Complete(
        IReadOnlyList<ChecklistItem> items,
        IReadOnlyList<ChecklistAnswer> answers,
        Guid userId,
        string userName,
        DateTimeOffset now
    )
    {
        if (Status == MaintenanceTaskStatus.Done)
            throw new RuleException("maintenance_task.done", "该保养任务已完成", "The task is already done");
        var v = new Validator();
        var results = new List<MaintenanceTaskResult>();
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            var field = $"results[{i}]";
            var a = answers.FirstOrDefault(x => x.ItemId == item.Id);
            if (a is null)
            {
                v.Add(field, $"请填写“{item.Label}”", $"Answer \"{item.Label}\"");
                continue;
            }
            var failed = false;
            switch (item.Kind)
            {
                case ChecklistKind.YesNo when a.Ok is null:
                    v.Add($"{field}.ok", $"请选择“{item.Label}”正常或异常", $"Say whether \"{item.Label}\" is OK");
                    break;
                case ChecklistKind.YesNo:
                    failed = a.Ok == false;
                    break;
                case ChecklistKind.Number or ChecklistKind.MeterReading when a.Number is null:
                    v.Add($"{field}.number", $"请填写“{item.Label}”的数值", $"Enter the value of \"{item.Label}\"");
                    break;
                case ChecklistKind.Number:
                    failed = (item.Min is { } min && a.Number < min) || (item.Max is { } max && a.Number > max);
                    break;
                case ChecklistKind.Text when string.IsNullOrWhiteSpace(a.Text):
                    v.Add($"{field}.text", $"请填写“{item.Label}”", $"Fill in \"{item.Label}\"");
                    break;
                case ChecklistKind.Photo when a.PhotoId is null:
                    v.Add($"{field}.photoId", $"请为“{item.Label}”拍照", $"Take a photo for \"{item.Label}\"");
                    break;
            }
            results.Add(
                new MaintenanceTaskResult
                {
                    CompanyId = CompanyId,
                    ProjectId = ProjectId,
                    MaintenanceTaskId = Id,
                    ChecklistItemId = item.Id,
                    Position = item.Position,
                    Label = item.Label,
                    Kind = item.Kind,
                    Severity = item.Severity,
                    Ok = a.Ok,
                    Number = a.Number,
                    Text = string.IsNullOrWhiteSpace(a.Text) ? null : a.Text.Trim(),
                    PhotoId = a.PhotoId,
                    Failed = failed,
                }
            );
        }
        v.ThrowIfAny();
        Status = MaintenanceTaskStatus.Done;
        DoneAt = now.ToUniversalTime();
        DoneByUserId = userId;
        DoneByName = userName;
        Failures = results.Count(r => r.Failed);
        return results;
    }
}

/// <summary>One answered checklist item of a done task (the item's label and kind as they were).</summary>
internal sealed class MaintenanceTaskResult : Entity, IScoped
{
    public Guid CompanyId { get; set; }
    public Guid ProjectId { get; set; }
    public Guid MaintenanceTaskId { get; set; }
    public Guid ChecklistItemId { get; set; }
    public int Position { get; set; }
    public required string Label { get; set; }
    public ChecklistKind Kind { get; set; }
    public FailureSeverity Severity { get; set; }
    public bool? Ok { get; set; }
    public decimal? Number { get; set; }
    public string? Text { get; set; }
    public Guid? PhotoId { get; set; }
    public bool Failed { get; set; }

    /// <summary>The service request a failed item opened (item 2).</summary>
    public Guid? ServiceRequestId { get; set; }
}
