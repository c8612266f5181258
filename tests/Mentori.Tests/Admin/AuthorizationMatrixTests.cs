using System.Net;
using System.Text.RegularExpressions;
using Mentori.Data.Entities;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Mentori.Tests.Admin;

/// <summary>
/// Who may call what, for every route of the application as the endpoint data source lists it: a route added later
/// without a row here fails the test. Each route is called by anonymous, a stranger mentee, a stranger mentor, the
/// session's mentee and mentor, and an admin; the test asserts the authorization outcome (401, 403, 404 for what one
/// may not see, or anything else: a body of <c>{}</c> may well be a 400, which is not the point here).
/// </summary>
public abstract partial class AuthorizationMatrixTests(ITestDatabaseServer server) : DatabaseTest(server)
{
    private enum Access
    {
        Anyone,
        User,
        Mentee,
        Admin,
        Participant,
        ParticipantOrAdmin,
        SessionMentor,
    }

    private enum Actor
    {
        Anonymous,
        StrangerMentee,
        StrangerMentor,
        ParticipantMentee,
        ParticipantMentor,
        Admin,
    }

    private static readonly Dictionary<string, Access> Routes = new()
    {
        ["POST /api/v1/auth/register"] = Access.Anyone,
        ["POST /api/v1/auth/login"] = Access.Anyone,
        ["GET /api/v1/auth/antiforgery"] = Access.Anyone,
        ["POST /api/v1/auth/refresh"] = Access.Anyone,
        ["POST /api/v1/auth/logout"] = Access.User,
        ["POST /api/v1/auth/verify-email"] = Access.Anyone,
        ["POST /api/v1/auth/resend-verification"] = Access.User,
        ["POST /api/v1/auth/forgot-password"] = Access.Anyone,
        ["POST /api/v1/auth/reset-password"] = Access.Anyone,
        ["GET /api/v1/me"] = Access.User,
        ["PUT /api/v1/me/password"] = Access.User,
        ["GET /api/v1/me/export"] = Access.User,
        ["DELETE /api/v1/me"] = Access.User,
        ["GET /api/v1/me/profile"] = Access.User,
        ["PUT /api/v1/me/profile"] = Access.User,
        ["PUT /api/v1/me/profile/image"] = Access.User,
        ["DELETE /api/v1/me/profile/image"] = Access.User,
        ["GET /api/v1/me/notifications"] = Access.User,
        ["PUT /api/v1/me/notifications"] = Access.User,
        ["GET /api/v1/mentors"] = Access.Anyone,
        ["GET /api/v1/mentors/recommended"] = Access.Mentee,
        ["GET /api/v1/mentors/{id}"] = Access.Anyone,
        ["GET /api/v1/mentors/{id}/slots"] = Access.User,
        ["POST /api/v1/sessions"] = Access.Mentee,
        ["GET /api/v1/sessions"] = Access.User,
        ["GET /api/v1/sessions/{id}"] = Access.ParticipantOrAdmin,
        ["POST /api/v1/sessions/{id}/accept"] = Access.SessionMentor,
        ["POST /api/v1/sessions/{id}/decline"] = Access.SessionMentor,
        ["POST /api/v1/sessions/{id}/cancel"] = Access.Participant,
        ["POST /api/v1/sessions/{id}/complete"] = Access.SessionMentor,
        ["PATCH /api/v1/sessions/{id}/notes"] = Access.Participant,
        ["GET /api/v1/sessions/{id}/calendar.ics"] = Access.Participant,
        ["POST /api/v1/sessions/{id}/rating"] = Access.Participant,
        ["GET /api/v1/users/{id}/ratings"] = Access.Anyone,
        ["POST /api/v1/messages"] = Access.User,
        ["GET /api/v1/messages/unread-count"] = Access.User,
        ["GET /api/v1/conversations"] = Access.User,
        ["GET /api/v1/conversations/{userId}/messages"] = Access.User,
        ["POST /api/v1/conversations/{userId}/read"] = Access.User,
        ["GET /api/v1/admin/users"] = Access.Admin,
        ["PATCH /api/v1/admin/users/{id}"] = Access.Admin,
        ["GET /api/v1/admin/stats"] = Access.Admin,
        ["GET /api/v1/admin/audit"] = Access.Admin,
        ["GET /api/v1/admin/emails"] = Access.Admin,
        ["POST /api/v1/admin/emails/{id}/retry"] = Access.Admin,
    };

