using System.Text.Json;
using System.Text.Json.Serialization;

namespace Wuye.Platform.Web;

/// <summary>
/// The edge's rules for every text and date a caller sends, applied generically (not per input):
/// no control characters (NUL, which PostgreSQL refuses, and the rest of C0/C1, lone surrogates) in
/// any text; a body or form text may hold tab and line breaks (multi-line text), a query or route
/// value none. Dates lie in <see cref="MinDate"/>..<see cref="MaxDate"/> (no year 1 or 9999).
/// Each refusal is a 400 naming the field.
/// </summary>
public static class InputText
{
    public static readonly DateOnly MinDate = new(1900, 1, 1);
    public static readonly DateOnly MaxDate = new(2100, 12, 31);

    public static bool IsClean(ReadOnlySpan<char> s, bool multiLine)
    {
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (c < ' ')
            {
                if (multiLine && c is '\t' or '\r' or '\n')
                    continue;
                return false;
            }
            if (c is >= '\u007f' and <= '\u009f' or '\ufffe' or '\uffff')
                return false;
            if (char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                i++;
                continue;
            }
            if (char.IsSurrogate(c))
                return false;
        }
        return true;
    }

    public static string ControlMessage() => Loc.T("不能包含控制字符（如 NUL）", "must not contain control characters (such as NUL)");

    public static string DateMessage() =>
        Loc.T(
            $"日期应在 {MinDate:yyyy-MM-dd} 到 {MaxDate:yyyy-MM-dd} 之间",
            $"must be a date between {MinDate:yyyy-MM-dd} and {MaxDate:yyyy-MM-dd}"
        );

    public static bool IsSaneDate(DateOnly d) => d >= MinDate && d <= MaxDate;

    /// <summary>A value refused by the edge's rules while reading JSON; the serializer adds the field's path.</summary>
    public sealed class RefusedException(string message) : JsonException(message);

    /// <summary>Every JSON string: refuses control characters (tab and line breaks allowed).</summary>
    internal sealed class CleanStringConverter : JsonConverter<string>
    {
        public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType != JsonTokenType.String)
                throw new JsonException();
            string? s;
            try
            {
                s = reader.GetString();
            }
            catch (InvalidOperationException)
            {
                throw new RefusedException(ControlMessage());
            } // invalid UTF-16 escapes
            if (s is not null && !IsClean(s, multiLine: true))
                throw new RefusedException(ControlMessage());
            return s;
        }

        public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
    }

    /// <summary>Reads a date as the serializer does, then refuses one outside the window.</summary>
    internal sealed class SaneDateConverter<T>(Func<T, DateOnly> day) : JsonConverter<T>
        where T : struct
    {
        private static readonly JsonConverter<T> Inner = (JsonConverter<T>)JsonSerializerOptions.Default.GetConverter(typeof(T));

        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var value = Inner.Read(ref reader, typeToConvert, options);
            if (!IsSaneDate(day(value)))
                throw new RefusedException(DateMessage());
            return value;
        }

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => Inner.Write(writer, value, options);
    }

    public static void AddConverters(JsonSerializerOptions o)
    {
        o.Converters.Add(new CleanStringConverter());
        o.Converters.Add(new SaneDateConverter<DateOnly>(d => d));
        o.Converters.Add(new SaneDateConverter<DateTimeOffset>(d => DateOnly.FromDateTime(d.UtcDateTime)));
        o.Converters.Add(new SaneDateConverter<DateTime>(DateOnly.FromDateTime));
    }

    /// <summary>The field a JSON path names: "$.items[0].name" is "items[0].name"; the whole body is "body".</summary>
    public static string FieldOf(string? path) =>
        path is null or "$" ? "body"
        : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..]
        : path.TrimStart('$');
}

/// <summary>
/// Dates bound from the query or the route (the JSON converters check those of a body) lie in the same window,
/// <see cref="InputText.MinDate"/>..<see cref="InputText.MaxDate"/>: <c>?from=0001-01-01</c> is a 400 naming <c>from</c>,
/// not a day a handler may step back from. Parameters of an <c>[AsParameters]</c> type are checked by their properties.
/// </summary>
internal static class QueryDateWindow
{
    public static EndpointFilterDelegate Create(EndpointFilterFactoryContext context, EndpointFilterDelegate next)
    {
        var checks = new List<(int Index, string Name, Func<object, object?>? Get, Func<object, DateOnly> Day)>();
        var parameters = context.MethodInfo.GetParameters();
        for (var i = 0; i < parameters.Length; i++)
        {
            var p = parameters[i];
            if (p.IsDefined(typeof(Microsoft.AspNetCore.Mvc.FromBodyAttribute), true) || p.Name is null)
                continue;
            if (DayOf(p.ParameterType) is { } day)
                checks.Add((i, NameOf(p), null, day));
            else if (p.IsDefined(typeof(AsParametersAttribute), true))
                foreach (var prop in p.ParameterType.GetProperties())
                    if (DayOf(prop.PropertyType) is { } d)
                        checks.Add((i, System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(prop.Name), prop.GetValue, d));
        }
        if (checks.Count == 0)
            return next;
        return invocation =>
        {
            Dictionary<string, string[]>? errors = null;
            foreach (var (index, name, get, day) in checks)
            {
                var value = invocation.Arguments[index];
                if (value is not null && get is not null)
                    value = get(value);
                if (value is not null && !InputText.IsSaneDate(day(value)))
                    (errors ??= [])[name] = [InputText.DateMessage()];
            }
            if (errors is not null)
                throw new ValidationException(errors);
            return next(invocation);
        };
    }

    private static string NameOf(System.Reflection.ParameterInfo p) =>
        p.GetCustomAttributes(typeof(Microsoft.AspNetCore.Mvc.FromQueryAttribute), true)
            is [Microsoft.AspNetCore.Mvc.FromQueryAttribute { Name: { } n }]
            ? n
            : p.Name!;

    private static Func<object, DateOnly>? DayOf(Type type) =>
        (Nullable.GetUnderlyingType(type) ?? type) switch
        {
            var t when t == typeof(DateOnly) => o => (DateOnly)o,
            var t when t == typeof(DateTime) => o => DateOnly.FromDateTime((DateTime)o),
            var t when t == typeof(DateTimeOffset) => o => DateOnly.FromDateTime(((DateTimeOffset)o).UtcDateTime),
            _ => null,
        };
}
