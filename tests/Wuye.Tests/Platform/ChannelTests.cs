using System.Net;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using netDumbster.smtp;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using Wuye.Platform.Notifications;
using static Wuye.Tests.Kit.Clocks;

namespace Wuye.Tests.Platform;

/// <summary>
/// The real channels against real local servers: e-mail through MailKit to an SMTP server started by the test
/// (netDumbster); SMS through the Aliyun-protocol gateway to an HTTP server started by the test (WireMock.Net), its
/// signature checked against the provider's documented example.
/// </summary>
public sealed class ChannelTests
{
    [Fact]
    public void The_sms_signature_and_url_match_the_providers_documented_example()
    {
        // 阿里云短信服务 "签名机制" example: AccessKeySecret testSecret, these parameters, this signature and URL.
        var p = new Dictionary<string, string>
        {
            ["AccessKeyId"] = "testId",
            ["Action"] = "SendSms",
            ["Format"] = "XML",
            ["OutId"] = "123",
            ["PhoneNumbers"] = "15300000001",
            ["RegionId"] = "cn-hangzhou",
            ["SignName"] = "阿里云短信测试专用",
            ["SignatureMethod"] = "HMAC-SHA1",
            ["SignatureNonce"] = "45e25e9b-0a6f-4070-8c85-2956eda1b466",
            ["SignatureVersion"] = "1.0",
            ["TemplateCode"] = "SMS_71390007",
            ["TemplateParam"] = "{\"customer\":\"test\"}",
            ["Timestamp"] = "2017-07-12T02:42:19Z",
            ["Version"] = "2017-05-25",
        };
        Assert.Equal("zJDF+Lrzhj/ThnlvIToysFRq6t4=", AliyunSms.Sign("testSecret", p));
        Assert.Equal(
            "http://dysmsapi.aliyuncs.com/?Signature=zJDF%2BLrzhj%2FThnlvIToysFRq6t4%3D&AccessKeyId=testId&Action=SendSms&Format=XML"
                + "&OutId=123&PhoneNumbers=15300000001&RegionId=cn-hangzhou"
                + "&SignName=%E9%98%BF%E9%87%8C%E4%BA%91%E7%9F%AD%E4%BF%A1%E6%B5%8B%E8%AF%95%E4%B8%93%E7%94%A8"
                + "&SignatureMethod=HMAC-SHA1&SignatureNonce=45e25e9b-0a6f-4070-8c85-2956eda1b466&SignatureVersion=1.0"
                + "&TemplateCode=SMS_71390007&TemplateParam=%7B%22customer%22%3A%22test%22%7D&Timestamp=2017-07-12T02%3A42%3A19Z"
                + "&Version=2017-05-25",
            AliyunSms.SignedUrl("http://dysmsapi.aliyuncs.com", "testSecret", p)
        );
        Assert.Equal("a%20b%2A~", AliyunSms.Encode("a b*~"));
    }

    private static IOptions<ChannelOptions> Options(Action<ChannelOptions> set)
    {
        var o = new ChannelOptions();
        set(o);
        return Microsoft.Extensions.Options.Options.Create(o);
    }

    [Fact]
    public async Task An_email_reaches_a_real_smtp_server()
    {
        using var server = SimpleSmtpServer.Start(FreePort());
        var mailer = new SmtpMailer(
            Options(o =>
            {
                o.Smtp.Host = "127.0.0.1";
                o.Smtp.Port = server.Configuration.Port;
                o.Smtp.Security = "None";
                o.Smtp.From = "service@wuye.test";
            })
        );
        Assert.True(mailer.Configured);
        await mailer.SendAsync(
            "owner@wuye.test",
            "【公告】电梯年检通知",
            "本周三 2号梯年检。",
            Guid.CreateVersion7(),
            CancellationToken.None
        );
        var mail = Assert.Single(server.ReceivedEmail);
        Assert.Equal("owner@wuye.test", Assert.Single(mail.ToAddresses).Address);
        Assert.Contains("2号梯年检", mail.MessageParts[0].BodyData);
        Assert.Contains("service@wuye.test", mail.FromAddress.Address);
    }

    [Fact]
    public async Task An_sms_goes_to_the_gateway_signed_and_a_refusal_is_an_error_to_retry()
    {
        using var gateway = WireMockServer.Start();
        gateway
            .Given(Request.Create().WithPath("/").WithParam("PhoneNumbers", "13800138000").UsingGet())
            .RespondWith(
                Response
                    .Create()
                    .WithStatusCode(200)
                    .WithBodyAsJson(
                        new
                        {
                            Code = "OK",
                            Message = "OK",
                            BizId = "9006197469364984^0",
                        }
                    )
            );
        gateway
            .Given(Request.Create().WithPath("/").WithParam("PhoneNumbers", "10000").UsingGet())
            .RespondWith(
                Response.Create().WithStatusCode(200).WithBodyAsJson(new { Code = "isv.MOBILE_NUMBER_ILLEGAL", Message = "非法手机号" })
            );
        var options = Options(o =>
        {
            o.Sms.Endpoint = gateway.Urls[0];
            o.Sms.AccessKeyId = "key-1";
            o.Sms.AccessKeySecret = "secret-1";
            o.Sms.SignName = "锦华物业";
            o.Sms.TemplateCode = "SMS_100";
            o.Sms.Templates["notice"] = "SMS_200";
        });
        var sms = new SmsGateway(new HttpClient(), options, At(China(2026, 12, 7, 9)));
        var id = Guid.CreateVersion7();
        Assert.Equal("9006197469364984^0", await sms.SendAsync("13800138000", "notice", "电梯年检通知", "/portal/notices/1", id, default));

        var sent = Assert.Single(gateway.LogEntries).RequestMessage;
        var query = QueryHelpers.ParseQuery(new Uri(sent.AbsoluteUrl).Query).ToDictionary(q => q.Key, q => q.Value.ToString());
        Assert.Equal("SMS_200", query["TemplateCode"]);
        Assert.Equal("锦华物业", query["SignName"]);
        Assert.Equal(id.ToString("N"), query["OutId"]);
        Assert.Equal("2026-12-07T01:00:00Z", query["Timestamp"]);
        Assert.Contains("电梯年检通知", query["TemplateParam"]);
        var signature = query["Signature"];
        query.Remove("Signature");
        Assert.Equal(AliyunSms.Sign("secret-1", query), signature);

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            sms.SendAsync("10000", null, "t", null, Guid.CreateVersion7(), default)
        );
        Assert.Contains("isv.MOBILE_NUMBER_ILLEGAL", refused.Message);
    }

    internal static int FreePort() => Wuye.Tests.Kit.TestCluster.FreePort();
}
