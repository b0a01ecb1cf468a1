using Wuye.Modules.Inspections.Domain;
using Wuye.Platform.Web;

namespace Wuye.Modules.Inspections.Features.Shared;

internal sealed record CheckItemDto(
    Guid Id,
    Guid CompanyId,
    string Code,
    string Area,
    string AreaName,
    string Description,
    string? Method,
    string? Sampling,
    decimal PointsPerDeduction,
    string Frequency,
    string FrequencyName,
    int Revision,
    bool Retired,
    uint Version
);

/// <summary>Area and frequency arrive as text so that an unknown one gets a message naming the known ones, not a bare binding
/// error.</summary>
internal sealed record CheckItemInput(
    Guid? CompanyId,
    string? Code,
    string? Area,
    string? Description,
    string? Method,
    string? Sampling,
    decimal? PointsPerDeduction,
    string? Frequency
) : IValidatable
{
    public void Validate(Validator v)
    {
        v.Required("code", Code, "编码", "Code")
            .MaxLength("code", Code, 30, "编码", "Code")
            .Required("description", Description, "核查内容", "Description")
            .MaxLength("description", Description, 500, "核查内容", "Description")
            .MaxLength("method", Method, 300, "核查方法", "Method")
            .MaxLength("sampling", Sampling, 300, "抽样要求", "Sampling")
            .Range("pointsPerDeduction", PointsPerDeduction, 0, 100, "每项扣分", "Points per deduction");
        CheckItemRules.Enums(v, "area", Area, "frequency", Frequency);
    }

    public CheckArea ParsedArea => Qpi.TryParse(Qpi.Areas, Area, out CheckArea a) ? a : default;
    public CheckFrequency ParsedFrequency => Qpi.TryParse(Qpi.Frequencies, Frequency, out CheckFrequency f) ? f : default;
}

internal static class CheckItemRules
{
    public static void Enums(Validator v, string areaField, string? area, string frequencyField, string? frequency)
    {
        if (string.IsNullOrWhiteSpace(area))
            v.Add(areaField, "请选择区域", "Area is required");
        else if (!Qpi.TryParse(Qpi.Areas, area, out CheckArea _))
            v.Add(
                areaField,
                $"未知的区域“{area}”，可选：{Qpi.Allowed(Qpi.Areas)}",
                $"Unknown area \"{area}\"; known: {Qpi.Allowed(Qpi.Areas)}"
            );
        if (string.IsNullOrWhiteSpace(frequency))
            v.Add(frequencyField, "请选择频次", "Frequency is required");
        else if (!Qpi.TryParse(Qpi.Frequencies, frequency, out CheckFrequency _))
            v.Add(
                frequencyField,
                $"标准库中没有“{frequency}”这种频次，可选：{Qpi.Allowed(Qpi.Frequencies)}",
                $"The library knows no frequency \"{frequency}\"; known: {Qpi.Allowed(Qpi.Frequencies)}"
            );
    }

    public static CheckItemDto ToDto(CheckItem i) =>
        new(
            i.Id,
            i.CompanyId,
            i.Code,
            Qpi.Code(Qpi.Areas, i.Area),
            Qpi.Name(Qpi.Areas, i.Area),
            i.Description,
            i.Method,
            i.Sampling,
            i.PointsPerDeduction,
            Qpi.Code(Qpi.Frequencies, i.Frequency),
            Qpi.Name(Qpi.Frequencies, i.Frequency),
            i.Revision,
            i.RetiredAt != null,
            i.Version
        );
}