    [Fact(Timeout = 300_000)]
    public async Task Every_route_answers_each_kind_of_caller_as_the_contract_says()
    {
        var participantMentor = await Database.SeedUserAsync(UserRole.Mentor);
        var participantMentee = await Database.SeedUserAsync(UserRole.Mentee);
        var users = new Dictionary<Actor, User>
        {
            [Actor.StrangerMentee] = await Database.SeedUserAsync(UserRole.Mentee),
            [Actor.StrangerMentor] = await Database.SeedUserAsync(UserRole.Mentor),
            [Actor.ParticipantMentee] = participantMentee,
            [Actor.ParticipantMentor] = participantMentor,
            [Actor.Admin] = await Database.SeedUserAsync(UserRole.Admin),
        };
        var session = await Database.SeedSessionAsync(participantMentor, participantMentee, TestData.NextYearAt(10), SessionStatus.Accepted);
        var failedEmail = (await Database.SeedAsync(new OutboxEmail { Recipient = "someone@example.com", Subject = "Hello", Status = OutboxEmailStatus.Failed, Attempts = 12 }))[0];
        await using var app = new MentoriApp(Database);

        var routes = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(endpoint => endpoint.RoutePattern.RawText?.StartsWith("/api/", StringComparison.Ordinal) == true)
            .SelectMany(endpoint => endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()!.HttpMethods
                .Select(method => $"{method} {Constraints().Replace(endpoint.RoutePattern.RawText!.TrimEnd('/'), "{$1}")}"))
            .ToList();
        Assert.Empty(routes.Except(Routes.Keys).Order());
        Assert.Empty(Routes.Keys.Except(routes).Order());

        // One sign-in per caller: with bodies of {} no route but logout ends a sign-in, and logout comes last.
        var clients = new Dictionary<Actor, HttpClient> { [Actor.Anonymous] = app.CreateClient() };
        foreach (var (actor, user) in users)
        {
            clients[actor] = await SignInAsync(app, user);
        }

        var failures = new List<string>();
        foreach (var route in routes.OrderBy(r => r.Contains("logout", StringComparison.Ordinal)))
        {
            var (method, pattern) = (route.Split(' ')[0], route.Split(' ')[1]);
            var path = pattern.Replace("/sessions/{id}", $"/sessions/{session.Id}", StringComparison.Ordinal)
                .Replace("/mentors/{id}", $"/mentors/{participantMentor.Id}", StringComparison.Ordinal)
                .Replace("/users/{id}/ratings", $"/users/{participantMentor.Id}/ratings", StringComparison.Ordinal)
                .Replace("/admin/users/{id}", $"/admin/users/{users[Actor.StrangerMentee].Id}", StringComparison.Ordinal)
                .Replace("/admin/emails/{id}", $"/admin/emails/{failedEmail.Id}", StringComparison.Ordinal)
                .Replace("{userId}", participantMentor.Id.ToString(), StringComparison.Ordinal);
            foreach (var actor in Enum.GetValues<Actor>())
            {
                var client = clients[actor];
                using var request = new HttpRequestMessage(new HttpMethod(method), path);
                if (pattern.EndsWith("/image", StringComparison.Ordinal) && method == "PUT")
                {
                    // The upload route is matched by content type (routing answers 415 to JSON before anything else).
                    request.Content = new MultipartFormDataContent { { new ByteArrayContent([1, 2, 3]), "file", "a.png" } };
                }
                else if (method is "POST" or "PUT" or "PATCH" or "DELETE")
                {
                    request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
                }

                var status = (await client.SendAsync(request, TestContext.Current.CancellationToken)).StatusCode;
                var expected = Expected(Routes[route], actor, method, pattern);
                if (!expected.Allows(status))
                {
                    failures.Add($"{route} as {actor}: {(int)status}, expected {expected}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private sealed record Outcome(HttpStatusCode? Exactly)
    {
        public static readonly Outcome Allowed = new((HttpStatusCode?)null);

        public bool Allows(HttpStatusCode status) => Exactly is { } exactly
            ? status == exactly
            : status is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.NotFound) && (int)status < 500;

        public override string ToString() => Exactly is { } exactly ? ((int)exactly).ToString(System.Globalization.CultureInfo.InvariantCulture) : "neither 401, 403, 404 nor 5xx";
    }

    private static Outcome Expected(Access access, Actor actor, string method, string pattern)
    {
        if (actor == Actor.Anonymous)
        {
            return access == Access.Anyone ? Outcome.Allowed : new Outcome(HttpStatusCode.Unauthorized);
        }

        var mentee = actor is Actor.StrangerMentee or Actor.ParticipantMentee;
        var participant = actor is Actor.ParticipantMentee or Actor.ParticipantMentor;
        return access switch
        {
            Access.Anyone or Access.User => Outcome.Allowed,
            Access.Mentee => mentee ? Outcome.Allowed : new Outcome(HttpStatusCode.Forbidden),
            Access.Admin => actor == Actor.Admin ? Outcome.Allowed : new Outcome(HttpStatusCode.Forbidden),
            Access.ParticipantOrAdmin => participant || actor == Actor.Admin ? Outcome.Allowed : new Outcome(HttpStatusCode.NotFound),
            Access.Participant => participant ? Outcome.Allowed : new Outcome(HttpStatusCode.NotFound),
            Access.SessionMentor => actor == Actor.ParticipantMentor ? Outcome.Allowed
                : actor == Actor.ParticipantMentee ? new Outcome(HttpStatusCode.Forbidden)
                : new Outcome(HttpStatusCode.NotFound),
            _ => throw new ArgumentOutOfRangeException(nameof(access), $"{method} {pattern}"),
        };
    }

    [GeneratedRegex("{([^}:]+):[^}]+}")]
    private static partial Regex Constraints();
}

public sealed class AuthorizationMatrixOnPostgres(PostgresServer server) : AuthorizationMatrixTests(server);

public sealed class AuthorizationMatrixOnSqlite(SqliteFiles server) : AuthorizationMatrixTests(server);
