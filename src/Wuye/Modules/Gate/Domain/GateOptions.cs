using System.ComponentModel.DataAnnotations;

namespace Wuye.Modules.Gate.Domain;

/// <summary>The gate settings under <c>Wuye:Gate</c> (checked at start).</summary>
internal sealed class GateOptions : IValidatableObject
{
    public const string Section = "Wuye:Gate";

    /// <summary>Renovation hours on working days, China time: "08:00-12:00,14:00-18:00".</summary>
    public string RenovationHours { get; set; } = "08:00-12:00,14:00-18:00";

    /// <summary>The numbers printed on each permit's door sheet (便利贴).</summary>
    public string DoorSheetPhones { get; set; } = "服务中心 0571-8888 6000；门岗 0571-8888 6110";

    /// <summary>The largest drawing file an owner may upload with a renovation (PDF, image, DWG/DXF), in bytes.</summary>
    public long DrawingMaxBytes { get; set; } = 20L * 1024 * 1024;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Domain.RenovationHours.Parse(RenovationHours) is null)
            yield return new ValidationResult("RenovationHours must read like 08:00-12:00,14:00-18:00", [nameof(RenovationHours)]);
        if (DrawingMaxBytes is < 1024 * 1024 or > 100L * 1024 * 1024)
            yield return new ValidationResult("DrawingMaxBytes must be between 1 MB and 100 MB", [nameof(DrawingMaxBytes)]);
    }
}
