using System.Text.RegularExpressions;
using Wuye.Platform.Database;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.Security.Domain;

/// <summary>The kinds of a space on the board (万科#7): fixed (sold, 产权), rented (租用) or temporary/visitor (临时/访客).</summary>
internal enum SpaceKind
{
    Fixed,
    Rented,
    Visitor,
}

/// <summary>
/// 停车场: a car park of a project and its rules for owners (000#34). Its spaces are the parking spaces of the master data's
/// register, put on the board when the car park is set up.
/// </summary>
internal sealed class CarPark : Entity, IScoped
{
    public Guid CompanyId { get; set; }
    public Guid ProjectId { get; set; }
    public required string Name { get; set; }

    /// <summary>收费与停放规则 shown to owners beside the free temporary spaces.</summary>
    public string? Rules { get; set; }
}

/// <summary>
/// A space on a car park's board: free, or taken since <see cref="TakenAt"/> (by <see cref="Plate"/> when the guard noted it). Guards
/// record a car entering the space and leaving it; the board counts free and taken spaces by kind from these rows.
/// </summary>
internal sealed class CarParkSpace : Entity, IScoped
{
    public Guid CompanyId { get; set; }
    public Guid ProjectId { get; set; }
    public Guid CarParkId { get; set; }

    /// <summary>The master data's parking space (车位) this row shows.</summary>
    public Guid ParkingSpaceId { get; set; }
    public required string Code { get; set; }
    public SpaceKind Kind { get; set; }
    public string? Plate { get; set; }
    public DateTimeOffset? TakenAt { get; set; }

    public bool Taken => TakenAt is not null;

    public void Enter(string? plate, DateTimeOffset now)
    {
        if (TakenAt is not null)
            throw new RuleException(
                "car_park_space.taken",
                $"车位 {Code} 已被占用（{Plate ?? "车牌未记"}），请先登记驶出",
                $"Space {Code} is taken ({Plate ?? "no plate noted"}): record its exit first"
            );
        Plate = plate;
        TakenAt = now;
    }

    public void Leave()
    {
        if (TakenAt is null)
            throw new RuleException("car_park_space.free", $"车位 {Code} 本来就空着", $"Space {Code} is already free");
        Plate = null;
        TakenAt = null;
    }
}

/// <summary>Chinese number plates as the vehicle register keeps them: upper case, no spaces or dots ("浙H12345", "浙HD12345").</summary>
internal static partial class Plates
{
    public static string Normalize(string plate) =>
        new([.. plate.Trim().ToUpperInvariant().Where(c => !char.IsWhiteSpace(c) && c is not ('·' or '-' or '.'))]);

    public static bool IsValid(string? plate) => !string.IsNullOrWhiteSpace(plate) && PlateRe().IsMatch(Normalize(plate));

    /// <summary>Adds a field error when the plate is given and is not a plate.</summary>
    public static Validator Plate(this Validator v, string field, string? plate)
    {
        if (!string.IsNullOrWhiteSpace(plate) && !IsValid(plate))
            v.Add(
                field,
                "车牌号格式不正确（如 浙H12345 或新能源 浙HD12345）",
                "Not a valid plate (e.g. 浙H12345, or 浙HD12345 for new-energy)"
            );
        return v;
    }

    [GeneratedRegex(@"^[\u4e00-\u9fa5][A-Z][A-Z0-9]{5,6}$")]
    private static partial Regex PlateRe();
}
