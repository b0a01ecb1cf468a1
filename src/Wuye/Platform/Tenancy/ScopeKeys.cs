using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Reflection;

namespace Wuye.Platform.Tenancy;

/// <summary>
/// Finds, for an entity type, the members that hold its company, project, zone and unit keys:
/// a property of that name, or the entity's own Id when it is that level (<see cref="ScopeSelfAttribute"/>).
/// The query filter and the write check both read keys through here, so they cannot disagree.
/// </summary>
public static class ScopeKeys
{
    private static readonly ConcurrentDictionary<Type, PropertyInfo?[]> Cache = new();

    private static readonly (string Name, ScopeLevel Level)[] Levels =
    [
        ("CompanyId", ScopeLevel.Company),
        ("ProjectId", ScopeLevel.Project),
        ("ZoneId", ScopeLevel.Zone),
        ("UnitId", ScopeLevel.Unit),
    ];

    public static PropertyInfo?[] For(Type type) => Cache.GetOrAdd(type, t =>
        {
            var self = t.GetCustomAttribute<ScopeSelfAttribute>()?.Level;
            return
            [
                .. Levels.Select(l =>
                    self == l.Level ? t.GetProperty("Id") : t.GetProperty(l.Name, BindingFlags.Public | BindingFlags.Instance)
                ),
            ];
        });

    /// <summary>The member expressions for the filter: (company as Guid, the others as Guid?).</summary>
    public static (Expression Company, Expression Project, Expression Zone, Expression Unit) Members(Type type, ParameterExpression e)
    {
        var props = For(type);
        Expression Nullable(PropertyInfo? p) =>
            p is null ? Expression.Constant(null, typeof(Guid?))
            : p.PropertyType == typeof(Guid?) ? Expression.Property(e, p)
            : Expression.Convert(Expression.Property(e, p), typeof(Guid?));
        return (
            Expression.Property(e, props[0] ?? throw new InvalidOperationException($"{type.Name} has no CompanyId")),
            Nullable(props[1]),
            Nullable(props[2]),
            Nullable(props[3])
        );
    }

    public static (Guid Company, Guid? Project, Guid? Zone, Guid? Unit) Read(Type type, Func<PropertyInfo, object?> value)
    {
        var props = For(type);
        Guid? Get(PropertyInfo? p) => p is null ? null : (Guid?)value(p);
        return (Get(props[0]) ?? Guid.Empty, Get(props[1]), Get(props[2]), Get(props[3]));
    }
}
