using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Mentori.Bench;

/// <summary>What the benchmarks that drive Mentori's API share: new accounts, bearer requests and percentiles.</summary>
internal static class BenchHttp
{
    public static HttpRequestMessage Authorized(HttpMethod method, Uri uri, string token)
    {
        var request = new HttpRequestMessage(method, uri);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }

    /// <summary>Registers a new account and returns its id and access token.</summary>
    public static async Task<(Guid Id, string Token)> RegisterAsync(HttpClient http, Uri server, string email, string role)
    {
        var response = await http.PostAsJsonAsync(new Uri(server, "/api/v1/auth/register"),
            new { email, password = "Bench-Passw0rd!", role, firstName = "Bench", lastName = role });
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (body.GetProperty("user").GetProperty("id").GetGuid(), body.GetProperty("accessToken").GetString()!);
    }

    /// <summary>Marks the accounts' emails verified, as following the emailed link would: writes require it.</summary>
    public static async Task VerifyAsync(string database, params Guid[] users)
    {
        await using var connection = new Npgsql.NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("UPDATE users SET is_verified = true WHERE id = ANY($1)", connection);
        command.Parameters.Add(new Npgsql.NpgsqlParameter<Guid[]> { TypedValue = users });
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>The nearest-rank percentile of sorted values; NaN of none.</summary>
    public static double Percentile(IReadOnlyList<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}
