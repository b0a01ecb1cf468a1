using System.Text;

namespace Wuye.Bench;

/// <summary>The table of a run: each scenario's app and raw sides, the ratio and the goals.</summary>
internal static class Report
{
    public static (string Text, bool Failed, bool HasErrors) Table(
        List<(Scenario S, List<LoadResult> A, List<LoadResult> B)> rows,
        Options o
    )
    {
        var sb = new StringBuilder();
        sb.AppendLine();
        sb.AppendLine("| scenario | side | req/s | p50 ms | p90 ms | p99 ms | app CPU ms/req | peak RSS MB | ratio | goal | |");
        sb.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        var failed = false;
        var errors = false;
        foreach (var (s, a, b) in rows)
        {
            var ra = Median(a.Select(x => x.Rps));
            var rb = Median(b.Select(x => x.Rps));
            var ratio = rb == 0 ? 0 : ra / rb;
            var p95 = a.SelectMany(x => x.SortedLatenciesMs).OrderBy(x => x).ToArray() is { Length: > 0 } l
                ? l[Math.Min(l.Length - 1, (int)Math.Ceiling(0.95 * l.Length) - 1)]
                : double.NaN;
            var p99A = a.SelectMany(x => x.SortedLatenciesMs).OrderBy(x => x).ToArray() is { Length: > 0 } l99
                ? l99[Math.Min(l99.Length - 1, (int)Math.Ceiling(0.99 * l99.Length) - 1)]
                : double.NaN;
            var ok =
                (s.MinRatio is null || ratio >= s.MinRatio)
                && (s.MaxP95Ms is null || p95 < s.MaxP95Ms)
                && (s.MaxP99Ms is null || p99A < s.MaxP99Ms);
            failed |= !ok;
            errors |= a.Concat(b).Any(x => x.Errors > 0);
            var goal = string.Join(
                ", ",
                new[]
                {
                    s.MinRatio is { } g ? $"≥ {g:0.00}×" : null,
                    s.MaxP95Ms is { } m ? $"p95 < {m:0} ms (is {p95:0})" : null,
                    s.MaxP99Ms is { } m99 ? $"p99 < {m99:0} ms (is {p99A:0})" : null,
                }.OfType<string>()
            );
            Line(
                sb,
                s.Name + (s.Connections is { } c && !o.Smoke ? $" ({c} conn.)" : ""),
                "app",
                a,
                $"{ratio:0.00}×",
                goal.Length == 0 ? "—" : goal,
                ok ? "ok" : "MISSED"
            );
            Line(sb, "", "raw", b, "", "", "");
        }
        var peak = rows.SelectMany(r => r.A.Concat(r.B)).Select(x => x.PeakRssMb).DefaultIfEmpty(0).Max();
        var p99 = rows.Where(r => r.S.Name == "list").SelectMany(r => r.A).Select(x => x.P(0.99)).DefaultIfEmpty(double.NaN).Max();
        var listRun = rows.Any(r => r.S.Name == "list");
        sb.AppendLine();
        sb.AppendLine(
            $"Resident memory peak under load: {peak:0} MB (goal < 400 MB: {(peak < 400 ? "ok" : "MISSED")})"
                + (
                    listRun
                        ? $"; list p99 at {o.Connections} connections: {p99:0.0} ms (goal < 50 ms: {(p99 < 50 ? "ok" : "MISSED")})."
                        : "."
                )
        );
        // The list's p99 goal is judged only when the list was measured (a run of other scenarios has no list figure).
        if (!o.Smoke)
            failed |= peak >= 400 || (listRun && !(p99 < 50));
        return (sb.ToString(), failed, errors);
    }

    private static void Line(StringBuilder sb, string name, string side, List<LoadResult> runs, string ratio, string goal, string verdict)
    {
        var lat = runs.SelectMany(r => r.SortedLatenciesMs).OrderBy(x => x).ToArray();
        var merged = new LoadResult(
            name,
            runs.Sum(r => r.Requests),
            runs.Sum(r => r.Errors),
            runs.Sum(r => r.Seconds),
            lat,
            runs.Average(r => r.CpuMsPerRequest),
            runs.Max(r => r.PeakRssMb)
        );
        sb.AppendLine(
            $"| {name} | {side} | {Median(runs.Select(r => r.Rps)):0} | {merged.P(0.5):0.0} | {merged.P(0.9):0.0} | {merged.P(0.99):0.0} "
                + $"| {merged.CpuMsPerRequest:0.00} | {merged.PeakRssMb:0} | {ratio} | {goal} | {verdict} |"
        );
    }

    private static double Median(IEnumerable<double> xs)
    {
        var a = xs.OrderBy(x => x).ToArray();
        return a.Length == 0 ? 0
            : a.Length % 2 == 1 ? a[a.Length / 2]
            : (a[a.Length / 2 - 1] + a[a.Length / 2]) / 2;
    }
}
