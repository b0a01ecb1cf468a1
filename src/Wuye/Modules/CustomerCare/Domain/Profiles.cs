using Wuye.Platform.Database;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.CustomerCare.Domain;

/// <summary>
/// 客户档案 of one person (owner, family member, tenant; the person and their home are MasterData's): their interests (兴趣爱好,
/// 000#59, for inviting them to activities) and their consent to care messages (greetings). Null consent = not asked (greetings
/// go unless they opted out of messages altogether); false = no greetings.
/// </summary>
internal sealed class PersonProfile : Entity, IScoped
{
    public Guid CompanyId { get; set; }
    public Guid ProjectId { get; set; }
    public Guid? ZoneId { get; set; }

    /// <summary>The household the profile was recorded under.</summary>
    public Guid UnitId { get; set; }
    public Guid PersonId { get; set; }
    public string[] Interests { get; set; } = [];
    public bool? Consent { get; set; }
    public DateTimeOffset? ConsentAt { get; set; }

    public const int MaxInterests = 10;

    public void Describe(IEnumerable<string>? interests, bool? consent, DateTimeOffset now)
    {
        if (interests is not null)
            Interests = [.. interests.Select(i => i.Trim()).Where(i => i.Length > 0).Distinct().Take(MaxInterests)];
        if (consent != Consent)
        {
            Consent = consent;
            ConsentAt = consent is null ? null : now;
        }
    }
}

/// <summary>
/// 住户档案 of a household (a unit): an office client's business and its licence date (写字楼: 营业执照 anniversaries), manual tags
/// (the only segment typed by hand) and a note. Every other segment is computed (<see cref="SegmentRules"/>).
/// </summary>
internal sealed class HouseholdProfile : Entity, IScoped
{
    public Guid CompanyId { get; set; }
    public Guid ProjectId { get; set; }
    public Guid? ZoneId { get; set; }
    public Guid UnitId { get; set; }
    public string? BusinessName { get; set; }
    public DateOnly? LicenceDate { get; set; }
    public string[] Tags { get; set; } = [];
    public string? Note { get; set; }

    public const int MaxTags = 5;

    public void Describe(string? businessName, DateOnly? licenceDate, IEnumerable<string>? tags, string? note)
    {
        BusinessName = string.IsNullOrWhiteSpace(businessName) ? null : businessName.Trim();
        LicenceDate = BusinessName is null ? null : licenceDate;
        if (tags is not null)
            Tags = [.. tags.Select(t => t.Trim()).Where(t => t.Length > 0).Distinct().Take(MaxTags)];
        Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
    }
}

/// <summary>The customer segments (客户细分, 000#59, #68).</summary>
internal enum CustomerSegment
{
    /// <summary>关键客户: a member sits on the owners' committee, or the household is an office client with its business recorded.</summary>
    Key,

    /// <summary>优质客户: no arrears, no complaint and no dissatisfied visit in a year, and at least one satisfied visit.</summary>
    Quality,

    /// <summary>重点客户: needs attention — two of arrears, a recent complaint, a dissatisfied visit; or two recent complaints.</summary>
    Important,
    Arrears,
    RecentComplaint,
    Dissatisfied,

    /// <summary>A tag a steward gave by hand.</summary>
    Tagged,
}

/// <summary>What the segments are computed from, for one household.</summary>
internal sealed record HouseholdFacts(
    bool CommitteeMember,
    bool Business,
    decimal Arrears,
    DateOnly? OldestDue,
    int ComplaintsRecent,
    int ComplaintsYear,
    int DissatisfiedRecent,
    int DissatisfiedYear,
    int SatisfiedYear,
    string[] Tags
);

internal sealed record SegmentHit(CustomerSegment Segment, string Reason);

/// <summary>The rules that turn a household's records into segments. Windows: complaints 90 days, dissatisfied visits 180 days,
/// a quality customer's clean record one year.</summary>
internal static class SegmentRules
{
    public const int RecentComplaintDays = 90,
        DissatisfiedDays = 180,
        QualityDays = 365;

