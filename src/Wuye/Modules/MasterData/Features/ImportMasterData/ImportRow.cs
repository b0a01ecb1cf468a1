using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Modules.MasterData.Domain;
using Wuye.Platform.Database;
using Wuye.Platform.Web;

namespace Wuye.Modules.MasterData.Features.ImportMasterData;

/// <summary>One data row of a sheet while it is planned: its cells by column key, its errors, what it changes.</summary>
internal sealed class ImportRow(SheetDef sheet, RawRow raw, Dictionary<string, int> columns, List<CellIssue> issues)
{
    public List<ImportError> Errors { get; } = [];

    /// <summary>Changed fields of an existing record.</summary>
    public List<string> Changes { get; } = [];

    /// <summary>Records created along the way (a building, a zone, a family member…).</summary>
    public List<string> Notes { get; } = [];
    public int Number => raw.Number;

    public string Get(string key) => columns.TryGetValue(key, out var i) && i < raw.Cells.Length ? (raw.Cells[i] ?? "").Trim() : "";

    public string Column(string key)
    {
        var def = sheet.Columns.First(c => c.Key == key);
        return columns.TryGetValue(key, out var i) ? $"{SheetReader.ColumnName(i)} {def.Label}" : def.Label;
    }

    public void Error(string key, Text message) => Errors.Add(new ImportError(Column(key), Get(key), message.ToString()));

    public void CellIssues()
    {
        foreach (var issue in issues)
            Errors.Add(new ImportError(SheetReader.ColumnName(issue.Column), issue.Value, issue.Message.ToString()));
    }

    public string Required(string key, int max)
    {
        var v = Get(key);
        if (v.Length == 0)
            Error(key, new("必填", "Required"));
        else if (v.Length > max)
            Error(key, new($"不能超过 {max} 个字", $"At most {max} characters"));
        return v;
    }

    public string? Optional(string key, int max)
    {
        var v = Get(key);
        if (v.Length > max)
            Error(key, new($"不能超过 {max} 个字", $"At most {max} characters"));
        return v.Length == 0 ? null : v;
    }

    public DateOnly? Date(string key)
    {
        var v = Get(key);
        if (v.Length == 0)
            return null;
        if (ImportSchema.TryDate(v, out var d))
            return d;
        Error(key, ImportSchema.DateHelp);
        return null;
    }

    public string? Phone(string key)
    {
        var v = Get(key).Replace(" ", "");
        if (v.StartsWith("+86"))
            v = v[3..];
        if (v.Length == 0)
            return null;
        if (Validator.IsMobileOrLandline(v))
            return v;
        Error(
            key,
            new("手机号格式不正确（11 位手机号或带区号的座机）", "Not a valid phone number (11-digit mobile or landline with area code)")
        );
        return null;
    }

    public string? IdNumber(string key)
    {
        var v = Get(key).Replace(" ", "").ToUpperInvariant();
        if (v.Length == 0)
            return null;
        if (IdNumbers.IsValid(v))
            return v;
        Error(
            key,
            v.Contains('E') || v.Contains('.')
                ? new(
                    "身份证号被 Excel 当成了数字（科学计数法），请把该列设为文本后重新填写",
                    "Excel turned the ID number into a number (scientific notation); format the column as text and re-enter it"
                )
                : new("身份证号无效（应为 18 位，且校验位正确）", "Not a valid ID number (18 characters with a correct check digit)")
        );
        return null;
    }

    public void Set<T>(string key, T current, T next, Action<T> apply)
    {
        if (EqualityComparer<T>.Default.Equals(current, next))
            return;
        apply(next);
        Changes.Add(sheet.Columns.First(c => c.Key == key).Label);
    }
}
