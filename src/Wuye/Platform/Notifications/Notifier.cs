using Microsoft.EntityFrameworkCore;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Tenancy;

namespace Wuye.Platform.Notifications;

/// <summary>A templated message: its kind (see <see cref="MessageTemplates"/>), the template's arguments (an argument
/// "x.en" is used for {x} in English), the link, a dedupe key; the urgency defaults to the kind's.</summary>
public sealed record Message(
    string Kind,
    IReadOnlyDictionary<string, string> Args,
    string? Link,
    string? DedupeKey,
    MessageUrgency? Urgency = null
);

/// <summary>Queues notifications for users on every channel they can be reached on.</summary>
public sealed class Notifier(WuyeDb db, TimeProvider clock, ReferenceCache reference, ScopeAccessor scopes)
{
    /// <summary>Adds outbox rows to the caller's unit of work; the caller's SaveChanges sends them. Untemplated: goes out at
    /// once, quiet hours or not (on-duty alerts).</summary>
    public Task NotifyAsync(
        IEnumerable<Guid> userIds,
        Guid? companyId,
        string title,
        string body,
        string? link,
        string? dedupeKey,
        CancellationToken ct
    ) => QueueAsync(userIds, companyId, null, MessageUrgency.Normal, _ => (title, body), link, dedupeKey, ct);

    /// <summary>Queues a templated message, rendered in each recipient's language; held in quiet hours unless an
    /// emergency, and subject to each recipient's channel preferences (applied when sent). <paramref name="channels"/>
    /// narrows it to some channels (e.g. an arrears reminder: first in the app and by e-mail, later by SMS); null = all.</summary>
    public Task SendAsync(
        IEnumerable<Guid> userIds,
        Guid? companyId,
        Message m,
        CancellationToken ct,
        IReadOnlyCollection<NotificationChannel>? channels = null
    )
    {
        var template = MessageTemplates.Get(m.Kind);
        return QueueAsync(
            userIds,
            companyId,
            m.Kind,
            m.Urgency ?? template.Urgency,
            u => template.Render(u.Culture == "en", m.Args, u.DisplayName),
            m.Link,
            m.DedupeKey,
            ct,
            channels
        );
    }

    private async Task QueueAsync(
        IEnumerable<Guid> userIds,
        Guid? companyId,
        string? kind,
        MessageUrgency urgency,
        Func<Contact, (string Title, string Body)> text,
        string? link,
        string? dedupeKey,
        CancellationToken ct,
        IReadOnlyCollection<NotificationChannel>? channels = null
    )
    {
        // The stored key is the caller's, the recipient and the channel (about 40 more characters) within 200: a longer prefix
        // would be cut and make two recipients' keys equal, and the second would be skipped as already queued.
        if (dedupeKey is { Length: > MaxDedupeKey })
            throw new ArgumentOutOfRangeException(
                nameof(dedupeKey),
                dedupeKey.Length,
                $"A dedupe key has at most {MaxDedupeKey} characters"
            );
        var ids = userIds.Distinct().ToList();
        if (ids.Count == 0)
            return;
        // Who can be reached where, from the reference cache: the same desk is told of every new
        // request, and its phones and e-mail change far less often than requests come in.
        var users = await reference.GetAsync("contacts", string.Join(',', ids.Order()), typeof(AppUser), async () =>
            await db
                .Users.AsNoTracking()
                .Where(u => ids.Contains(u.Id))
                .Select(u => new Contact(u.Id, u.PhoneNumber, u.Email, u.DisplayName, u.Culture))
                .ToArrayAsync(ct)
        );
        var now = clock.GetUtcNow();
        var sender = scopes.Scope.UserId;
        var rows = new List<OutboxMessage>();
        foreach (var u in users)
        {
            var (title, body) = text(u);
            var group = Guid.CreateVersion7();
            void Add(NotificationChannel channel, string? address)
            {
                if (channels is null || channels.Contains(channel))
                    rows.Add(
                        new OutboxMessage
                        {
                            Channel = channel,
                            RecipientUserId = u.Id,
                            CompanyId = companyId,
                            Address = address,
                            Title = Cut(title, 200),
                            Body = Cut(body, 2000),
                            Link = link,
                            DedupeKey = dedupeKey is null ? null : Cut($"{dedupeKey}:{u.Id:N}:{channel}", 200),
                            Status = OutboxStatus.Pending,
                            NextAttemptAt = now,
                            CreatedAt = now,
                            Kind = kind,
                            Urgency = urgency,
                            GroupId = group,
                            SenderUserId = sender,
                        }
                    );
            }
            Add(NotificationChannel.InApp, null);
            if (!string.IsNullOrWhiteSpace(u.PhoneNumber))
                Add(NotificationChannel.Sms, u.PhoneNumber);
            if (!string.IsNullOrWhiteSpace(u.Email))
                Add(NotificationChannel.Email, u.Email);
        }
        if (dedupeKey is not null && rows.Count > 0)
        {
            // Dedupe means "once": a key already queued (by an earlier run that day, or earlier in this unit of work) is
            // skipped, not added to fail the caller's whole SaveChanges on the unique index. Two instances racing past
            // this check still meet the index, and the loser's unit of work rolls back as before.
            var keys = rows.Select(r => r.DedupeKey!).ToList();
            var queued = new HashSet<string>(
                await db.Set<OutboxMessage>()
                    .IgnoreQueryFilters()
                    .AsNoTracking()
                    .Where(m => keys.Contains(m.DedupeKey!))
                    .Select(m => m.DedupeKey!)
                    .ToListAsync(ct)
            );
            queued.UnionWith(
                db.ChangeTracker.Entries<OutboxMessage>()
                    .Where(e => e.State == EntityState.Added && e.Entity.DedupeKey != null)
                    .Select(e => e.Entity.DedupeKey!)
            );
            rows.RemoveAll(r => queued.Contains(r.DedupeKey!));
        }
        db.Set<OutboxMessage>().AddRange(rows);
    }

    /// <summary>
    /// Users holding a role at a project (or its company). Read past the caller's scope on
    /// purpose: an owner reporting a fault must reach customer service, whose role rows the
    /// owner may not see. A standalone query, so no other filter is switched off with it.
    /// </summary>
    public async Task<List<Guid>> UsersWithRoleAsync(string role, Guid companyId, Guid? projectId, CancellationToken ct) =>
        [
            .. await reference.GetAsync("role-holders", (role, companyId, projectId), typeof(RoleAssignment), async () =>
                await db
                    .RoleAssignments.IgnoreQueryFilters()
                    .AsNoTracking()
                    .Where(r => r.Role == role && r.CompanyId == companyId && (r.ProjectId == null || r.ProjectId == projectId))
                    .Select(r => r.UserId)
                    .Distinct()
                    .ToArrayAsync(ct)
            ),
        ];

    private sealed record Contact(Guid Id, string? PhoneNumber, string? Email, string DisplayName, string? Culture);

    public const int MaxDedupeKey = 150;

    private static string Cut(string s, int max) => s.Length <= max ? s : s[..max];
}
