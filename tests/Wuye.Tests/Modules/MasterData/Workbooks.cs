using System.Net.Http.Headers;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Wuye.Tests.Modules.MasterData;

/// <summary>A sheet for a test workbook. A cell "=…" becomes a formula, "#123" a number cell; Merged lists ranges like "A2:A3".</summary>
public sealed record TestSheet(string Name, IReadOnlyList<string?[]> Rows, params string[] Merged);

/// <summary>Real .xlsx files as Excel writes them (shared strings, number cells, formulas, merged ranges), built with the Open XML
/// SDK.</summary>
public static class Workbooks
{
    public static byte[] Xlsx(params TestSheet[] sheets)
    {
        using var ms = new MemoryStream();
        using (var doc = SpreadsheetDocument.Create(ms, SpreadsheetDocumentType.Workbook))
        {
            var wb = doc.AddWorkbookPart();
            wb.Workbook = new Workbook();
            var list = wb.Workbook.AppendChild(new Sheets());
            var sst = wb.AddNewPart<SharedStringTablePart>();
            sst.SharedStringTable = new SharedStringTable();
            var strings = new Dictionary<string, int>();
            uint id = 1;
            foreach (var sheet in sheets)
            {
                var part = wb.AddNewPart<WorksheetPart>();
                var data = new SheetData();
                for (var r = 0; r < sheet.Rows.Count; r++)
                {
                    var row = new Row { RowIndex = (uint)(r + 1) };
                    for (var c = 0; c < sheet.Rows[r].Length; c++)
                    {
                        var v = sheet.Rows[r][c];
                        if (v is null)
                            continue;
                        var cell = new Cell { CellReference = Col(c) + (r + 1) };
                        if (v.StartsWith('='))
                        {
                            cell.CellFormula = new CellFormula(v[1..]);
                            cell.CellValue = new CellValue("0");
                        }
                        else if (v.StartsWith('#'))
                            cell.CellValue = new CellValue(v[1..]);
                        else
                        {
                            if (!strings.TryGetValue(v, out var i))
                            {
                                strings[v] = i = strings.Count;
                                sst.SharedStringTable.AppendChild(new SharedStringItem(new Text(v)));
                            }
                            cell.DataType = CellValues.SharedString;
                            cell.CellValue = new CellValue(i.ToString());
                        }
                        row.Append(cell);
                    }
                    data.Append(row);
                }
                var ws = new Worksheet(data);
                if (sheet.Merged.Length > 0)
                    ws.Append(new MergeCells(sheet.Merged.Select(m => new MergeCell { Reference = m })));
                part.Worksheet = ws;
                list.Append(
                    new Sheet
                    {
                        Id = wb.GetIdOfPart(part),
                        SheetId = id++,
                        Name = sheet.Name,
                    }
                );
            }
            wb.Workbook.Save();
        }
        return ms.ToArray();
    }

    private static string Col(int i)
    {
        var s = "";
        for (var n = i + 1; n > 0; n = (n - 1) / 26)
            s = (char)('A' + (n - 1) % 26) + s;
        return s;
    }

    public static MultipartFormDataContent Upload(byte[] content, string fileName)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue(
            fileName.EndsWith(".csv") ? "text/csv" : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        );
        form.Add(file, "file", fileName);
        return form;
    }

    public static readonly string?[] UnitHeaders =
    [
        "楼栋",
        "房号",
        "片区",
        "楼层",
        "建筑面积",
        "户型",
        "交房日期",
        "保修截止",
        "业主姓名",
        "业主手机",
        "业主身份证号",
    ];
    public static readonly string?[] ResidentHeaders =
    [
        "楼栋",
        "房号",
        "姓名",
        "身份",
        "与业主关系",
        "手机",
        "身份证号",
        "生日",
        "入住日期",
        "迁出日期",
    ];
    public static readonly string?[] ParkingHeaders = ["车位编号", "类型", "位置", "车位锁", "楼栋", "房号"];
    public static readonly string?[] AssetHeaders = ["设备编号", "名称", "类别", "楼栋", "位置", "外包单位", "安装日期", "下次检验"];

    /// <summary>A whole new community: <paramref name="buildings"/> × <paramref name="floors"/> × <paramref name="perFloor"/> units, each
    /// with an owner.</summary>
    public static string?[][] Units(int buildings, int floors, int perFloor, string prefix = "")
    {
        var rows = new List<string?[]> { UnitHeaders };
        var n = 0;
        for (var b = 1; b <= buildings; b++)
        for (var f = 1; f <= floors; f++)
        for (var u = 1; u <= perFloor; u++)
        {
            n++;
            rows.Add([
                $"{prefix}{b}幢",
                $"{f}{u:D2}",
                b % 2 == 0 ? "西区" : "东区",
                $"#{f}",
                $"#{80 + n % 60}.5",
                "三室两厅",
                "2021-06-30",
                "2023/6/30",
                $"业主{n}",
                $"13{n % 10}{n:D8}",
                null,
            ]);
        }
        return [.. rows];
    }
}
