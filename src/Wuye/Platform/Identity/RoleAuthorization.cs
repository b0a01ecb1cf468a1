using Microsoft.AspNetCore.Authorization;
using Wuye.Platform.Tenancy;

namespace Wuye.Platform.Identity;

/// <summary>
/// Role checks read the request's <see cref="DataScope"/>, built fresh from the database, so
/// a role granted or taken away applies on the next request, not at the next sign-in.
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
        if (scope.IsGlobal || requirement.Roles.Any(scope.Roles.Contains)) context.Succeed(requirement);
        return Task.CompletedTask;
    }
}

public static class RoleAuthorizationExtensions
{
    /// <summary>Only users holding one of these roles somewhere (platform admins always pass).</summary>
    public static TBuilder RequireRoles<TBuilder>(this TBuilder builder, params string[] roles) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(p => p.RequireAuthenticatedUser().AddRequirements(new ScopeRoleRequirement(roles)));
}
