using System.Text.Json;
using Wuye.Modules.MasterData.Pages;

namespace Wuye.Modules.MasterData.Pages;

/// <summary>What _RecordForm draws: the fields, their current values and choices, and the API call the form makes.</summary>
internal sealed record RecordForm(
    string Api,
    string Method,
    string Then,
    IReadOnlyList<Field> Fields,
    JsonElement? Values,
    IReadOnlyDictionary<string, List<Option>> Options,
    IReadOnlyDictionary<string, string> Hidden,
    bool Disabled,
    string Submit,
    string TestId,
    string? Reveal = null
);
