using System.Diagnostics;
using Wuye.Platform;
using Wuye.Platform.Web;

namespace Wuye.Platform.Files;

/// <summary>
/// Prints an HTML document to PDF with the headless Chromium that `./wuye run` installs (with a
/// CJK font), so reports come out as the printed page looks. Two at a time; each in its own
/// profile folder, removed afterwards. Without Chromium the caller gets a 503 that says so.
/// </summary>
public sealed class PdfRenderer(Microsoft.Extensions.Options.IOptions<WuyeOptions> options, ILogger<PdfRenderer> log)
{
    private static readonly SemaphoreSlim Gate = new(2, 2);

    public string? Chromium =>
        options.Value.Pdf.Chromium is { Length: > 0 } configured ? configured
        : Environment.GetEnvironmentVariable("WUYE_CHROMIUM") is { Length: > 0 } env ? env
        : new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome" }.FirstOrDefault(File.Exists);

    public async Task<byte[]> RenderAsync(string html, CancellationToken ct)
    {
        var chromium = Chromium;
        if (chromium is null || !File.Exists(chromium))
            throw new UnavailableException(
                "pdf.unavailable",
                "服务器没有安装 Chromium，暂时不能生成 PDF；请用页面上的“打印”另存为 PDF",
                "Chromium is not installed on the server, so no PDF can be made; use Print on the page and save as PDF"
            );
        var dir = Directory.CreateTempSubdirectory("wuye-pdf-");
        await Gate.WaitAsync(ct);
        try
        {
            var input = Path.Combine(dir.FullName, "report.html");
            var output = Path.Combine(dir.FullName, "report.pdf");
            await File.WriteAllTextAsync(input, html, ct);
            var psi = new ProcessStartInfo(chromium)
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
                UseShellExecute = false,
                ArgumentList =
                {
                    "--headless",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-dev-shm-usage",
                    "--no-first-run",
                    "--user-data-dir=" + Path.Combine(dir.FullName, "profile"),
                    "--no-pdf-header-footer",
                    "--print-to-pdf=" + output,
                    new Uri(input).AbsoluteUri,
                },
            };
            using var process = Process.Start(psi)!;
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(60));
            var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
            _ = process.StandardOutput.ReadToEndAsync(timeout.Token);
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }
            if (!File.Exists(output) || new FileInfo(output).Length == 0)
            {
                log.LogError("Chromium exited {Code} without a PDF: {Error}", process.ExitCode, await stderr);
                throw new UnavailableException(
                    "pdf.failed",
                    "生成 PDF 失败，请稍后再试，或用页面上的“打印”另存为 PDF",
                    "The PDF could not be made; try again later, or use Print on the page and save as PDF"
                );
            }
            return await File.ReadAllBytesAsync(output, ct);
        }
        finally
        {
            Gate.Release();
            try
            {
                dir.Delete(recursive: true);
            }
            catch (IOException) { } // a profile file still held: the temp folder is cleaned by the OS
        }
    }
}
