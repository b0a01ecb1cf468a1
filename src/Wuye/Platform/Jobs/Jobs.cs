using Quartz;
using Wuye.Platform;
using Wuye.Platform.Tenancy;

namespace Wuye.Platform.Jobs;

/// <summary>
/// A scheduled job: runs in a DI scope of its own as the system, and logs every failure with
/// the job's name before Quartz sees it. Jobs must be idempotent (guard with database state or
/// unique keys), because two app instances each run their own RAM scheduler.
/// Tests call <see cref="RunOnceAsync"/> directly with a moved clock.
/// </summary>
public abstract class WuyeJob(IServiceScopeFactory scopes, ILogger logger) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken ct) => await RunOnceAsync(ct);

    /// <summary>One pass of the job; returns how many things it acted on.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct = default)
    {
        using var scope = scopes.CreateScope();
        scope.ServiceProvider.GetRequiredService<ScopeAccessor>().Scope = DataScope.System;
        try
        {
            var n = await RunAsync(scope.ServiceProvider, ct);
            if (n > 0)
                logger.LogInformation("Job {Job} acted on {Count} item(s)", GetType().Name, n);
            return n;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Job {Job} failed", GetType().Name);
            throw new JobExecutionException(ex);
        }
    }

    protected abstract Task<int> RunAsync(IServiceProvider services, CancellationToken ct);
}

/// <summary>A job type and how often it runs; modules register these with <see cref="JobsSetup.AddRecurringJob{T}"/>.</summary>
public sealed record RecurringJob(Type JobType, TimeSpan Interval);

public static class JobsSetup
{
    /// <summary>Quartz with the RAM store. Wuye:Jobs:AutoStart=false leaves the scheduler stopped (tests run jobs by hand).</summary>
    public static IServiceCollection AddWuyeJobs(this IServiceCollection services, IConfiguration config)
    {
        services.AddQuartz(q => q.UseInMemoryStore(_ => { }));
        services.AddQuartzHostedService(o =>
        {
            o.AutoStart = WuyeOptions.From(config).Jobs.AutoStart;
            o.WaitForJobsToComplete = true;
            o.AwaitApplicationStarted = true;
        });
        services.AddHostedService<RecurringJobScheduler>();
        return services;
    }

    public static IServiceCollection AddRecurringJob<T>(this IServiceCollection services, TimeSpan interval)
        where T : WuyeJob
    {
        services.AddTransient<T>();
        services.AddSingleton(new RecurringJob(typeof(T), interval));
        return services;
    }
}

/// <summary>Puts every registered recurring job on the scheduler at start.</summary>
internal sealed class RecurringJobScheduler(ISchedulerFactory factory, IEnumerable<RecurringJob> jobs) : IHostedService
{
    public async Task StartAsync(CancellationToken ct)
    {
        var scheduler = await factory.GetScheduler(ct);
        foreach (var job in jobs)
        {
            var detail = JobBuilder.Create().OfType(job.JobType).WithIdentity(job.JobType.Name).DisallowConcurrentExecution().Build();
            var trigger = TriggerBuilder
                .Create()
                .WithIdentity(job.JobType.Name + ".trigger")
                .StartNow()
                .WithSimpleSchedule(s => s.WithInterval(job.Interval).RepeatForever())
                .Build();
            if (!await scheduler.Exists(detail.Key, ct))
                await scheduler.ScheduleJob(detail, trigger, new ScheduleJobOptions(), ct);
        }
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
