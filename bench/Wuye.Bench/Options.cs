using System.Globalization;

namespace Wuye.Bench;

/// <summary>The bench's command line.</summary>
public sealed class Options
{
    public List<string> Scenarios { get; } = [];
    public string Size { get; set; } = "large";
    public int Seconds { get; set; } = 5;
    public int Rounds { get; set; } = 3;
    public int Connections { get; set; } = 32;
    public long MaxRequests { get; set; } = 2_000_000;
    public int? Requests { get; set; }
    public string? Url { get; set; }
    public bool Smoke { get; set; }
    public string Root { get; set; } = Environment.GetEnvironmentVariable("WUYE_ROOT") ?? Directory.GetCurrentDirectory();

    public static string Usage =>
        $"""
            Usage: ./wuye bench [scenario…] [options]
                   ./wuye bench import [--units 100000]
                   ./wuye bench bills [--units 100000]
                   ./wuye bench tasks [--size small|large]
            Measures the hot paths against a raw baseline on the app's own data (seeded once per size).
            Scenarios (all when none is named): {string.Join(", ", Wuye.Bench.Scenarios.All.Select(s => s.Name))}
            Options:
              --size small|large   the demo data to measure on (default large)
              --seconds N          seconds per round and side (default 5)
              --rounds N           rounds per side, interleaved (default 3)
              --connections N      concurrent connections (default 32)
              --requests N         stop a round after N requests
              --url URL            measure an app that is already running instead of starting one
              --smoke              one short round, to check the bench itself
              -h, --help           this text
            """;

    /// <summary>Reads the arguments; anything it does not know is an <see cref="ArgumentException"/> naming it.</summary>
    public static Options Parse(string[] args)
    {
        var o = new Options();
        string Value(ref int i) => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
        int Number(ref int i)
        {
            var name = args[i];
            var v = Value(ref i);
            return int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0
                ? n
                : throw new ArgumentException($"{name} must be a positive whole number, not '{v}'");
        }
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--size":
                    o.Size = Value(ref i);
                    if (o.Size is not ("small" or "large"))
                        throw new ArgumentException($"--size must be small or large, not '{o.Size}'");
                    break;
                case "--seconds":
                    o.Seconds = Number(ref i);
                    break;
                case "--rounds":
                    o.Rounds = Number(ref i);
                    break;
                case "--connections":
                    o.Connections = Number(ref i);
                    break;
                case "--url":
                    o.Url = Value(ref i);
                    break;
                case "--requests":
                    o.Requests = Number(ref i);
                    break;
                case "--smoke":
                    o.Smoke = true;
                    o.Rounds = 1;
                    o.Seconds = 2;
                    o.MaxRequests = 20;
                    o.Connections = 2;
                    break;
                case var a when a.StartsWith('-'):
                    throw new ArgumentException($"Unknown option '{a}'");
                case var name when Wuye.Bench.Scenarios.All.Any(s => s.Name == name):
                    o.Scenarios.Add(name);
                    break;
                default:
                    throw new ArgumentException(
                        $"No such scenario '{args[i]}'. Known: {string.Join(", ", Wuye.Bench.Scenarios.All.Select(s => s.Name))}"
                    );
            }
        }
        return o;
    }
}
