using System.Buffers;
using System.Collections.Concurrent;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Wuye.Platform.Audit;

public enum ChangeAction
{
    Created,
    Updated,
    Deleted,
}

/// <summary>
/// One change to one business record: who, when, which record, the values before and after.
/// Written in the same transaction as the change itself, so the history is never behind.
/// Carries the record's scope keys so the history is as private as the record.
/// </summary>
public sealed class ChangeLog
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public DateTimeOffset At { get; set; }
    public Guid? UserId { get; set; }
    public string? UserName { get; set; }
    public required string EntityType { get; set; }
    public Guid EntityId { get; set; }
    public ChangeAction Action { get; set; }

    /// <summary>JSON object of the changed fields' old values (null on create).</summary>
    public string? Before { get; set; }

    /// <summary>JSON object of the changed fields' new values (null on delete).</summary>
    public string? After { get; set; }
    public Guid? CompanyId { get; set; }
    public Guid? ProjectId { get; set; }
    public Guid? ZoneId { get; set; }
    public Guid? UnitId { get; set; }
}

/// <summary>
/// The one way change-log rows are made, by the context's save and by bulk writers alike: the
/// values as JSON (camelCase, enums as text, Chinese as is) with personal data masked.
/// </summary>
public static class AuditRows
{
    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DictionaryKeyPolicy = JsonNamingPolicy.CamelCase,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter() },
    };

    private static readonly JsonWriterOptions Writing = new() { Encoder = Json.Encoder };
    private static readonly ConcurrentDictionary<string, JsonEncodedText> Names = new(StringComparer.Ordinal);

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? _buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? _writer;

    /// <summary>A value as the history keeps it: personal data ([Sensitive]) masked, as lists show it; a [Secret] not at all.</summary>
    public static object? Safe(System.Reflection.PropertyInfo? property, object? value) =>
        value is not string text ? value
        : property?.IsDefined(typeof(SecretAttribute), true) == true ? SecretAttribute.Shown
        : property?.IsDefined(typeof(SensitiveAttribute), true) == true ? Mask.Any(text)
        : value;

    /// <summary>A property's name as the history's JSON spells it (camelCase), encoded once.</summary>
    public static JsonEncodedText Name(string property) =>
        Names.GetOrAdd(property, static p => JsonEncodedText.Encode(JsonNamingPolicy.CamelCase.ConvertName(p), Json.Encoder));

    /// <summary>
    /// The history's JSON object of these values, written straight to UTF-8 (a bulk write makes 200,000 of them: no dictionary
    /// per row). The same text the serializer makes of a dictionary with <see cref="Json"/>.
    /// </summary>
    public static string ToJson(ReadOnlySpan<JsonEncodedText> names, ReadOnlySpan<object?> values)
    {
        var w = Start();
        for (var i = 0; i < names.Length; i++)
        {
            w.WritePropertyName(names[i]);
            Write(w, values[i]);
        }
        return Finish(w);
    }

    public static string ToJson(IReadOnlyDictionary<string, object?> values)
    {
        var w = Start();
        foreach (var (name, value) in values)
        {
            w.WritePropertyName(Name(name));
            Write(w, value);
        }
        return Finish(w);
    }

    private static Utf8JsonWriter Start()
    {
        var buffer = _buffer ??= new ArrayBufferWriter<byte>(1024);
        buffer.ResetWrittenCount();
        if (_writer is { } w)
            w.Reset(buffer);
        else
            _writer = w = new Utf8JsonWriter(buffer, Writing);
        w.WriteStartObject();
        return w;
    }

    private static string Finish(Utf8JsonWriter w)
    {
        w.WriteEndObject();
        w.Flush();
        return Encoding.UTF8.GetString(_buffer!.WrittenSpan);
    }

    // The common kinds written as the serializer's own converters write them; anything else through the serializer.
    private static void Write(Utf8JsonWriter w, object? value)
    {
        switch (value)
        {
            case null:
                w.WriteNullValue();
                break;
            case string s:
                w.WriteStringValue(s);
                break;
            case Guid g:
                w.WriteStringValue(g);
                break;
            case int n:
                w.WriteNumberValue(n);
                break;
            case decimal d:
                w.WriteNumberValue(d);
                break;
            case bool b:
                w.WriteBooleanValue(b);
                break;
            case DateTimeOffset t:
                w.WriteStringValue(t);
                break;
            default:
                JsonSerializer.Serialize(w, value, value.GetType(), Json);
                break;
        }
    }

    public static ChangeLog Row(
        Tenancy.DataScope scope,
        DateTimeOffset at,
        Type entityType,
        Guid entityId,
        ChangeAction action,
        IReadOnlyDictionary<string, object?>? before,
        IReadOnlyDictionary<string, object?>? after,
        Guid? companyId,
        Guid? projectId,
        Guid? zoneId,
        Guid? unitId
    ) =>
        Row(
            scope,
            at,
            entityType,
            entityId,
            action,
            before is null ? null : ToJson(before),
            after is null ? null : ToJson(after),
            (companyId, projectId, zoneId, unitId)
        );

    /// <summary>The row of a record created with these values (<paramref name="after"/>: its JSON, made by ToJson).</summary>
    public static ChangeLog Created(
        Tenancy.DataScope scope,
        DateTimeOffset at,
        Type entityType,
        Guid entityId,
        string after,
        (Guid? Company, Guid? Project, Guid? Zone, Guid? Unit) keys
    ) => Row(scope, at, entityType, entityId, ChangeAction.Created, null, after, keys);

    private static ChangeLog Row(
        Tenancy.DataScope scope,
        DateTimeOffset at,
        Type entityType,
        Guid entityId,
        ChangeAction action,
        string? before,
        string? after,
        (Guid? Company, Guid? Project, Guid? Zone, Guid? Unit) keys
    ) =>
        new()
        {
            At = at,
            UserId = scope.UserId,
            UserName = scope.UserName,
            EntityType = entityType.Name,
            EntityId = entityId,
            Action = action,
            Before = before,
            After = after,
            CompanyId = keys.Company,
            ProjectId = keys.Project,
            ZoneId = keys.Zone,
            UnitId = keys.Unit,
        };
}
