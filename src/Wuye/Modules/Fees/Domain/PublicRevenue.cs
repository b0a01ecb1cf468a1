using System.Text.Json;
using System.Text.Json.Serialization;
using Wuye.Platform.Database;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.Fees.Domain;

internal enum RevenueKind
{
    Income,
    Expense,
}

/// <summary>
/// What a public-revenue (公共收益) entry is: income from the owners' common parts — parking (停车), advertising (广告), venue
/// rental (场地租赁), other income — or an expense charged against it (maintenance of common parts, utilities, tax, the
/// management's costs, other).
/// </summary>
internal enum RevenueCategory
{
    Parking,
    Advertising,
    VenueRental,
    OtherIncome,
    Maintenance,
    Utilities,
    Tax,
    ManagementCost,
    OtherExpense,
}

/// <summary>A half year (上半年 H1: January–June, 下半年 H2: July–December): the period of a statement.</summary>
internal readonly record struct HalfYear(int Year, int Half)
{
    public static HalfYear Of(DateOnly d) => new(d.Year, d.Month <= 6 ? 1 : 2);

    public DateOnly Start => new(Year, Half == 1 ? 1 : 7, 1);

    public DateOnly End => Half == 1 ? new(Year, 6, 30) : new(Year, 12, 31);

    public HalfYear Previous => Half == 1 ? new(Year - 1, 2) : new(Year, 1);

    public string Text => Loc.T($"{Year}年{(Half == 1 ? "上" : "下")}半年", $"{Year} H{Half}");
}

/// <summary>
/// One line of a project's public-revenue ledger (公共收益台账): income or an expense, its category, date, amount (to the fen),
/// counterparty and note, with attached vouchers. An entry whose half year has a published statement is frozen: it is changed
/// only through a correction, which voids it (never deletes it) with the correction's reason.
/// </summary>
internal sealed class RevenueEntry : Entity, IScoped
{
    public const int CounterpartyMax = 100;
    public const int NoteMax = 500;
    public const decimal MaxAmount = 99_999_999.99m;

    public Guid CompanyId { get; set; }
    public Guid ProjectId { get; set; }
    public RevenueKind Kind { get; set; }
    public RevenueCategory Category { get; set; }
    public DateOnly Date { get; set; }
    public decimal Amount { get; set; }
    public required string Counterparty { get; set; }
    public string? Note { get; set; }
    public Guid[] AttachmentIds { get; set; } = [];
    public Guid RecordedByUserId { get; set; }
    public required string RecordedByName { get; set; }

    /// <summary>Set when a correction added the entry to a published half year (the version it first counts in).</summary>
    public Guid? AddedByStatementId { get; set; }

    /// <summary>Set when a correction took the entry out of its statement (the version that did it, and when).</summary>
    public Guid? VoidedByStatementId { get; set; }
    public DateTimeOffset? VoidedAt { get; set; }

    public HalfYear Period => HalfYear.Of(Date);

    public static RevenueKind KindOf(RevenueCategory c) =>
        c is RevenueCategory.Parking or RevenueCategory.Advertising or RevenueCategory.VenueRental or RevenueCategory.OtherIncome
            ? RevenueKind.Income
            : RevenueKind.Expense;

    /// <summary>Refused when the entry's half year is already published (its statement is frozen).</summary>
    public static void CheckOpen(HalfYear period, bool published)
    {
        if (published)
            throw new RuleException(
                "public_revenue.period_published",
                $"{period.Text}的公共收益公示已发布，台账不能再改；请通过更正发布新版本",
                $"The statement of {period.Text} is published and its ledger is frozen; correct it with a new version"
            );
    }

    /// <summary>Whether the entry counts in a version of its half year's statement (<paramref name="editionOf"/>: the versions'
    /// numbers by id): added before it or by a correction up to it, and not voided by it or an earlier one.</summary>
    public bool CountsIn(int edition, IReadOnlyDictionary<Guid, int> editionOf) =>
        (AddedByStatementId is not { } added || editionOf.GetValueOrDefault(added, int.MaxValue) <= edition)
        && (VoidedByStatementId is not { } voided || editionOf.GetValueOrDefault(voided, int.MaxValue) > edition);

    public void Void(Guid statementId, DateTimeOffset at)
    {
        if (VoidedAt is not null)
            throw new RuleException("public_revenue.entry_voided", "该台账条目已作废", "This ledger entry is already voided");
        VoidedByStatementId = statementId;
        VoidedAt = at;
    }
}

/// <summary>
/// The owners' share of a project's public revenue (业主分成比例), e.g. 70 % of what is left after expenses, from a date on:
/// every change is a new row, so the history stays and a statement takes the share in force on its period's last day.
/// </summary>
internal sealed class OwnerShareSetting : Entity, IScoped
{
    public Guid CompanyId { get; set; }
    public Guid ProjectId { get; set; }
    public decimal Percent { get; set; }
    public DateOnly EffectiveFrom { get; set; }
    public string? Note { get; set; }
    public Guid SetByUserId { get; set; }
    public required string SetByName { get; set; }
}

