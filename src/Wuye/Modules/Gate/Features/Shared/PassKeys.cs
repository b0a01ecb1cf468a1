using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Gate.Domain;
using Wuye.Platform.Database;
using Wuye.Platform.Tenancy;

namespace Wuye.Modules.Gate.Features.Shared;

/// <summary>
/// Each project's pass-signing key pair (ECDSA P-256), made on first use. The private half is sealed with the app's data-protection
/// keys. Read and made under the system's scope in a scope of its own: an owner signs passes for their home with a key of the
/// project they may not read, and never sees it.
/// </summary>
internal sealed class PassKeys(IServiceScopeFactory scopes, IDataProtectionProvider provider)
{
    private readonly IDataProtector _protector = provider.CreateProtector("Wuye.Gate.PassKey.v1");

    /// <summary>The project's public key (SubjectPublicKeyInfo), made with its pair when the project has none yet.</summary>
    public async Task<byte[]> PublicKeyAsync(Guid companyId, Guid projectId, CancellationToken ct) =>
        Convert.FromBase64String((await GetOrCreateAsync(companyId, projectId, ct)).PublicKey);

    /// <summary>The public key of a project that has one; null otherwise.</summary>
    public async Task<byte[]?> ExistingPublicKeyAsync(Guid projectId, CancellationToken ct)
    {
        using var scope = SystemScope(out var db);
        var key = await db.Set<GatePassKey>()
            .AsNoTracking()
            .Where(k => k.ProjectId == projectId)
            .Select(k => k.PublicKey)
            .FirstOrDefaultAsync(ct);
        return key is null ? null : Convert.FromBase64String(key);
    }

    public Task<string> SignAsync(Guid companyId, PassClaims claims, CancellationToken ct) =>
        SignWithAsync(companyId, claims.ProjectId, k => PassToken.Sign(claims, k), ct);

    /// <summary>A renovation permit's QR payload, signed with the same project key.</summary>
    public Task<string> SignAsync(Guid companyId, PermitClaims claims, CancellationToken ct) =>
        SignWithAsync(companyId, claims.ProjectId, k => PermitToken.Sign(claims, k), ct);

    private async Task<string> SignWithAsync(Guid companyId, Guid projectId, Func<ECDsa, string> sign, CancellationToken ct)
    {
        var key = await GetOrCreateAsync(companyId, projectId, ct);
        using var ecdsa = ECDsa.Create();
        ecdsa.ImportPkcs8PrivateKey(Convert.FromBase64String(_protector.Unprotect(key.PrivateKey)), out _);
        return sign(ecdsa);
    }

    private IServiceScope SystemScope(out WuyeDb db)
    {
        var scope = scopes.CreateScope();
        scope.ServiceProvider.GetRequiredService<ScopeAccessor>().Scope = DataScope.System;
        db = scope.ServiceProvider.GetRequiredService<WuyeDb>();
        return scope;
    }

    private async Task<GatePassKey> GetOrCreateAsync(Guid companyId, Guid projectId, CancellationToken ct)
    {
        using var scope = SystemScope(out var db);
        var key = await db.Set<GatePassKey>().AsNoTracking().FirstOrDefaultAsync(k => k.ProjectId == projectId, ct);
        if (key is not null)
            return key;
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        key = new GatePassKey
        {
            CompanyId = companyId,
            ProjectId = projectId,
            PublicKey = Convert.ToBase64String(ecdsa.ExportSubjectPublicKeyInfo()),
            PrivateKey = _protector.Protect(Convert.ToBase64String(ecdsa.ExportPkcs8PrivateKey())),
        };
        db.Add(key);
        try
        {
            await db.SaveChangesAsync(ct);
            return key;
        }
        catch (DbUpdateException)
        {
            // Another request made the project's key first: use that one.
            db.ChangeTracker.Clear();
            return await db.Set<GatePassKey>().AsNoTracking().FirstAsync(k => k.ProjectId == projectId, ct);
        }
    }
}
