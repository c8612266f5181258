using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mentori.Tests.Infrastructure;

namespace Mentori.Tests.Accounts;

/// <summary>A fresh database per test class and helpers that act as a client of the real API.</summary>
public abstract class AccountsTestBase(ITestDatabaseServer server) : IAsyncLifetime
{
    protected const string Password = "Corr3ct-horse";

    protected TestDatabase Database { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Database = await server.CreateDatabaseAsync();

    public ValueTask DisposeAsync() => Database.DisposeAsync();

    protected static string NewEmail() => $"user-{Guid.NewGuid():N}@example.com";

    protected static async Task<JsonElement> RegisterAsync(HttpClient client, string email, string role = "mentee", string password = Password)
    {
        var response = await client.PostAsJsonAsync("/api/v1/auth/register", new { email, password, role, firstName = "Ada", lastName = "Lovelace" });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.JsonAsync();
    }

    protected static async Task<HttpResponseMessage> LoginAsync(HttpClient client, string email, string password = Password) =>
        await client.PostAsJsonAsync("/api/v1/auth/login", new { email, password });

    protected static async Task<HttpResponseMessage> RefreshAsync(HttpClient client, string refreshToken) =>
        await client.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken });

    protected static string AccessToken(JsonElement auth) => auth.GetProperty("accessToken").GetString()!;

    protected static string RefreshToken(JsonElement auth) => auth.GetProperty("refreshToken").GetString()!;

    protected static async Task<HttpStatusCode> MeStatusAsync(MentoriApp app, string accessToken) =>
        (await app.CreateClient().WithBearer(accessToken).GetAsync("/api/v1/me")).StatusCode;
}
