using System.Text.RegularExpressions;
using Wuye.Platform.Audit;
using Wuye.Platform.Database;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.Gate.Domain;

internal enum WorkerKind
{
    /// <summary>装修工人: bound to a renovation's permit, inside its dates and the allowed hours only.</summary>
    Renovation,
    Cleaner,
    Courier,
    Milk,
    Newspaper,

    /// <summary>空调安装等高空作业人员: no entry for the day without a signed pledge.</summary>
    Installer,
}

/// <summary>
/// 登记的外来人员: someone who comes in to work rather than to visit — a renovation worker on a permit, a cleaner-for-hire, a courier,
/// a milk or newspaper deliverer, an air-conditioner installer — with photo and ID on file and the homes they serve. The gate signs
/// them in and out with one tap (or their 8-character code).
/// </summary>
internal sealed partial class RegisteredWorker : Entity, IScoped
{
    public Guid CompanyId { get; set; }
    public Guid ProjectId { get; set; }
    public Guid? ZoneId { get; set; }

    /// <summary>The one home served (the renovated one for renovation workers): owners of it see the worker. Null when serving
    /// several homes.</summary>
    public Guid? UnitId { get; set; }

    /// <summary>The renovation whose permit the worker's pass is bound to.</summary>
    public Guid? RenovationId { get; set; }
    public WorkerKind Kind { get; set; }
    public required string Name { get; set; }

    [Sensitive]
    public string? Phone { get; set; }

    [Sensitive]
    public string? IdNumber { get; set; }
    public Guid? PhotoId { get; set; }

    /// <summary>Every home served.</summary>
    public Guid[] UnitIds { get; set; } = [];

    /// <summary>Works at height (needs the day's pledge to enter).</summary>
    public bool HeightWork { get; set; }

    /// <summary>8 characters on the worker's pass.</summary>
    public required string Code { get; set; }

    /// <summary>The last day the pass is good for (a renovation worker's: the permit's end).</summary>
    public DateOnly ValidTo { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    public Guid RegisteredBy { get; set; }

    [GeneratedRegex(@"^\d{17}[\dX]$")]
    private static partial Regex IdRe();

    public static void CheckIdNumber(Validator v, string? id)
    {
        if (!string.IsNullOrWhiteSpace(id) && !IdRe().IsMatch(id.Trim().ToUpperInvariant()))
            v.Add("idNumber", "身份证号应为 18 位（末位可为 X）", "An ID number has 18 characters (the last may be X)");
    }

    /// <summary>Whether the pass may be used today; refuses a revoked or lapsed pass.</summary>
    public void CheckValid(DateOnly today)
    {
        if (RevokedAt is not null)
            throw new RuleException("registered_worker.revoked", "该人员的通行证已注销", "This worker's pass has been revoked");
        if (today > ValidTo)
            throw new RuleException(
                "registered_worker.expired",
                $"该人员的通行证已于 {ValidTo:yyyy-MM-dd} 到期",
                $"This worker's pass expired on {ValidTo:yyyy-MM-dd}"
            );
    }
}

/// <summary>
/// 高空作业安全责任承诺书: an installer's signed pledge for a day's work at height — the signature drawn on the gate's phone, kept as an
/// image with the pledge's text and version as they were signed.
/// </summary>
internal sealed class HeightWorkPledge : Entity, IScoped
{
    public Guid CompanyId { get; set; }
    public Guid ProjectId { get; set; }
    public Guid? ZoneId { get; set; }
    public Guid? UnitId { get; set; }
    public Guid? RegisteredWorkerId { get; set; }
    public required string WorkerName { get; set; }

    [Sensitive]
    public string? Phone { get; set; }
    public required string Work { get; set; }
    public required string PledgeVersion { get; set; }
    public required string PledgeText { get; set; }
    public Guid SignatureId { get; set; }

    /// <summary>The China-time day the pledge covers.</summary>
    public DateOnly Day { get; set; }
    public DateTimeOffset SignedAt { get; set; }
    public Guid WitnessedBy { get; set; }
}

/// <summary>The pledge's current text (a new version when it changes; each signed copy keeps its own).</summary>
internal static class Pledge
{
    public const string Version = "2026-12";

    public const string Text =
        "本人自愿在本物业管理区域内从事高空作业，承诺：1. 持有效的高处作业（特种作业）操作证上岗；2. 作业前检查安全带、安全绳及吊具，"
        + "安全带高挂低用，作业全程系挂；3. 作业下方设置警戒区并安排专人监护，不向下抛掷工具和物料；4. 遇大风、雨雪、雷电等恶劣天气停止作业；"
        + "5. 不在饮酒、疲劳或身体不适时作业；6. 因本人违反安全规定造成的人身伤害和财产损失，由本人及所属单位承担全部责任。";
}

internal enum CheckKind
{
    /// <summary>工程巡查: structure, pipes, wiring, waterproofing.</summary>
    Engineering,

    /// <summary>秩序巡查: hours, noise, rubbish, fire safety, the corridor.</summary>
    Order,
}

/// <summary>
/// 装修巡查: one day's check of an active renovation by engineering or by the order (security) side — findings and photos, a
/// violation (the owner is told; it may cost a deduction) and when it was put right. A check nobody made is recorded as missed.
/// </summary>
internal sealed class RenovationCheck : Entity, IScoped
{
    public Guid CompanyId { get; set; }
    public Guid ProjectId { get; set; }
    public Guid? ZoneId { get; set; }
    public Guid? UnitId { get; set; }
    public Guid RenovationId { get; set; }
    public DateOnly Day { get; set; }
    public CheckKind Kind { get; set; }
    public bool Missed { get; set; }
    public string? Findings { get; set; }
    public Guid[] PhotoIds { get; set; } = [];
    public bool Violation { get; set; }
    public decimal? Deduction { get; set; }
    public Guid? By { get; set; }
    public DateTimeOffset? At { get; set; }
    public DateTimeOffset? RectifiedAt { get; set; }
    public Guid? RectifiedBy { get; set; }

    public void Rectify(Guid by, DateTimeOffset at)
    {
        if (!Violation)
            throw new RuleException("renovation_check.no_violation", "这次巡查没有违规", "This check found no violation");
        if (RectifiedAt is not null)
            throw new RuleException("renovation_check.already_rectified", "该违规已整改", "This violation is already put right");
        RectifiedAt = at;
        RectifiedBy = by;
    }
}

internal static class WorkerText
{
    public static string Kind(WorkerKind k) =>
        k switch
        {
            WorkerKind.Renovation => Loc.T("装修工人", "Renovation worker"),
            WorkerKind.Cleaner => Loc.T("家政保洁", "Cleaner"),
            WorkerKind.Courier => Loc.T("快递员", "Courier"),
            WorkerKind.Milk => Loc.T("送奶工", "Milk deliverer"),
            WorkerKind.Newspaper => Loc.T("送报员", "Newspaper deliverer"),
            WorkerKind.Installer => Loc.T("空调安装（高空作业）", "AC installer (height work)"),
            _ => k.ToString(),
        };

    public static string Check(CheckKind k) =>
        k == CheckKind.Engineering ? Loc.T("工程巡查", "Engineering check") : Loc.T("秩序巡查", "Order check");

    /// <summary>Who makes each kind of check: technicians the engineering one, guards the order one (the desk may make either).</summary>
    public static CheckKind? KindFor(DataScope s) =>
        s.HasRole(Platform.Identity.Roles.Technician) ? CheckKind.Engineering
        : s.HasRole(Platform.Identity.Roles.SecurityGuard) ? CheckKind.Order
        : null;
}
