using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Mentori.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Mentori.Tests.Fuzzing;

/// <summary>
/// Generated requests to every operation of the OpenAPI description, as a mentee, a mentor, an admin and no one, over
/// a world of sessions in every state: none is answered 5xx, no answer shows a stack trace or an internal name, every
/// refusal is a problem document, every status is one the description gives the operation, and afterwards the
/// database's rules hold (no overlapping accepted sessions, ratings that match their summaries and sessions, stored
/// text that is text). Each operation with input gets
/// <c>MENTORI_FUZZ_REQUESTS</c> requests (200 in the suite; <c>bash bench/fuzz.sh</c> sends 10 000), from the seed
/// <c>MENTORI_FUZZ_SEED</c> or a new one, printed on failure to replay it.
/// </summary>
public abstract partial class FuzzTests(ITestDatabaseServer server) : DatabaseTest(server)
{
    private const int WithoutInput = 20;
    private const int FailuresShown = 12;

    private static int RequestsPerOperation =>
        int.TryParse(Environment.GetEnvironmentVariable("MENTORI_FUZZ_REQUESTS"), CultureInfo.InvariantCulture, out var n) ? n : 200;

    [Fact(Timeout = 3_600_000)]
    public async Task Generated_requests_get_no_5xx_leak_nothing_and_leave_the_rules_of_the_database_whole()
    {
        var cancel = TestContext.Current.CancellationToken;
        var seed = int.TryParse(Environment.GetEnvironmentVariable("MENTORI_FUZZ_SEED"), CultureInfo.InvariantCulture, out var fixedSeed)
            ? fixedSeed : Random.Shared.Next();
        var random = new Random(seed);
        var world = await FuzzWorld.SeedAsync(Database);
        await using var app = new MentoriApp(Database);
        using var openApi = JsonDocument.Parse(await app.CreateClient().GetStringAsync("/openapi/v1.json", cancel));
        var schemas = openApi.RootElement.GetProperty("components").GetProperty("schemas");
        var targets = FuzzTarget.AllOf(openApi);
        Assert.Contains(targets, t => t.Name == "POST /api/v1/sessions"); // the document was read

        var failures = new List<string>();
        var report = new List<(FuzzTarget Target, int Sent, Dictionary<int, int> Statuses)>();
        foreach (var target in targets)
        {
            var pool = target.Path.StartsWith("/api/v1/admin/users/", StringComparison.Ordinal) ? world.OthersIds : world.Ids;
            var input = new HostileInput(random, schemas, () => pool[random.Next(pool.Count)]);
            // Signed in afresh for each operation: an access token lasts 15 minutes, and a request may have signed its
            // sender out (logout) or an anonymous client in (a cookie).
            HttpClient[] callers =
            [
                await SignInAsync(app, world.Mentee), await SignInAsync(app, world.Mentor), await SignInAsync(app, world.Admin), app.CreateClient(),
            ];
            var statuses = new Dictionary<int, int>();
            var count = target.HasInput ? RequestsPerOperation : WithoutInput;
            FuzzRequest? previous = null;
            for (var i = 0; i < count; i++)
            {
                input.NextRequest();
                // One in ten is the one before, sent again by the same caller, as a client retries.
                var sent = previous is not null && random.Next(10) == 0
                    ? previous
                    : await FuzzRequest.OfAsync(Build(target, input, random), random.Next(callers.Length), cancel);
                previous = sent;
                using var request = sent.ToMessage();
                using var response = await callers[sent.Caller].SendAsync(request, cancel);
                var answer = await response.Content.ReadAsStringAsync(cancel);
                var status = (int)response.StatusCode;
                statuses[status] = statuses.GetValueOrDefault(status) + 1;
                if (Problem(target, response, answer) is { } problem && failures.Count < FailuresShown)
                {
                    failures.Add($"{problem}: {sent} → {status} {Shorten(answer)}");
                }

                if (status == 201)
                {
                    using var stored = JsonDocument.Parse(answer);
                    if (stored.RootElement.TryGetProperty("id", out var id) && id.TryGetGuid(out var created))
                    {
                        world.Ids.Add(created);
                    }
                }
            }

            report.Add((target, count, statuses));
            Array.ForEach(callers, caller => caller.Dispose());
        }

        failures.AddRange(await FuzzInvariants.BrokenAsync(Database, cancel));
        await WriteReportAsync(report, seed);
        Assert.True(failures.Count == 0, $"seed {seed} (MENTORI_FUZZ_SEED replays it):\n" + string.Join('\n', failures));
    }

