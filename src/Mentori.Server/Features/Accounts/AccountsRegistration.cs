namespace Mentori.Server.Features.Accounts;

public static class AccountsRegistration
{
    public static IServiceCollection AddAccounts(this IServiceCollection services) => services
        .AddSingleton<PasswordResetRequests>()
        .AddHostedService(provider => provider.GetRequiredService<PasswordResetRequests>())
        .AddScoped<SignInService>()
        .AddScoped<AccountService>()
        .AddScoped<AccountExport>()
        .AddScoped<EmailTokens>()
        .AddScoped<AccountEmails>();
}