internal enum StatementStatus
{
    Published,
    Superseded,
}

/// <summary>A category's total in a statement's snapshot.</summary>
internal sealed record StatementLine(RevenueKind Kind, RevenueCategory Category, decimal Amount, int Entries);

/// <summary>
/// A half-yearly public-revenue statement (公共收益公示) of a project, published to its owners and owners' committee: a frozen
/// snapshot of the ledger (income and expenses by category, net, the owners' share at the percentage then in force), never
/// recomputed. A correction publishes the next version with its reason; the old one stays readable, marked superseded.
/// </summary>
internal sealed class RevenueStatement : Entity, IScoped
{
    public const int ReasonMax = 500;

    public Guid CompanyId { get; set; }
    public Guid ProjectId { get; set; }
    public int Year { get; set; }
    public int Half { get; set; }
    public int Edition { get; set; }
    public StatementStatus Status { get; set; }
    public decimal Income { get; set; }
    public decimal Expense { get; set; }
    public decimal Net { get; set; }
    public decimal SharePercent { get; set; }
    public decimal OwnersShare { get; set; }
    public int EntryCount { get; set; }
    public required string LinesJson { get; set; }
    public string? CorrectionReason { get; set; }
    public Guid PublishedByUserId { get; set; }
    public required string PublishedByName { get; set; }
    public DateTimeOffset PublishedAt { get; set; }
    public Guid? SupersededById { get; set; }
    public DateTimeOffset? SupersededAt { get; set; }

    public HalfYear Period => new(Year, Half);

    public List<StatementLine> Lines => JsonSerializer.Deserialize<List<StatementLine>>(LinesJson, Json) ?? [];

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    /// <summary>
    /// The figures of a half year from its live entries: totals by category, net = income − expenses, the owners' share = net ×
    /// percent, to the fen half up, and nothing when the net is not positive (a loss is not charged to the owners).
    /// </summary>
    public static (decimal Income, decimal Expense, decimal Net, decimal Share, List<StatementLine> Lines) Compute(
        IEnumerable<(RevenueKind Kind, RevenueCategory Category, decimal Amount)> entries,
        decimal percent
    )
    {
        var list = entries.ToList();
        var lines = list.GroupBy(e => (e.Kind, e.Category))
            .OrderBy(g => g.Key.Kind)
            .ThenBy(g => g.Key.Category)
            .Select(g => new StatementLine(g.Key.Kind, g.Key.Category, g.Sum(e => e.Amount), g.Count()))
            .ToList();
        var income = list.Where(e => e.Kind == RevenueKind.Income).Sum(e => e.Amount);
        var expense = list.Where(e => e.Kind == RevenueKind.Expense).Sum(e => e.Amount);
        var net = income - expense;
        var share = net > 0 ? Math.Round(net * percent / 100m, 2, MidpointRounding.AwayFromZero) : 0m;
        return (income, expense, net, share, lines);
    }

    public static RevenueStatement Publish(
        Guid company,
        Guid project,
        HalfYear period,
        int edition,
        IReadOnlyCollection<(RevenueKind Kind, RevenueCategory Category, decimal Amount)> entries,
        decimal percent,
        string? reason,
        Guid userId,
        string userName,
        DateTimeOffset now,
        DateOnly today
    )
    {
        if (today <= period.End)
            throw new RuleException(
                "public_revenue.period_open",
                $"{period.Text}尚未结束（{period.End:yyyy-MM-dd}），结束后才能公示",
                $"{period.Text} ends on {period.End:yyyy-MM-dd}; publish it after that"
            );
        var (income, expense, net, share, lines) = Compute(entries, percent);
        return new RevenueStatement
        {
            CompanyId = company,
            ProjectId = project,
            Year = period.Year,
            Half = period.Half,
            Edition = edition,
            Status = StatementStatus.Published,
            Income = income,
            Expense = expense,
            Net = net,
            SharePercent = percent,
            OwnersShare = share,
            EntryCount = entries.Count,
            LinesJson = JsonSerializer.Serialize(lines, Json),
            CorrectionReason = reason,
            PublishedByUserId = userId,
            PublishedByName = userName,
            PublishedAt = now,
        };
    }

    /// <summary>Only the current version of a statement is corrected.</summary>
    public void CheckCurrent()
    {
        if (Status == StatementStatus.Superseded)
            throw new RuleException(
                "public_revenue.superseded",
                "该公示已被新版本取代，请更正最新版本",
                "This statement is already superseded; correct its latest version"
            );
    }

    public void SupersedeBy(Guid next, DateTimeOffset at)
    {
        CheckCurrent();
        Status = StatementStatus.Superseded;
        SupersededById = next;
        SupersededAt = at;
    }
}

/// <summary>A reader's receipt (已读回执) of one version of a statement: written once, by the owner or committee member.</summary>
internal sealed class StatementRead : IScoped
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid CompanyId { get; set; }
    public Guid ProjectId { get; set; }
    public Guid StatementId { get; set; }
    public Guid UserId { get; set; }
    public DateTimeOffset ReadAt { get; set; }
}
