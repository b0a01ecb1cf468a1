using System.Text.Json;
using Wuye.Tests.Kit;

namespace Wuye.Tests.Modules.Regulation;

/// <summary>
/// The shared demo regulator's scoring table, changed for one test only: <see cref="KeepingTableAsync"/> notes the current
/// table, runs the test's body (which may adopt a preset or add versions) and, in <c>finally</c>, puts the noted table's content
/// back as a new version whatever the body did, so the next class of the collection finds the table it expects.
/// </summary>
internal static class RegulatorTableKit
{
    public static JsonElement Current(JsonElement tables) =>
        tables.GetProperty("items").EnumerateArray().First(t => t.GetProperty("retiredAt").ValueKind == JsonValueKind.Null);

    public static async Task KeepingTableAsync(WuyeApp app, Func<JsonElement, Task> body)
    {
        var original = Current(await (await app.As("regulator")).GetJsonAsync("/api/v1/credit-rating-tables")).Clone();
        try
        {
            await body(original);
        }
        finally
        {
            app.ForgetTokens(); // a moved clock may have outlived the token
            var regulator = await app.As("regulator");
            var now = Current(await regulator.GetJsonAsync("/api/v1/credit-rating-tables"));
            if (now.GetProperty("id").GetGuid() != original.GetProperty("id").GetGuid())
                await regulator
                    .PostJsonAsync(
                        $"/api/v1/credit-rating-tables/{now.GetProperty("id")}/versions",
                        new
                        {
                            name = original.GetProperty("name").GetString(),
                            period = original.GetProperty("period").GetString(),
                            baseMax = original.GetProperty("baseMax").GetDecimal(),
                            goodCap = original.GetProperty("goodCap").GetDecimal(),
                            bands = original.GetProperty("bands"),
                            items = original.GetProperty("items"),
                            noBadRecordFloorGrade = original.GetProperty("noBadRecordFloorGrade").GetString(),
                            ungradedBelowLowest = original.GetProperty("ungradedBelowLowest").GetBoolean(),
                            appealDays = original.GetProperty("appealDays").GetInt32(),
                            flagBottom = original.GetProperty("flagBottom").GetInt32(),
                            publicScores = original.GetProperty("publicScores").GetBoolean(),
                        }
                    )
                    .OkAsync();
        }
    }
}
