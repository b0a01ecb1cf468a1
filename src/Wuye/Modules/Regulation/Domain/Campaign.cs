using Wuye.Platform.Database;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.Regulation.Domain;

/// <summary>Where a campaign is on a day.</summary>
internal enum CampaignPhase
{
    /// <summary>Announced, not started yet.</summary>
    Planned,

    /// <summary>动员部署、企业自查: companies submit their self-check by <see cref="Campaign.SelfCheckDue"/>.</summary>
    SelfCheck,

    /// <summary>集中整改: companies rectify what they found, until <see cref="Campaign.RectifyDue"/>.</summary>
    Rectification,

    /// <summary>检查验收、总结: the regulator inspects every project and reports, until <see cref="Campaign.EndsOn"/>.</summary>
    Inspection,

    /// <summary>The inspection phase ended and the results are not reported yet.</summary>
    SummaryDue,

    /// <summary>The results were reported (通报).</summary>
    Reported,
}

/// <summary>How a project was inspected in a campaign.</summary>
internal enum InspectionMethod
{
    /// <summary>集中检查 (announced).</summary>
    Announced,

    /// <summary>明察暗访 (unannounced).</summary>
    Unannounced,

    /// <summary>集中抽查 (spot check).</summary>
    SpotCheck,
}

/// <summary>
/// 专项行动 (003 开化 "物业管理我来治", 五原 three-year campaign): a regulator's campaign over every company it oversees, in three
/// phases with dates: mobilise and self-check (each company submits its <see cref="CampaignSelfCheck"/>), rectification, then
/// inspection of every project (<see cref="CampaignInspection"/>, whose findings go into the problem ledger) and the summary
/// report. Kept by the regulator; the companies it oversees read it through their own regulator.
/// </summary>
internal sealed class Campaign : Entity, IRegulatorOwned
{
    public Guid RegulatorId { get; set; }
    public string Title { get; set; } = "";
    public string Description { get; set; } = "";
    public DateOnly StartsOn { get; set; }
    public DateOnly SelfCheckDue { get; set; }
    public DateOnly RectifyDue { get; set; }
    public DateOnly EndsOn { get; set; }
    public string CreatedByName { get; set; } = "";
    public string? Summary { get; set; }
    public DateTimeOffset? ReportedAt { get; set; }

    /// <summary>The companies reminded that their self-check is due soon (each once, by the self-check reminder job).</summary>
    public Guid[] SelfCheckReminded { get; set; } = [];

    public static Campaign Launch(
        Guid regulatorId,
        string title,
        string? description,
        DateOnly startsOn,
        DateOnly selfCheckDue,
        DateOnly rectifyDue,
        DateOnly endsOn,
        DateOnly today,
        string createdBy
    )
    {
        if (startsOn < today)
            throw new RuleException("campaign.start_past", "开始日期不能早于今天", "The campaign cannot start in the past");
        if (selfCheckDue < startsOn || rectifyDue <= selfCheckDue || endsOn <= rectifyDue)
            throw new RuleException(
                "campaign.phases",
                "各阶段日期须依次排列：开始 ≤ 自查截止 < 整改截止 < 检查总结截止",
                "The phases must follow each other: start ≤ self-check due < rectification due < end"
            );
        if (endsOn > startsOn.AddYears(3))
            throw new RuleException("campaign.too_long", "专项行动不超过三年", "A campaign lasts at most three years");
        return new()
        {
            RegulatorId = regulatorId,
            Title = title.Trim(),
            Description = description?.Trim() ?? "",
            StartsOn = startsOn,
            SelfCheckDue = selfCheckDue,
            RectifyDue = rectifyDue,
            EndsOn = endsOn,
            CreatedByName = createdBy,
        };
    }

    /// <summary>Whether a company that has not submitted is reminded today: in the self-check phase, due within
    /// <paramref name="days"/> days, and not reminded before (then it is marked as reminded).</summary>
    public bool Remind(Guid companyId, DateOnly today, int days)
    {
        if (Phase(today) != CampaignPhase.SelfCheck || SelfCheckDue > today.AddDays(days) || SelfCheckReminded.Contains(companyId))
            return false;
        SelfCheckReminded = [.. SelfCheckReminded, companyId];
        return true;
    }

