using System.Text.RegularExpressions;
using Bob.Silo;
using Bob.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Bob.Web.Tests.Hardening;

/// <summary>The one-time admin password reaches the operator's terminal and nothing else: no log record carries it.</summary>
public sealed partial class AdminPasswordTests(AdminPasswordTests.GeneratedAdminApp app) : IClassFixture<AdminPasswordTests.GeneratedAdminApp>
{
    [Fact]
    public async Task The_generated_admin_password_is_printed_to_the_terminal_and_never_logged()
    {
        var printed = PasswordLine().Match(app.Terminal.Text);
        Assert.True(printed.Success, $"no password on the terminal: {app.Terminal.Text}");
        var password = printed.Groups[1].Value;

        var login = await app.LoginAsync(BobWebApp.AdminEmail, password);

        Assert.Equal("platform_admin", login["user"]!["role"]!.GetValue<string>());
        Assert.NotEmpty(app.Logs.Records);
        Assert.DoesNotContain(app.Logs.Records, record => record.Contains(password, StringComparison.Ordinal));
        Assert.Contains(app.Logs.Records, record => record.Contains("Platform admin created", StringComparison.Ordinal));
    }

    [GeneratedRegex(@"password:\s+(\S+)")]
    private static partial Regex PasswordLine();

    /// <summary>A node started without <c>Bob:Admin:Password</c>, whose terminal and logs are captured.</summary>
    public sealed class GeneratedAdminApp : BobWebApp
    {
        public CapturedLogs Logs { get; } = new();

        public CapturedTerminal Terminal { get; } = new();

        protected override IReadOnlyDictionary<string, string?> Overrides => new Dictionary<string, string?> { ["Bob:Admin:Password"] = "" };

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureLogging(logging => logging.AddProvider(Logs).SetMinimumLevel(LogLevel.Trace));
            builder.ConfigureServices(services => services.AddSingleton<OperatorConsole>(Terminal));
        }
    }

    public sealed class CapturedTerminal : OperatorConsole
    {
        private readonly System.Text.StringBuilder _text = new();

        public string Text
        {
            get
            {
                lock (_text)
                {
                    return _text.ToString();
                }
            }
        }

        public override void Write(string text)
        {
            lock (_text)
            {
                _text.Append(text);
            }
        }
    }
}
