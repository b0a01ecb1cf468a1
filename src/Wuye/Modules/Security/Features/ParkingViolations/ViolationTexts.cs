using Wuye.Modules.Security.Domain;

namespace Wuye.Modules.Security.Features.ParkingViolations;

/// <summary>The English texts of the owner's messages (the Chinese ones are <see cref="ParkingViolationHandler.KindNameZh"/>).</summary>
internal static class ViolationTexts
{
    public static string KindNameEn(ViolationKind k) =>
        k switch
        {
            ViolationKind.FireLane => "blocking a fire lane",
            ViolationKind.OthersSpace => "in someone else's space",
            ViolationKind.TwoSpaces => "across two spaces",
            ViolationKind.WrongWay => "parked the wrong way",
            ViolationKind.Blocking => "blocking an entrance or road",
            _ => "parked against the rules",
        };
}
