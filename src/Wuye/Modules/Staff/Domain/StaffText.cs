using Wuye.Modules.Staff.Contracts;
using Wuye.Platform.Web;

namespace Wuye.Modules.Staff.Domain;

/// <summary>The names of the staff module's kinds and states, zh and en.</summary>
internal static class StaffText
{
    public static readonly IReadOnlyList<(CertificateKind Kind, string Zh, string En)> Kinds =
    [
        (CertificateKind.Electrician, "电工作业", "Electrician"),
        (CertificateKind.FireFacilityOperator, "消防设施操作员", "Fire-facility operator"),
        (CertificateKind.ElevatorSafetyManager, "电梯安全管理员", "Elevator safety manager"),
        (CertificateKind.Boiler, "锅炉操作", "Boiler operator"),
        (CertificateKind.HeightWork, "高处作业", "Height work"),
    ];

    public static string KindZh(CertificateKind kind) => Kinds.First(k => k.Kind == kind).Zh;

    public static string KindName(CertificateKind kind) => Kinds.First(k => k.Kind == kind) is var k ? Loc.T(k.Zh, k.En) : "";

    public static string StatusName(CertificateStatus status) =>
        status switch
        {
            CertificateStatus.Valid => Loc.T("有效", "Valid"),
            CertificateStatus.Expiring => Loc.T("即将到期", "Expiring soon"),
            _ => Loc.T("已过期", "Lapsed"),
        };
}
