using System.ComponentModel.DataAnnotations;

namespace Wuye.Modules.Staff.Domain;

/// <summary>The staff module's settings under <c>Wuye:Staff</c>, with their defaults (checked at start).</summary>
internal sealed class StaffOptions
{
    public const string Section = "Wuye:Staff";

    /// <summary>Days before a certificate's last valid day when its holder and their managers are reminded to renew it.</summary>
    [Range(1, 365)]
    public int CertificateRemindDays { get; set; } = 30;

    /// <summary>Talks (员工座谈) a project manager holds with front-line staff each month (000/写字楼: 10).</summary>
    [Range(1, 100)]
    public int TalksPerMonth { get; set; } = 10;

    /// <summary>
    /// Day of the month (China time) from which a project whose talks are behind the monthly quota — or, in a quarter's last
    /// month, whose staff have not all been talked with — has its managers reminded (once a month, once a quarter).
    /// </summary>
    [Range(1, 28)]
    public int TalkRemindDay { get; set; } = 20;

    /// <summary>Days of the coming roster (today included) searched for gaps (缺岗), told to the project's managers.</summary>
    [Range(1, 14)]
    public int RosterGapDays { get; set; } = 3;
}
