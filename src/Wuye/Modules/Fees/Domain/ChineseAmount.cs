using System.Text;

namespace Wuye.Modules.Fees.Domain;

/// <summary>金额大写: an amount in the capital numerals a receipt carries (1495.55 → 壹仟肆佰玖拾伍元伍角伍分; 300 → 叁佰元整).</summary>
internal static class ChineseAmount
{
    private const string Digits = "零壹贰叁肆伍陆柒捌玖";
    private static readonly string[] Small = ["", "拾", "佰", "仟"];
    private static readonly string[] Large = ["", "万", "亿", "万亿"];
    private static readonly int[] Powers = [1, 10, 100, 1000];

    public static string Upper(decimal amount)
    {
        if (amount < 0)
            return "负" + Upper(-amount);
        var fen = (long)Math.Round(amount * 100, MidpointRounding.AwayFromZero);
        var yuan = fen / 100;
        var jiao = (int)(fen / 10 % 10);
        var cents = (int)(fen % 10);
        if (fen == 0)
            return "零元整";
        var sb = new StringBuilder(Integer(yuan));
        if (yuan > 0)
            sb.Append('元');
        if (jiao > 0)
            sb.Append(Digits[jiao]).Append('角');
        else if (yuan > 0 && cents > 0)
            sb.Append('零');
        if (cents > 0)
            sb.Append(Digits[cents]).Append('分');
        else
            sb.Append('整');
        return sb.ToString();
    }

    private static string Integer(long n)
    {
        var groups = new List<int>();
        for (; n > 0; n /= 10000)
            groups.Add((int)(n % 10000));
        var sb = new StringBuilder();
        var gap = false;
        for (var g = groups.Count - 1; g >= 0; g--)
        {
            var v = groups[g];
            if (v == 0)
            {
                gap = sb.Length > 0;
                continue;
            }
            if (sb.Length > 0 && (gap || v < 1000))
                sb.Append('零');
            sb.Append(Group(v)).Append(Large[g]);
            gap = false;
        }
        return sb.ToString();
    }

    private static string Group(int v)
    {
        var sb = new StringBuilder();
        var zero = false;
        for (var pos = 3; pos >= 0; pos--)
        {
            var d = v / Powers[pos] % 10;
            if (d == 0)
            {
                zero = sb.Length > 0;
                continue;
            }
            if (zero)
                sb.Append('零');
            sb.Append(Digits[d]).Append(Small[pos]);
            zero = false;
        }
        return sb.ToString();
    }
}