    public CampaignPhase Phase(DateOnly today) =>
        ReportedAt is not null ? CampaignPhase.Reported
        : today < StartsOn ? CampaignPhase.Planned
        : today <= SelfCheckDue ? CampaignPhase.SelfCheck
        : today <= RectifyDue ? CampaignPhase.Rectification
        : today <= EndsOn ? CampaignPhase.Inspection
        : CampaignPhase.SummaryDue;

    /// <summary>A company submits its self-check once, from the start until rectification ends; after the due date it is late.</summary>
    public bool CheckSelfCheckAllowed(DateOnly today, bool alreadySubmitted)
    {
        if (alreadySubmitted)
            throw new RuleException("campaign.self_check_done", "本企业已提交自查报告", "Your company has submitted its self-check");
        var phase = Phase(today);
        if (phase == CampaignPhase.Planned)
            throw new RuleException(
                "campaign.not_started",
                $"专项行动于 {StartsOn:yyyy-MM-dd} 开始",
                $"The campaign starts on {StartsOn:yyyy-MM-dd}"
            );
        if (phase is not (CampaignPhase.SelfCheck or CampaignPhase.Rectification))
            throw new RuleException("campaign.self_check_closed", "自查整改阶段已结束", "The self-check and rectification phases are over");
        return today > SelfCheckDue;
    }

    /// <summary>Inspections (明察暗访 included) are recorded from the start until the report.</summary>
    public void CheckInspectionAllowed(DateOnly today, DateOnly inspectedOn)
    {
        if (ReportedAt is not null)
            throw new RuleException("campaign.reported", "专项行动已总结通报", "The campaign's results are reported");
        if (inspectedOn < StartsOn || inspectedOn > today)
            throw new RuleException(
                "campaign.inspected_on",
                $"检查日期须在 {StartsOn:yyyy-MM-dd} 与今天之间",
                $"The inspection date must be between {StartsOn:yyyy-MM-dd} and today"
            );
    }

    /// <summary>The summary is reported once, from the inspection phase on.</summary>
    public void Report(string summary, DateOnly today, DateTimeOffset at)
    {
        if (ReportedAt is not null)
            throw new RuleException("campaign.reported", "专项行动已总结通报", "The campaign's results are reported");
        if (today <= RectifyDue)
            throw new RuleException(
                "campaign.report_early",
                $"整改阶段至 {RectifyDue:yyyy-MM-dd} 结束，之后才能总结",
                $"Rectification runs until {RectifyDue:yyyy-MM-dd}; report after it"
            );
        Summary = summary.Trim();
        ReportedAt = at;
    }
}

/// <summary>A company's self-check report (企业自查) in a campaign: what it checked and found, what it fixed, its evidence.</summary>
internal sealed class CampaignSelfCheck : Entity, IScoped
{
    public Guid CompanyId { get; set; }
    public Guid CampaignId { get; set; }
    public string Text { get; set; } = "";
    public int IssuesFound { get; set; }
    public int IssuesFixed { get; set; }
    public string? Evidence { get; set; }
    public bool Late { get; set; }
    public string SubmittedByName { get; set; } = "";
}

/// <summary>
/// The regulator's inspection of a project in a campaign, with its method and note; each finding became a problem ledger entry
/// for the company (<see cref="ProblemIds"/>). Kept by the regulator; the company reads its own.
/// </summary>
internal sealed class CampaignInspection : Entity, IScoped, IRegulatorOwned
{
    public Guid RegulatorId { get; set; }
    public Guid CompanyId { get; set; }
    public Guid ProjectId { get; set; }
    public Guid CampaignId { get; set; }
    public DateOnly InspectedOn { get; set; }
    public InspectionMethod Method { get; set; }
    public string? Note { get; set; }
    public Guid[] ProblemIds { get; set; } = [];
    public string InspectorName { get; set; } = "";
}
