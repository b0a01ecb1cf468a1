using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Regulation.Domain;
using Wuye.Modules.Regulation.Features.AdoptCreditRatingTable;
using Wuye.Modules.Regulation.Features.Shared;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Regulation.Features.ReviseCreditRatingTable;

internal sealed record BandInput(string? Grade, string? Label, decimal? MinScore, CreditList? List);

/// <summary>An item; <see cref="Figure"/> with <see cref="Threshold"/> (%) makes it scored from the companies' figures.</summary>
internal sealed record ItemInput(
    string? Code,
    string? Name,
    ConductKind? Kind,
    decimal? Points,
    decimal? Cap,
    int? ValidityMonths,
    CreditFigure? Figure = null,
    decimal? Threshold = null,
    bool? WhenBelow = null
);

/// <summary>A new version of the table: every field optional, what is left out is kept from the version revised.</summary>
internal sealed record ReviseTableInput(
    string? Name,
    RatingPeriodKind? Period,
    decimal? BaseMax,
    decimal? GoodCap,
    List<BandInput>? Bands,
    List<ItemInput>? Items,
    string? NoBadRecordFloorGrade,
    bool? UngradedBelowLowest,
    int? AppealDays,
    int? FlagBottom,
    bool? PublicScores
) : IValidatable
{
    public void Validate(Validator v)
    {
        v.MaxLength("name", Name, 100, "名称", "Name")
            .Range("baseMax", BaseMax, 0, 1000, "基础分上限", "Base maximum")
            .Range("goodCap", GoodCap, 0, 1000, "良好行为加分上限", "Good conduct cap")
            .Range("appealDays", AppealDays, 0, 90, "异议期天数", "Objection days")
            .Range("flagBottom", FlagBottom, 0, 100, "通报末位数", "Companies flagged");
        for (var i = 0; i < (Bands?.Count ?? 0); i++)
            v.Required($"bands[{i}].grade", Bands![i].Grade, "等级", "Grade")
                .MaxLength($"bands[{i}].grade", Bands[i].Grade, 20, "等级", "Grade")
                .MaxLength($"bands[{i}].label", Bands[i].Label, 20, "等级名称", "Label");
        for (var i = 0; i < (Items?.Count ?? 0); i++)
            v.Required($"items[{i}].code", Items![i].Code, "代码", "Code")
                .MaxLength($"items[{i}].code", Items[i].Code, 40, "代码", "Code")
                .Required($"items[{i}].name", Items[i].Name, "名称", "Name")
                .MaxLength($"items[{i}].name", Items[i].Name, 100, "名称", "Name")
                .Required($"items[{i}].kind", Items[i].Kind, "类别", "Kind")
                .Required($"items[{i}].points", Items[i].Points, "分值", "Points")
                .Range($"items[{i}].points", Items[i].Points, 0, 1000, "分值", "Points")
                .Range($"items[{i}].threshold", Items[i].Threshold, 0, 100, "阈值（%）", "Threshold (%)");
        for (var i = 0; i < (Items?.Count ?? 0); i++)
            if (Items![i].Figure is not null && Items[i].Threshold is null)
                v.Add($"items[{i}].threshold", "按企业数据计分的评分项须设阈值（%）", "An item scored from a figure needs a threshold (%)");
    }

    public CreditTableSpec Apply(CreditTableSpec s) =>
        s with
        {
            Preset = "custom",
            Name = Name ?? s.Name,
            Period = Period ?? s.Period,
            BaseMax = BaseMax ?? s.BaseMax,
            GoodCap = GoodCap ?? s.GoodCap,
            Bands = Bands is null
                ? s.Bands
                : [.. Bands.Select(b => new CreditBand(b.Grade!.Trim(), b.Label ?? b.Grade!, b.MinScore, b.List ?? CreditList.None))],
            Items = Items is null
                ? s.Items
                :
                [
                    .. Items.Select(i => new CreditItem(
                        i.Code!.Trim(),
                        i.Name!.Trim(),
                        i.Kind!.Value,
                        i.Points!.Value,
                        i.Cap,
                        i.ValidityMonths ?? 12,
                        i.Figure,
                        i.Figure is null ? null : i.Threshold,
                        i.Figure is not null && i.WhenBelow == true
                    )),
                ],
            NoBadRecordFloorGrade =
                NoBadRecordFloorGrade is null ? s.NoBadRecordFloorGrade
                : NoBadRecordFloorGrade == "" ? null
                : NoBadRecordFloorGrade,
            UngradedBelowLowest = UngradedBelowLowest ?? s.UngradedBelowLowest,
            AppealDays = AppealDays ?? s.AppealDays,
            FlagBottom = FlagBottom ?? s.FlagBottom,
            PublicScores = PublicScores ?? s.PublicScores,
        };
}

/// <summary>A regulator edits its table by adding a version made from the current one and the changes sent.</summary>
internal static class ReviseCreditRatingTableEndpoint
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost(
                "/credit-rating-tables/{id:guid}/versions",
                async Task<Created<CreditTableDto>> (WuyeDb db, TimeProvider clock, Guid id, ReviseTableInput body, CancellationToken ct) =>
                {
                    var table = await db.Set<CreditRatingTable>().FirstOrDefaultAsync(t => t.Id == id, ct)
                        ?? throw new NotFoundException("credit rating table");
                    if (table.RetiredAt is not null)
                        throw new RuleException(
                            "credit_table.retired",
                            "该版本已被新版本取代，请在最新版本上修改",
                            "This version was replaced; edit the newest one"
                        );
                    var next = await AdoptCreditRatingTableEndpoint.NewVersionAsync(
                        db,
                        clock,
                        table.RegulatorId,
                        body.Apply(table.Spec()),
                        ct
                    );
                    return TypedResults.Created($"/api/v1/credit-rating-tables/{next.Id}", CreditTableDto.From(next));
                }
            )
            .WithTags("Regulation")
            .RequireRoles(RegulationRoles.Regulators)
            .WithSummary("Edit the regulator's table as a new version (fields left out are kept)");
    }
}
