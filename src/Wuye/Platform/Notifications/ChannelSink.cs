namespace Wuye.Platform.Notifications;

/// <summary>
/// Routes each outbox message to its channel: in-app to the notification centre; e-mail to the SMTP server and SMS to the
/// gateway when they are set in the settings, else to the simulated sinks (so the app runs offline).
/// </summary>
internal sealed class ChannelSink(SimulatedSink simulated, SmtpMailer mailer, SmsGateway sms) : INotificationSink
{
    public async Task DeliverAsync(Database.WuyeDb db, OutboxMessage m, DateTimeOffset now, CancellationToken ct)
    {
        switch (m.Channel)
        {
            case NotificationChannel.Email when mailer.Configured:
                if (m.Address is null || !m.Address.Contains('@'))
                    throw new InvalidOperationException($"mail server refused address '{m.Address}'");
                await mailer.SendAsync(m.Address, m.Title, Text(m), m.Id, ct);
                break;
            case NotificationChannel.Sms when sms.Configured:
                if (m.Address is null)
                    throw new InvalidOperationException("SMS without a number");
                m.ProviderRef = await sms.SendAsync(m.Address, m.Kind, m.Title, m.Link, m.Id, ct);
                break;
            default:
                await simulated.DeliverAsync(db, m, now, ct);
                break;
        }
    }

    private static string Text(OutboxMessage m) => m.Link is null ? m.Body : $"{m.Body}\n\n{m.Link}";
}
