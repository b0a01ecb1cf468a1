using Wuye.Platform.Database;
using Wuye.Platform.Tenancy;

namespace Wuye.Modules.Complaints.Domain;

/// <summary>
/// A project's complaint rules: the promised reply time in working days, when the daily review runs, and the
/// escalation ladder for VIP and major complaints (project manager, then company management).
/// A project without a row uses <see cref="Defaults"/>.
/// </summary>
internal sealed class ComplaintSettings : Entity, IScoped
{
    public Guid CompanyId { get; set; }
    public Guid ProjectId { get; set; }

    /// <summary>Working days on the project's business calendar (工作日), not calendar days.</summary>
    public int ReplyDays { get; set; } = 2;
    public TimeOnly ReviewTime { get; set; } = new(8, 30);

    /// <summary>Hours after receipt before a VIP/major complaint goes to the project manager (0 = at once).</summary>
    public int ProjectManagerAfterHours { get; set; }

    /// <summary>Hours after receipt before a VIP/major complaint still open goes to company management.</summary>
    public int CompanyAfterHours { get; set; } = 24;

    public static ComplaintSettings Defaults(Guid companyId, Guid projectId) => new() { CompanyId = companyId, ProjectId = projectId };
}
