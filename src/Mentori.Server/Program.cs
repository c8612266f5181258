using Mentori.Server.Commands;
using Mentori.Server.Components;
using Mentori.Server.Features.Accounts;
using Mentori.Server.Features.Admin;
using Mentori.Server.Features.Backups;
using Mentori.Server.Features.Mentors;
using Mentori.Server.Features.Messages;
using Mentori.Server.Features.Notifications;
using Mentori.Server.Features.Profiles;
using Mentori.Server.Features.Ratings;
using Mentori.Server.Features.Sessions;
using Mentori.Server.Infrastructure.Auth;
using Mentori.Server.Infrastructure.Configuration;
using Mentori.Server.Infrastructure.Database;
using Mentori.Server.Infrastructure.Email;
using Mentori.Server.Infrastructure.Hosting;
using Mentori.Server.Infrastructure.Problems;
using Mentori.Server.Infrastructure.RateLimiting;
using Mentori.Server.Infrastructure.Redis;
using Scalar.AspNetCore;

if (AdminCommandLine.UnknownCommand(args) is { } unknown)
{
    await Console.Error.WriteLineAsync(unknown);
    return 1;
}

var command = AdminCommandLine.Parse(args);
var builder = WebApplication.CreateBuilder(command?.HostArgs ?? args);
builder.Configuration.AddSecretFiles();
builder.AddMentoriLogging();

builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddMentoriOptions(builder.Configuration);
builder.Services.AddMentoriDatabase(builder.Configuration);
builder.Services.AddMentoriDataProtection();
builder.Services.AddMentoriProblemDetails();
builder.Services.AddMentoriJson();
builder.Services.AddMentoriOpenApi();
builder.Services.AddMentoriHealthChecks();
builder.Services.AddMentoriTelemetry(builder.Configuration);
builder.Services.AddMentoriForwardedHeaders();
builder.Services.AddSecurityHeaders();
builder.WebHost.LimitRequestBodies();
builder.Services.AddMentoriAuthentication();
builder.Services.AddCookieAntiforgery();
builder.Services.AddMentoriRedis(builder.Configuration);
builder.Services.AddMentoriRateLimiting(builder.Configuration);
builder.Services.AddMentoriEmail();

builder.Services.AddCommands();
builder.Services.AddAccounts();
builder.Services.AddProfiles();
builder.Services.AddMentors();
builder.Services.AddSessions();
builder.Services.AddMessages(builder.Configuration);
builder.Services.AddRatings();
builder.Services.AddNotifications();
builder.Services.AddAdmin();
builder.Services.AddBackups();
builder.Services.AddWebUi();

var app = builder.Build();

if (command is not null)
{
    return await AdminCommandRunner.RunAsync(command, app.Services);
}

await app.PrepareDatabaseAsync();

app.UseMentoriForwardedHeaders();
app.UseSecurityHeaders();
app.UseMentoriProblemDetails();
app.UseWebUiStatusPages();
app.UseRouting(); // after the re-executing status pages, so a re-executed request is routed again
app.UseChatOriginCheck();
app.UseAuthentication();
app.UseUserLogScope();
app.UseSignedInUserCheck();
app.UseCookieAntiforgery();
app.UseRateLimiter();
app.UseAuthorization();
app.UseAntiforgery();
app.MapMentoriHealthChecks();
app.MapOpenApi();
app.MapGroup("/api/v1").MapAccounts().MapProfiles().MapMentors().MapSessions().MapMessages().MapRatings().MapNotifications().MapAdmin();
app.MapChatHub();
app.MapProfileImageFiles();
app.MapWebUi();
if (app.Environment.IsDevelopment())
{
    app.MapScalarApiReference();
}

await app.RunAsync();
return 0;

/// <summary>The entry point, visible to the tests' <c>WebApplicationFactory</c>.</summary>
public partial class Program;
