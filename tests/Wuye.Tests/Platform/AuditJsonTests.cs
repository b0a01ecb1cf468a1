using System.Text.Json;
using Wuye.Platform.Audit;

namespace Wuye.Tests.Platform;

/// <summary>
/// The history's JSON is written straight to UTF-8 (bulk writes make 200,000 rows at a time); it must be the text the serializer
/// made of the values' dictionary before: camelCase names, enums as text, Chinese and punctuation unescaped, numbers and dates in
/// the serializer's own form.
/// </summary>
public sealed class AuditJsonTests
{
    private enum Kind
    {
        Open,
        DoneLate,
    }

    public static TheoryData<string, object?> Values() =>
        new()
        {
            { "Name", "锦绣花园 3幢 “东门” <b>&'\\\n\t" },
            { "Empty", "" },
            { "Id", Guid.Parse("0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b") },
            { "Count", -42 },
            { "Amount", 1234.50m },
            { "Tiny", 0.0001m },
            { "Done", true },
            { "At", new DateTimeOffset(2026, 12, 6, 9, 30, 15, 123, TimeSpan.Zero).AddTicks(4567) },
            { "AtChina", new DateTimeOffset(2026, 2, 28, 23, 59, 59, TimeSpan.FromHours(8)) },
            { "DueOn", new DateOnly(2028, 2, 29) },
            { "Status", Kind.DoneLate },
            { "Ids", new[] { Guid.Empty, Guid.Parse("0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b") } },
            { "Missing", null },
            { "Big", long.MaxValue },
            { "Ratio", 0.1 },
        };

    [Theory]
    [MemberData(nameof(Values))]
    public void One_value_is_written_as_the_serializer_writes_it(string name, object? value)
    {
        var dict = new Dictionary<string, object?> { [name] = value };
        var expected = JsonSerializer.Serialize(dict, AuditRows.Json);

        Assert.Equal(expected, AuditRows.ToJson(dict));
        Assert.Equal(expected, AuditRows.ToJson([AuditRows.Name(name)], [value]));
    }

    [Fact]
    public void A_record_of_many_values_is_one_object_in_their_order()
    {
        var dict = Values().ToDictionary(r => (string)r.Data.Item1, r => r.Data.Item2);
        var expected = JsonSerializer.Serialize(dict, AuditRows.Json);

        Assert.Equal(expected, AuditRows.ToJson(dict));
        Assert.Equal(expected, AuditRows.ToJson([.. dict.Keys.Select(AuditRows.Name)], [.. dict.Values]));
        // Written twice on one thread (the writer and its buffer are reused): the second is not the first's tail or a mix.
        Assert.Equal("""{"a":1}""", AuditRows.ToJson(new Dictionary<string, object?> { ["A"] = 1 }));
        Assert.Equal(expected, AuditRows.ToJson(dict));
        Assert.StartsWith("""{"name":"锦绣花园 3幢 “东门” <b>&'""", expected);
    }
}
