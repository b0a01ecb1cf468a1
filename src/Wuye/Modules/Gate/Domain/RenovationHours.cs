using Wuye.Platform.Web;

namespace Wuye.Modules.Gate.Domain;

/// <summary>
/// 装修施工时间: the windows of a working day when renovation work may be done (default 08:00–12:00 and 14:00–18:00), on the working
/// days of the project's business calendar only (no noisy work on weekends and public holidays). China time.
/// </summary>
internal sealed class RenovationHours(IReadOnlyList<(TimeOnly From, TimeOnly To)> windows, Func<DateOnly, bool> isWorkingDay)
{
    public static readonly IReadOnlyList<(TimeOnly, TimeOnly)> Default = [(new(8, 0), new(12, 0)), (new(14, 0), new(18, 0))];

    public IReadOnlyList<(TimeOnly From, TimeOnly To)> Windows => windows;

    /// <summary>"08:00-12:00,14:00-18:00" → windows; null when unreadable.</summary>
    public static IReadOnlyList<(TimeOnly, TimeOnly)>? Parse(string text)
    {
        var list = new List<(TimeOnly, TimeOnly)>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var ends = part.Split('-', StringSplitOptions.TrimEntries);
            if (ends.Length != 2 || !TimeOnly.TryParse(ends[0], out var a) || !TimeOnly.TryParse(ends[1], out var b) || b <= a)
                return null;
            list.Add((a, b));
        }
        return list.Count == 0 ? null : list;
    }

    public string Text => string.Join("、", windows.Select(w => $"{w.From:HH\\:mm}–{w.To:HH\\:mm}"));

    public bool IsOpen(DateTimeOffset now)
    {
        var local = ChinaTime.ToChina(now);
        var day = DateOnly.FromDateTime(local.DateTime);
        var time = TimeOnly.FromDateTime(local.DateTime);
        return isWorkingDay(day) && windows.Any(w => time >= w.From && time < w.To);
    }

    /// <summary>The next moment work may start, up to <paramref name="until"/> (the permit's last day); null when none.</summary>
    public DateTimeOffset? NextOpening(DateTimeOffset now, DateOnly until)
    {
        var local = ChinaTime.ToChina(now);
        var day = DateOnly.FromDateTime(local.DateTime);
        for (var d = day; d <= until && d.DayNumber - day.DayNumber < 60; d = d.AddDays(1))
        {
            if (!isWorkingDay(d))
                continue;
            foreach (var w in windows.OrderBy(w => w.From))
            {
                var start = new DateTimeOffset(d.ToDateTime(w.From), ChinaTime.Offset);
                if (start > now)
                    return start;
            }
        }
        return null;
    }
}

/// <summary>The names of renovation states and steps, zh and en.</summary>
internal static class RenovationText
{
    public static string State(RenovationState s, bool zh) =>
        s switch
        {
            RenovationState.Applied => zh ? "待审图" : "awaiting drawing review",
            RenovationState.ChangesRequested => zh ? "图纸待修改" : "drawings to change",
            RenovationState.DrawingsApproved => zh ? "图纸已通过" : "drawings approved",
            RenovationState.AgreementSigned => zh ? "已签协议" : "agreement signed",
            RenovationState.FeesPaid => zh ? "已缴押金" : "deposit paid",
            RenovationState.Permitted => zh ? "施工中" : "in progress",
            RenovationState.AwaitingAcceptance => zh ? "待验收" : "awaiting acceptance",
            RenovationState.Accepted => zh ? "验收合格" : "accepted",
            RenovationState.Failed => zh ? "验收不合格" : "failed acceptance",
            RenovationState.Refunded => zh ? "押金已退" : "deposit refunded",
            _ => s.ToString(),
        };

    public static string State(RenovationState s) => Loc.T(State(s, true), State(s, false));

    public static string Action(string action, bool zh) =>
        action switch
        {
            "approve" => zh ? "通过图纸" : "approved",
            "ask_changes" => zh ? "要求修改图纸" : "sent back for changes",
            "resubmit" => zh ? "重新提交" : "resubmitted",
            "owner_sign" => zh ? "业主签署协议" : "signed by the owner",
            "sign" => zh ? "签订协议" : "signed",
            "pay" => zh ? "缴纳押金" : "paid",
            "permit" => zh ? "发放施工许可证" : "permitted",
            "deduct" => zh ? "扣款" : "charged a deduction",
            "postpone" => zh ? "延期" : "postponed",
            "request_acceptance" => zh ? "申请验收" : "put up for acceptance",
            "accept" => zh ? "验收" : "accepted",
            "fail" => zh ? "验收不合格" : "failed acceptance",
            "refund" => zh ? "退还押金" : "refunded",
            "refused_after_hours" => zh ? "非施工时间进场被拒" : "refused entry after hours",
            "violation" => zh ? "巡查发现违规" : "found in violation",
            "rectified" => zh ? "违规已整改" : "violation put right",
            "missed_check" => zh ? "漏检" : "check missed",
            "worker" => zh ? "登记施工人员" : "worker registered",
            _ => action,
        };
}
