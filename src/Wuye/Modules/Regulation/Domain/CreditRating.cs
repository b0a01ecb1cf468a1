using Wuye.Platform.Database;
using Wuye.Platform.Tenancy;

namespace Wuye.Modules.Regulation.Domain;

/// <summary>
/// A company's published rating for a closed period (信用等级): score, rank among the regulator's companies, grade, red/black list
/// and whether it is flagged (通报). Names and the table are kept as they were at the close, so history and the public page
/// read this row alone.
/// </summary>
internal sealed class CreditRating : Entity, IScoped, IRegulatorOwned
{
    public Guid RegulatorId { get; set; }
    public Guid CompanyId { get; set; }
    public string CompanyName { get; set; } = "";
    public string Period { get; set; } = "";
    public DateOnly PeriodEnd { get; set; }
    public Guid TableId { get; set; }
    public string TableName { get; set; } = "";
    public int TableVersionNo { get; set; }
    public decimal Score { get; set; }
    public decimal BasePoints { get; set; }
    public decimal GoodPoints { get; set; }
    public decimal BadPoints { get; set; }
    public int Rank { get; set; }
    public int RankedCount { get; set; }
    public string? Grade { get; set; }
    public string? GradeLabel { get; set; }
    public CreditList List { get; set; }
    public bool Vetoed { get; set; }
    public bool Flagged { get; set; }

    /// <summary>Whether the public page shows the score (the table's setting at the close).</summary>
    public bool ScorePublic { get; set; }
}