    private static HttpRequestMessage Build(FuzzTarget target, HostileInput input, Random random)
    {
        var path = PathParameter().Replace(target.Path, _ => input.PathValue()) + input.Query(target.Parameters);
        var request = new HttpRequestMessage(new HttpMethod(target.Method), path);
        if (target.MultipartBody)
        {
            var form = new MultipartFormDataContent();
            var file = new ByteArrayContent(input.Upload());
            file.Headers.ContentType = new MediaTypeHeaderValue(input.Pick(["image/png", "image/jpeg", "text/html", "application/octet-stream"]));
            form.Add(file, input.MayBreak(8) ? "photo" : "file", input.FileName());
            request.Content = form;
        }
        else if (target.JsonBody is { } schema && !input.MayBreak(15)) // now and then a write comes without its body
        {
            var bytes = input.MayBreak(40) ? [0x7B, 0x22, 0x61, 0x22, 0x3A, 0x22, 0xC3, 0x28, 0x22, 0x7D] : Encoding.UTF8.GetBytes(input.Body(schema));
            request.Content = new ByteArrayContent(bytes);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(input.MayBreak(4)
                ? input.Pick(["text/plain", "application/x-www-form-urlencoded", "application/json; charset=iso-8859-1"])
                : "application/json");
        }

        return request;
    }

    /// <summary>
    /// What is wrong with an answer, or null: a 5xx, an internal name or a trace, a refusal that is no problem document,
    /// a status the OpenAPI description does not give the operation.
    /// </summary>
    private static string? Problem(FuzzTarget target, HttpResponseMessage response, string answer)
    {
        var status = (int)response.StatusCode;
        if (status >= 500)
        {
            return "5xx";
        }

        if (!target.Declares(status))
        {
            return "a status the description does not declare";
        }

        if (status >= 300 && Internals().IsMatch(answer))
        {
            return "internals shown";
        }

        return status is >= 400 and < 500 && response.Content.Headers.ContentType?.MediaType != "application/problem+json"
            ? "refusal without a problem document"
            : null;
    }

    public static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + $"… ({text.Length} characters)";

    private static async Task WriteReportAsync(List<(FuzzTarget Target, int Sent, Dictionary<int, int> Statuses)> report, int seed)
    {
        if (Environment.GetEnvironmentVariable("MENTORI_FUZZ_REPORT") is not { Length: > 0 } file)
        {
            return;
        }

        var lines = new List<string> { $"seed {seed}", "", "| operation | requests | answers |", "|---|---|---|" };
        lines.AddRange(report.Select(r => string.Create(CultureInfo.InvariantCulture,
            $"| `{r.Target.Name}` | {r.Sent} | {string.Join(", ", r.Statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}: {s.Value}"))} |")));
        lines.Add(string.Create(CultureInfo.InvariantCulture, $"| all | {report.Sum(r => r.Sent)} | 5xx: {report.Sum(r => r.Statuses.Where(s => s.Key >= 500).Sum(s => s.Value))} |"));
        await File.WriteAllLinesAsync(file, lines);
    }

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex PathParameter();

    /// <summary>What only the server's insides say: exception and framework names, stack frames, source files, server paths.</summary>
    [GeneratedRegex(@"Exception\b|\bat [A-Z][\w.]+\(|Npgsql|Sqlite|EntityFramework|Microsoft\.|System\.|\.cs:line|/work/|/tmp/|/home/|\bSELECT\b|\bINSERT\b")]
    private static partial Regex Internals();
}

public sealed class FuzzOnPostgres(PostgresServer server) : FuzzTests(server);

public sealed class FuzzOnSqlite(SqliteFiles server) : FuzzTests(server);
