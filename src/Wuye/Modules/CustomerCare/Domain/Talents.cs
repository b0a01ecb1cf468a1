using Wuye.Platform.Database;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.CustomerCare.Domain;

/// <summary>
/// 社区文化人才库 (000#62): a resident's skills and talents (书法, 钢琴, 摄影, 义诊…), kept only with their consent — given on a
/// date (<see cref="ConsentAt"/>); withdrawn, the skills and note are erased and the person is no longer listed or invited as a
/// talent (PIPL: personal data kept for a purpose the person agreed to, and no longer).
/// </summary>
internal sealed class TalentEntry : Entity, IScoped
{
    public Guid CompanyId { get; set; }
    public Guid ProjectId { get; set; }
    public Guid? ZoneId { get; set; }
    public Guid UnitId { get; set; }
    public Guid PersonId { get; set; }
    public string[] Skills { get; set; } = [];
    public string? Note { get; set; }
    public bool Consent { get; set; }

    /// <summary>When consent was given (or, with <see cref="Consent"/> false, withdrawn).</summary>
    public DateTimeOffset ConsentAt { get; set; }
    public required string RecordedByName { get; set; }

    public const int MaxSkills = 10;

    /// <summary>Records the skills with the person's consent, or erases them when consent is withdrawn.</summary>
    public void Record(IEnumerable<string> skills, string? note, bool consent, DateTimeOffset now)
    {
        if (consent != Consent)
            ConsentAt = now;
        Consent = consent;
        Skills = consent ? [.. skills.Select(s => s.Trim()).Where(s => s.Length > 0).Distinct().Take(MaxSkills)] : [];
        Note = consent && !string.IsNullOrWhiteSpace(note) ? note.Trim() : null;
    }

    public static void RequireConsent(bool? consent, bool known)
    {
        if (consent != true && !known)
            throw ValidationException.For(
                "consent",
                "录入人才库须经本人同意，请先征得同意",
                "A resident joins the talent pool only with their consent: ask first"
            );
    }
}

/// <summary>
/// 业户生日会 (000#79): a month's birthday party of a project (or a steward's zone), made from the care calendar's proposal — the
/// residents whose birthday falls in that month and who did not refuse care messages — as a community event whose invitations
/// went to them. One per place and month.
/// </summary>
internal sealed class BirthdayParty : Entity, IScoped
{
    public Guid CompanyId { get; set; }
    public Guid ProjectId { get; set; }
    public Guid? ZoneId { get; set; }

    /// <summary>The first day of the month whose birthdays it celebrates.</summary>
    public DateOnly Month { get; set; }
    public Guid EventId { get; set; }

    /// <summary>The residents proposed (with or without an account) when it was made.</summary>
    public int Proposed { get; set; }
}
