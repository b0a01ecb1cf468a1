using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Gate.Domain;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Audit;
using Wuye.Platform.Database;

namespace Wuye.Modules.Gate.Features.Shared;

internal sealed record VisitorPassDto(
    Guid Id,
    Guid ProjectId,
    Guid UnitId,
    string UnitLabel,
    PassKind Kind,
    PassStatus Status,
    string VisitorName,
    string? VisitorPhone,
    string? PlateNumber,
    int People,
    DateTimeOffset ValidFrom,
    DateTimeOffset ValidTo,
    int MaxEntries,
    int EntriesUsed,
    string Code,
    string Payload,
    string? CallNote,
    bool Inside,
    uint Version
);

internal sealed record GateEntryDto(
    Guid Id,
    Guid ProjectId,
    Guid? UnitId,
    string? UnitLabel,
    Guid? VisitorPassId,
    string Name,
    int People,
    DateTimeOffset InAt,
    DateTimeOffset? OutAt,
    bool Typed
);

/// <summary>What the gate answers a scan: in or out, the stay and the pass.</summary>
internal sealed record ScanResultDto(string Direction, GateEntryDto Entry, VisitorPassDto Pass);

/// <summary>Reads of passes and stays, with the unit's label; phones masked.</summary>
internal static class PassViews
{
    private const string Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    public static string NewCode() => string.Create(8, 0, (span, _) =>
        {
            for (var i = 0; i < span.Length; i++)
                span[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        });

    public static async Task<List<VisitorPassDto>> PassesAsync(WuyeDb db, IQueryable<VisitorPass> passes, CancellationToken ct)
    {
        var labels = db.UnitLabels();
        var entries = db.Set<GateEntry>();
        var rows = await passes
            .AsNoTracking()
            .Select(p => new
            {
                p,
                Label = labels.Where(l => l.Id == p.UnitId).Select(l => l.Label).FirstOrDefault() ?? "",
                Inside = entries.Any(e => e.VisitorPassId == p.Id && e.OutAt == null),
            })
            .ToListAsync(ct);
        return [.. rows.Select(r => ToDto(r.p, r.Label, r.Inside))];
    }

    public static VisitorPassDto ToDto(VisitorPass p, string label, bool inside) =>
        new(
            p.Id,
            p.ProjectId,
            p.UnitId,
            label,
            p.Kind,
            p.Status,
            p.VisitorName,
            Mask.Phone(p.VisitorPhone),
            p.PlateNumber,
            p.People,
            p.ValidFrom,
            p.ValidTo,
            p.MaxEntries,
            p.EntriesUsed,
            p.Code,
            p.Payload,
            p.CallNote,
            inside,
            p.Version
        );

    public static async Task<List<GateEntryDto>> EntriesAsync(WuyeDb db, IQueryable<GateEntry> entries, CancellationToken ct)
    {
        var labels = db.UnitLabels();
        return await entries
            .AsNoTracking()
            .Select(e => new GateEntryDto(
                e.Id,
                e.ProjectId,
                e.UnitId,
                labels.Where(l => l.Id == e.UnitId).Select(l => l.Label).FirstOrDefault(),
                e.VisitorPassId,
                e.Name,
                e.People,
                e.InAt,
                e.OutAt,
                e.Typed
            ))
            .ToListAsync(ct);
    }
}
