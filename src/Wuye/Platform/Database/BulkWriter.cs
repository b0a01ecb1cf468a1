using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;
using NpgsqlTypes;
using Wuye.Platform.Audit;
using Wuye.Platform.Tenancy;

namespace Wuye.Platform.Database;

/// <summary>
/// Inserts many new records with PostgreSQL's binary COPY, on the connection and transaction
/// the DbContext already holds. EF's row-by-row inserts are about 20× slower for a 100,000-unit
/// project. Because this bypasses <see cref="WuyeDb.SaveChangesAsync"/>, it does that method's
/// work itself: stamps the times and writes one audit row per record, in the same transaction.
/// The caller has checked the write scope for the whole batch (every record is in one project);
/// a module's bulk import uses it for its own tables.
/// </summary>
public static class BulkWriter
{
    public static async Task InsertAsync<T>(WuyeDb db, IReadOnlyList<T> rows, DateTimeOffset now, CancellationToken ct)
        where T : Entity
    {
        if (rows.Count == 0)
            return;
        foreach (var r in rows)
            r.CreatedAt = r.UpdatedAt = now;
        await CopyAsync(db, rows, ct);
        var scope = db.Scope;
        var props = Columns(db.Model.FindEntityType(typeof(T))!)
            .Where(p => p.Name is not (nameof(Entity.CreatedAt) or nameof(Entity.UpdatedAt)))
            .ToList();
        var names = props.Select(p => AuditRows.Name(p.Name)).ToArray();
        var getters = props.Select(p => Getter(p.PropertyInfo!)).ToArray();
        // Which columns hold personal data or secrets, looked up once for the batch (reflection per row would show on 100,000 units).
        var masked = props
            .Select(p =>
                p.PropertyInfo!.IsDefined(typeof(SensitiveAttribute), true) || p.PropertyInfo!.IsDefined(typeof(SecretAttribute), true)
            )
            .ToArray();
        // The history rows are made as COPY sends them (not all first): PostgreSQL stores the first while the app makes the next.
        IEnumerable<ChangeLog> Logs()
        {
            var values = new object?[props.Count];
            foreach (var r in rows)
            {
                var keys = r is IScoped ? ScopeKeys.Read(typeof(T), p => Getter(p)(r)) : default;
                for (var i = 0; i < values.Length; i++)
                    values[i] = masked[i] ? AuditRows.Safe(props[i].PropertyInfo, getters[i](r)) : getters[i](r);
                // The same row the context's save writes: personal data masked as lists show it.
                yield return AuditRows.Created(
                    scope,
                    now,
                    typeof(T),
                    r.Id,
                    AuditRows.ToJson(names, values),
                    (keys.Company == Guid.Empty ? null : keys.Company, keys.Project, keys.Zone, keys.Unit)
                );
            }
        }
        await CopyAsync(db, Logs(), ct);
    }

    private static readonly ConcurrentDictionary<PropertyInfo, Func<object, object?>> Getters = new();

    // A property read by a compiled delegate, made once per property (PropertyInfo.GetValue per value shows on 200,000 rows).
    private static Func<object, object?> Getter(PropertyInfo property) => Getters.GetOrAdd(property, static p =>
        {
            var o = Expression.Parameter(typeof(object));
            var read = Expression.Property(Expression.Convert(o, p.DeclaringType!), p);
            return Expression.Lambda<Func<object, object?>>(Expression.Convert(read, typeof(object)), o).Compile();
        });

    private static List<IProperty> Columns(IEntityType et) =>
        [.. et.GetProperties().Where(p => p.PropertyInfo is not null && p.GetColumnName() != "xmin")];

    private static async Task CopyAsync<T>(WuyeDb db, IEnumerable<T> rows, CancellationToken ct)
        where T : class
    {
        var et = db.Model.FindEntityType(typeof(T))!;
        var props = Columns(et);
        var conn = (NpgsqlConnection)db.Database.GetDbConnection();
        var sql =
            $"COPY {et.GetSchema()}.{et.GetTableName()} ({string.Join(", ", props.Select(p => p.GetColumnName()))}) FROM STDIN (FORMAT "
            + $"BINARY)";
        var converters = props.Select(p => p.GetTypeMapping().Converter).ToArray();
        var getters = props.Select(p => Getter(p.PropertyInfo!)).ToArray();
        var jsonb = props.Select(p => p.GetColumnType() == "jsonb").ToArray();
        await using var w = await conn.BeginBinaryImportAsync(sql, ct);
        foreach (var row in rows)
        {
            w.StartRow();
            for (var i = 0; i < props.Count; i++)
            {
                var v = getters[i](row);
                if (v is not null && converters[i] is { } conv)
                    v = conv.ConvertToProvider(v);
                switch (v)
                {
                    case null:
                        w.WriteNull();
                        break;
                    case Guid g:
                        w.Write(g, NpgsqlDbType.Uuid);
                        break;
                    case string s:
                        w.Write(s, jsonb[i] ? NpgsqlDbType.Jsonb : NpgsqlDbType.Varchar);
                        break;
                    case int n:
                        w.Write(n, NpgsqlDbType.Integer);
                        break;
                    case decimal d:
                        w.Write(d, NpgsqlDbType.Numeric);
                        break;
                    case bool b:
                        w.Write(b, NpgsqlDbType.Boolean);
                        break;
                    case DateTimeOffset t:
                        w.Write(t.ToUniversalTime(), NpgsqlDbType.TimestampTz);
                        break;
                    case DateOnly d:
                        w.Write(d, NpgsqlDbType.Date);
                        break;
                    case Guid[] ids:
                        w.Write(ids, NpgsqlDbType.Array | NpgsqlDbType.Uuid);
                        break;
                    case byte[] bytes:
                        w.Write(bytes, NpgsqlDbType.Bytea);
                        break;
                    default:
                        throw new NotSupportedException($"COPY of {v.GetType().Name} ({typeof(T).Name}.{props[i].Name})");
                }
            }
        }
        await w.CompleteAsync(ct);
    }
}
