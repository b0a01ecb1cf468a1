using Npgsql;
using Wuye.Platform.Web;

namespace Wuye.Modules.WorkOrders.Data;

/// <summary>
/// Request numbers people quote on the phone: a prefix, the China date and a number from one
/// database sequence, so no two are ever alike (a unique index on company + number backs it).
/// The sequence steps by <see cref="Block"/> and each app instance hands its block out from
/// memory: one round trip per hundred requests, not one per request.
/// </summary>
internal sealed class RequestNumbers(NpgsqlDataSource db)
{
    public const int Block = 100;
    public const string Sequence = "service_request_number_seq";
    private readonly SemaphoreSlim _gate = new(1, 1);
    private long _next,
        _end;

    public async ValueTask<string> NextAsync(DateTimeOffset at, string prefix, CancellationToken ct)
    {
        long n;
        await _gate.WaitAsync(ct);
        try
        {
            if (_next >= _end)
            {
                await using var cmd = db.CreateCommand($"select nextval('{WorkOrdersModel.Schema}.{Sequence}')");
                _next = (long)(await cmd.ExecuteScalarAsync(ct))!;
                _end = _next + Block;
            }
            n = _next++;
        }
        finally
        {
            _gate.Release();
        }
        return prefix + ChinaTime.ToChina(at).ToString("yyMMdd") + n.ToString("D6");
    }
}
