using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Wuye.Platform.Identity;

/// <summary>Adds the display name and chosen language to the sign-in cookie and token.</summary>
internal sealed class AppClaimsFactory(UserManager<AppUser> users, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<AppUser>(users, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var id = await base.GenerateClaimsAsync(user);
        id.AddClaim(new Claim("display_name", user.DisplayName));
        if (!string.IsNullOrEmpty(user.Culture)) id.AddClaim(new Claim("culture", user.Culture));
        return id;
    }
}