    public static List<SegmentHit> Of(HouseholdFacts f, DateOnly today)
    {
        var hits = new List<SegmentHit>();
        if (f.CommitteeMember)
            hits.Add(new(CustomerSegment.Key, Loc.T("家庭成员是业委会委员", "A member sits on the owners' committee")));
        else if (f.Business)
            hits.Add(new(CustomerSegment.Key, Loc.T("写字楼客户（已登记企业）", "Office client (business recorded)")));
        if (f.Arrears > 0)
            hits.Add(
                new(
                    CustomerSegment.Arrears,
                    Loc.T(
                        $"欠费 {f.Arrears:0.00} 元，最早 {f.OldestDue:yyyy-MM-dd} 到期",
                        $"CNY {f.Arrears:0.00} unpaid, the oldest due {f.OldestDue:yyyy-MM-dd}"
                    )
                )
            );
        if (f.ComplaintsRecent > 0)
            hits.Add(
                new(
                    CustomerSegment.RecentComplaint,
                    Loc.T(
                        $"近 {RecentComplaintDays} 天投诉 {f.ComplaintsRecent} 次",
                        $"{f.ComplaintsRecent} complaint(s) in {RecentComplaintDays} days"
                    )
                )
            );
        if (f.DissatisfiedRecent > 0)
            hits.Add(
                new(
                    CustomerSegment.Dissatisfied,
                    Loc.T(
                        $"近 {DissatisfiedDays} 天回访不满意 {f.DissatisfiedRecent} 次",
                        $"{f.DissatisfiedRecent} dissatisfied visit(s) in {DissatisfiedDays} days"
                    )
                )
            );
        var concerns = (f.Arrears > 0 ? 1 : 0) + (f.ComplaintsRecent > 0 ? 1 : 0) + (f.DissatisfiedRecent > 0 ? 1 : 0);
        if (concerns >= 2 || f.ComplaintsRecent >= 2)
            hits.Add(
                new(CustomerSegment.Important, Loc.T("多项待关注：需管家重点跟进", "Several concerns: the steward follows up closely"))
            );
        if (f.Arrears == 0 && f.ComplaintsYear == 0 && f.DissatisfiedYear == 0 && f.SatisfiedYear > 0)
            hits.Add(
                new(
                    CustomerSegment.Quality,
                    Loc.T($"一年内无欠费、无投诉，满意回访 {f.SatisfiedYear} 次", $"A clean year with {f.SatisfiedYear} satisfied visit(s)")
                )
            );
        foreach (var t in f.Tags)
            hits.Add(new(CustomerSegment.Tagged, t));
        return hits;
    }

    public static string Name(CustomerSegment s) =>
        s switch
        {
            CustomerSegment.Key => Loc.T("关键客户", "Key customer"),
            CustomerSegment.Quality => Loc.T("优质客户", "Quality customer"),
            CustomerSegment.Important => Loc.T("重点客户", "Important customer"),
            CustomerSegment.Arrears => Loc.T("欠费", "Arrears"),
            CustomerSegment.RecentComplaint => Loc.T("近期投诉", "Recent complaint"),
            CustomerSegment.Dissatisfied => Loc.T("回访不满意", "Dissatisfied visit"),
            _ => Loc.T("人工标签", "Manual tag"),
        };

    public static string Badge(CustomerSegment s) =>
        s switch
        {
            CustomerSegment.Key => "bg-purple-lt",
            CustomerSegment.Quality => "bg-green-lt",
            CustomerSegment.Important => "bg-red-lt",
            CustomerSegment.Arrears => "bg-orange-lt",
            CustomerSegment.RecentComplaint => "bg-yellow-lt",
            CustomerSegment.Dissatisfied => "bg-pink-lt",
            _ => "bg-azure-lt",
        };
}
