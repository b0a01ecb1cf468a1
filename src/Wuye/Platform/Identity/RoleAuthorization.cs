using Microsoft.AspNetCore.Authorization;
using Wuye.Platform.Tenancy;

namespace Wuye.Platform.Identity;

/// <summary>
/// Role checks read the request's <see cref="DataScope"/> (from the database, cached at most
/// Wuye:Scope:CacheSeconds), so a role granted or taken away applies without signing in again.
/// </summary>
public sealed class ScopeRoleRequirement(params string[] roles) : IAuthorizationRequirement
{
    public IReadOnlyList<string> Roles { get; } = roles;
}

internal sealed class ScopeRoleHandler(ScopeAccessor accessor) : AuthorizationHandler<ScopeRoleRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ScopeRoleRequirement requirement)
    {
        var scope = accessor.Scope;
        if (scope.IsGlobal)
            context.Succeed(requirement);
        else if (requirement.Roles.Any(scope.Roles.Contains))
        {
            // The endpoint acts in these roles: its writes must fall where one of them is held,
            // not wherever the user holds any role.
            accessor.Scope = scope.ActingAs(requirement.Roles);
            context.Succeed(requirement);
        }
        return Task.CompletedTask;
    }
}

public static class RoleAuthorizationExtensions
{
    /// <summary>Only users holding one of these roles somewhere (platform admins always pass).</summary>
    public static TBuilder RequireRoles<TBuilder>(this TBuilder builder, params string[] roles)
        where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(p => p.RequireAuthenticatedUser().AddRequirements(new ScopeRoleRequirement(roles)));
}
