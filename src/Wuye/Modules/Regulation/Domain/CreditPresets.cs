namespace Wuye.Modules.Regulation.Domain;

/// <summary>
/// Published local rules as starting tables: 烟台 (2022: base ≤ 80 + good ≤ 40 − bad; AAA ≥ 85 … C &lt; 60, blacklist),
/// 山东/济南 (the same bands, below 60 with no bad record still B), 商丘 (2022: annual, AAA ≥ 100 … C ≥ 60, below 60 not
/// graded, AAA red list, C black list) and a 开化-style half-yearly four-grade table (优秀/良好/及格/不及格). A regulator adopts
/// one and then edits it as its own versions.
/// </summary>
internal static class CreditPresets
{
    public static readonly string[] Codes = ["yantai", "shandong", "shangqiu", "kaihua"];

    public static string Label(string code) =>
        code switch
        {
            "yantai" => "烟台市（2022）",
            "shandong" => "山东省/济南市",
            "shangqiu" => "商丘市（2022）",
            "kaihua" => "开化县专项行动（四级）",
            _ => code,
        };

    private static List<CreditItem> Items(decimal inspectionCap, decimal filingCap) =>
        [
            new("daily_inspection", "日常检查考评", ConductKind.Base, inspectionCap, inspectionCap, 12),
            new("filing", "市场准入备案与制度建设", ConductKind.Base, filingCap, filingCap, 12),
            new("award", "获市级以上表彰", ConductKind.Good, 10, 20, 24),
            new("praise", "媒体或主管部门通报表扬", ConductKind.Good, 3, 9, 12),
            new("owner_satisfaction", "业主满意度测评优秀", ConductKind.Good, 5, 10, 12),
            new("rectify_late", "问题逾期未整改", ConductKind.Bad, 5, null, 12),
            new("complaint_verified", "投诉经核实属实", ConductKind.Bad, 2, null, 12),
            new("inspection_failed", "检查不合格被通报", ConductKind.Bad, 3, null, 12),
            new("safety_incident", "发生安全责任事故", ConductKind.Bad, 15, null, 24),
            new("major_accident", "发生重大安全责任事故（一票否决）", ConductKind.Veto, 0, null, 36),
            new(
                "satisfaction_rate",
                "回访满意率达 95% 以上（按企业数据）",
                ConductKind.Good,
                3,
                3,
                12,
                CreditFigure.OwnerSatisfactionRate,
                95
            ),
            new(
                "complaint_handling_low",
                "有效投诉处理率低于 90%（按企业数据）",
                ConductKind.Bad,
                3,
                null,
                12,
                CreditFigure.ComplaintHandlingRate,
                90,
                WhenBelow: true
            ),
        ];

    private static List<CreditBand> Yantai() =>
        [new("AAA", "AAA", 85), new("AA", "AA", 80), new("A", "A", 70), new("B", "B", 60), new("C", "C", null, CreditList.Black)];

    public static CreditTableSpec? Spec(string code) =>
        code switch
        {
            "yantai" => new(code, "烟台市物业服务企业信用评价标准", RatingPeriodKind.Year, 80, 40, Yantai(), Items(60, 20)),
            "shandong" => new(
                code,
                "山东省物业服务企业信用评价标准",
                RatingPeriodKind.Year,
                80,
                40,
                Yantai(),
                Items(60, 20),
                NoBadRecordFloorGrade: "B"
            ),
            "shangqiu" => new(
                code,
                "商丘市物业服务企业信用评价标准",
                RatingPeriodKind.Year,
                80,
                40,
                [
                    new("AAA", "AAA", 100, CreditList.Red),
                    new("AA", "AA", 90),
                    new("A", "A", 80),
                    new("B", "B", 70),
                    new("C", "C", 60, CreditList.Black),
                ],
                Items(60, 20),
                UngradedBelowLowest: true
            ),
            "kaihua" => new(
                code,
                "开化县物业服务企业信用评价（半年）",
                RatingPeriodKind.HalfYear,
                100,
                10,
                [
                    new("excellent", "优秀", 90, CreditList.Red),
                    new("good", "良好", 80),
                    new("pass", "及格", 60),
                    new("fail", "不及格", null, CreditList.Black),
                ],
                Items(80, 20)
            ),
            _ => null,
        };
}
