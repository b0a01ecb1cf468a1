using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Wuye.Platform.Notifications;

/// <summary>Sends one e-mail through the SMTP server in the settings (MailKit); throws when the server refuses it.</summary>
public sealed class SmtpMailer(Microsoft.Extensions.Options.IOptions<ChannelOptions> options)
{
    public bool Configured => !string.IsNullOrWhiteSpace(options.Value.Smtp.Host);

    public async Task SendAsync(string to, string subject, string text, Guid messageId, CancellationToken ct)
    {
        var o = options.Value.Smtp;
        var mail = new MimeMessage { Subject = subject, MessageId = $"{messageId:N}@wuye" };
        mail.From.Add(new MailboxAddress(o.FromName, o.From));
        mail.To.Add(MailboxAddress.Parse(to));
        mail.Body = new TextPart("plain") { Text = text };
        using var client = new SmtpClient { Timeout = o.TimeoutSeconds * 1000 };
        var security = o.Security switch
        {
            "None" => SecureSocketOptions.None,
            "Tls" => SecureSocketOptions.SslOnConnect,
            _ => SecureSocketOptions.StartTlsWhenAvailable,
        };
        await client.ConnectAsync(o.Host!, o.Port, security, ct);
        if (!string.IsNullOrEmpty(o.User))
            await client.AuthenticateAsync(o.User, o.Password ?? "", ct);
        await client.SendAsync(mail, ct);
        await client.DisconnectAsync(true, ct);
    }
}
