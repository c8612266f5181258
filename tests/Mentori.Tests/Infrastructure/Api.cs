using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mentori.Data.Entities;

namespace Mentori.Tests.Infrastructure;

/// <summary>Mentori's API as a client calls it: signing up and in, sessions, messages, and paging through lists.</summary>
public static class Api
{
    public const string Password = "Corr3ct-horse";

    public static string NewEmail() => $"user-{Guid.NewGuid():N}@example.com";

    public static async Task<JsonElement> RegisterAsync(HttpClient client, string email, string role = "mentee", string password = Password)
    {
        var response = await client.PostAsJsonAsync("/api/v1/auth/register", new { email, password, role, firstName = "Ada", lastName = "Lovelace" });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.JsonAsync();
    }

    public static async Task<HttpResponseMessage> LoginAsync(HttpClient client, string email, string password = Password) =>
        await client.PostAsJsonAsync("/api/v1/auth/login", new { email, password });

    public static async Task<HttpResponseMessage> RefreshAsync(HttpClient client, string refreshToken) =>
        await client.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken });

    public static string AccessToken(JsonElement auth) => auth.GetProperty("accessToken").GetString()!;

    public static string RefreshToken(JsonElement auth) => auth.GetProperty("refreshToken").GetString()!;

    public static async Task<HttpStatusCode> MeStatusAsync(MentoriApp app, string accessToken) =>
        (await app.CreateClient().WithBearer(accessToken).GetAsync("/api/v1/me")).StatusCode;

    /// <summary>A client signed in as <paramref name="user"/> (seeded with <see cref="Api.Password"/>).</summary>
    public static async Task<HttpClient> SignInAsync(MentoriApp app, User user)
    {
        var response = await LoginAsync(app.CreateClient(), user.Email);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return app.CreateClient().WithBearer(AccessToken(await response.JsonAsync()));
    }

    /// <summary>Signs in and returns the access token (the chat hub takes it as a query parameter on WebSockets).</summary>
    public static async Task<string> TokenAsync(MentoriApp app, User user) =>
        AccessToken(await (await LoginAsync(app.CreateClient(), user.Email)).JsonAsync());

    public static Task<HttpResponseMessage> RequestAsync(HttpClient client, Guid mentorId, DateTime start, int? duration = 60, string? menteeNotes = null) =>
        client.PostAsJsonAsync("/api/v1/sessions", new { mentorId, scheduledAt = start, duration, menteeNotes });

    public static Task<HttpResponseMessage> ActAsync(HttpClient client, Guid sessionId, string action, object? body = null) =>
        body is null
            ? client.PostAsync($"/api/v1/sessions/{sessionId}/{action}", null)
            : client.PostAsJsonAsync($"/api/v1/sessions/{sessionId}/{action}", body);

    public static string Status(JsonElement session) => session.GetProperty("status").GetString()!;

    public static Task<HttpResponseMessage> SendAsync(HttpClient client, Guid receiverId, string content, Guid? sessionId = null) =>
        client.PostAsJsonAsync("/api/v1/messages", new { receiverId, content, sessionId });

    public static async Task<JsonElement> GetOkAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.JsonAsync();
    }

    public static Guid[] Ids(JsonElement page) =>
        [.. page.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("id").GetGuid())];

    /// <summary>
    /// Follows nextCursor to the end and returns every item, so a test sees the whole order exactly as a client
    /// pages through it; no page holds more than <paramref name="limit"/> items.
    /// </summary>
    public static async Task<List<JsonElement>> AllItemsAsync(HttpClient client, string path, int limit)
    {
        var items = new List<JsonElement>();
        var separator = path.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        string? cursor = null;
        do
        {
            var page = await GetOkAsync(client, $"{path}{separator}limit={limit}" + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}"));
            var pageItems = page.GetProperty("items").EnumerateArray().ToList();
            Assert.True(pageItems.Count <= limit);
            items.AddRange(pageItems);
            cursor = page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);
        return items;
    }

    /// <summary>The ids of <see cref="AllItemsAsync"/>.</summary>
    public static async Task<List<Guid>> AllPagesAsync(HttpClient client, string path, int limit) =>
        [.. (await AllItemsAsync(client, path, limit)).Select(item => item.GetProperty("id").GetGuid())];
}
