using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Mentori.Tests.Infrastructure;

public static class Problems
{
    /// <summary>Asserts an RFC 9457 problem document with this status, and returns it for the test's own checks.</summary>
    public static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("title").GetString()));
        Assert.True(problem.TryGetProperty("type", out _));
        return problem;
    }
}
