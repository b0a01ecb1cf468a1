using Wuye.Modules.Security.Domain;
using Wuye.Platform.Database;
using Wuye.Platform.Web;

namespace Wuye.Modules.Security.Features.BoothReceipts;

/// <summary>The weekly reconciliation as .xlsx sheets for finance.</summary>
internal static class ReconciliationSheets
{
    /// <summary>The reconciliation as sheets: totals, receipts, voids, gaps.</summary>
    public static TableSheet[] Of(ReconciliationDto d) =>
        [
            new(
                Loc.T("汇总", "Totals"),
                [Loc.T("岗亭", "Booth"), Loc.T("付款方式", "Method"), Loc.T("张数", "Receipts"), Loc.T("金额", "Amount")],
                [
                    .. d.Booths.SelectMany(b =>
                        b.Methods.Select(m =>
                                (IReadOnlyList<string?>)[b.PostName, m.MethodName, m.Count.ToString(), m.Total.ToString("0.00")]
                            )
                            .Append([b.PostName, Loc.T("小计", "Subtotal"), (b.Issued - b.Voided).ToString(), b.Total.ToString("0.00")])
                    ),
                    [Loc.T("合计", "Total"), "", (d.Issued - d.Voided).ToString(), d.Total.ToString("0.00")],
                ]
            ),
            new(
                Loc.T("收据", "Receipts"),
                [
                    Loc.T("岗亭", "Booth"),
                    Loc.T("收据号", "No."),
                    Loc.T("开票时间", "Issued"),
                    Loc.T("金额", "Amount"),
                    Loc.T("付款方式", "Method"),
                    Loc.T("车牌", "Plate"),
                    Loc.T("收费员", "Issued by"),
                    Loc.T("来源", "Source"),
                    Loc.T("作废", "Voided"),
                ],
                d.Receipts.Select(r =>
                    (IReadOnlyList<string?>)
                        [
                            r.PostName,
                            r.Number,
                            ChinaTime.Text(r.IssuedAt),
                            r.Amount.ToString("0.00"),
                            r.MethodName,
                            r.Plate,
                            r.IssuedByName,
                            r.Source == ReceiptSource.Manual ? Loc.T("手工", "Paper") : Loc.T("系统", "System"),
                            r.Voided ? Loc.T("是", "yes") : "",
                        ]
                )
            ),
            new(
                Loc.T("作废", "Voids"),
                [
                    Loc.T("岗亭", "Booth"),
                    Loc.T("收据号", "No."),
                    Loc.T("金额", "Amount"),
                    Loc.T("作废时间", "Voided"),
                    Loc.T("作废人", "By"),
                    Loc.T("原因", "Reason"),
                ],
                d.Voids.Select(r =>
                    (IReadOnlyList<string?>)
                        [r.PostName, r.Number, r.Amount.ToString("0.00"), ChinaTime.Text(r.VoidedAt), r.VoidedByName, r.VoidReason]
                )
            ),
            new(
                Loc.T("缺号", "Gaps"),
                [Loc.T("岗亭", "Booth"), Loc.T("起", "From"), Loc.T("止", "To"), Loc.T("张数", "Missing")],
                d.Gaps.Select(g =>
                    (IReadOnlyList<string?>)
                        [g.PostName, BoothReceipt.FormatSerial(g.From), BoothReceipt.FormatSerial(g.To), g.Missing.ToString()]
                )
            ),
        ];
}
