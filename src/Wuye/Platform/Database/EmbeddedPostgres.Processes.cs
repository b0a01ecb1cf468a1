using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Wuye.Platform.Database;

/// <summary>The server's processes: starting one, reading what it said, ending what a dead one left.</summary>
public sealed partial class EmbeddedPostgres
{
    private static Process Launch(ProcessStartInfo psi, string logFile, out long logFrom)
    {
        logFrom = File.Exists(logFile) ? new FileInfo(logFile).Length : 0;
        return Process.Start(psi) ?? throw new InvalidOperationException("Could not start postgres");
    }

    /// <summary>What the server wrote to its log from <paramref name="from"/> on (its last 2,000 characters).</summary>
    private static string LogSince(string logFile, long from)
    {
        try
        {
            using var f = new FileStream(logFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            f.Seek(Math.Min(from, f.Length), SeekOrigin.Begin);
            var text = new StreamReader(f).ReadToEnd();
            return text.Length > 2000 ? text[^2000..] : text;
        }
        catch (IOException)
        {
            return "";
        }
    }

    /// <summary>
    /// After the postmaster died (kill -9), its backends end by themselves once they notice, but until then they hold its shared
    /// memory and a new server refuses to start. Every backend's working folder is the data folder: wait up to 3 s for those
    /// to go, then kill what is left (nothing of theirs is needed: the new server replays the WAL).
    /// </summary>
    private async Task EndLeftoverBackendsAsync(CancellationToken ct)
    {
        const int SIGKILL = 9;
        var sw = Stopwatch.StartNew();
        while (LeftoverBackends() is { Count: > 0 } left)
        {
            if (sw.Elapsed > TimeSpan.FromSeconds(3))
            {
                _log.LogWarning("Backends of a dead PostgreSQL still run after 3 s ({Pids}); killing them", string.Join(", ", left));
                foreach (var pid in left)
                    kill(pid, SIGKILL);
                if (sw.Elapsed > TimeSpan.FromSeconds(8))
                    return;
            }
            await Task.Delay(50, ct);
        }
    }

    private List<int> LeftoverBackends()
    {
        var found = new List<int>();
        if (!Directory.Exists("/proc") || ReadPostmasterPid() is { } live && IsPostgres(live))
            return found; // a running server's backends are its own
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid) || !IsPostgres(pid))
                continue;
            try
            {
                if (new DirectoryInfo(Path.Combine(dir, "cwd")).LinkTarget is { } cwd && Path.TrimEndingDirectorySeparator(cwd) == DataDir)
                    found.Add(pid);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        }
        return found;
    }

    /// <summary>The file descriptors of this process.</summary>
    public static partial class Descriptors
    {
        private const int F_GETFD = 1,
            F_SETFD = 2,
            FD_CLOEXEC = 1;

        /// <summary>
        /// Marks every descriptor above stderr close-on-exec, so no program this process starts (PostgreSQL, the app under
        /// test) inherits one. .NET opens its own that way; the ones to catch are inherited, e.g. the lock file's of
        /// <c>flock /tmp/wuye-build.lock dotnet test</c>, which a PostgreSQL outliving a killed test run kept locked.
        /// </summary>
        public static void CloseInheritedOnExec()
        {
            if (!OperatingSystem.IsLinux() || !Directory.Exists("/proc/self/fd"))
                return;
            foreach (var entry in Directory.GetFileSystemEntries("/proc/self/fd"))
                if (int.TryParse(Path.GetFileName(entry), out var fd) && fd > 2 && fcntl(fd, F_GETFD, 0) is var flags and >= 0)
                    if ((flags & FD_CLOEXEC) == 0)
                        fcntl(fd, F_SETFD, flags | FD_CLOEXEC);
        }

        [LibraryImport("libc", SetLastError = true)]
        private static partial int fcntl(int fd, int cmd, int arg);
    }
}
