using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using Mentori.Data;
using Mentori.Data.Entities;
using Mentori.Server.Features.Mentors;
using Mentori.Server.Features.Messages;
using Mentori.Server.Features.Profiles;
using Mentori.Server.Features.Sessions;
using Mentori.Server.Infrastructure.Auth;
using Mentori.Server.Infrastructure.Hosting;
using Mentori.Server.Infrastructure.Pagination;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;
using Npgsql;

namespace Mentori.Bench.Ceiling;

/// <summary>
/// The ceiling of issue 15's benchmark: the hot reads of Mentori's API at the same paths, with the same SQL and the
/// same JSON (Mentori's response records and serializer settings), served by a minimal ASP.NET Core app straight
/// from an <see cref="NpgsqlDataSource"/>: prepared statements, the same connection settings, JWT bearer
/// authentication with Mentori's key, and nothing else — no ORM, no validation, no sign-in check, no problem
/// documents. Only first pages: the benchmark reads no further. One write, sending a message, is the raw insert of
/// the same row with its checks (the fields, and a session shared with the receiver) in one statement.
/// </summary>
public static class CeilingApp
{
    private const int PageSize = PageRequest.DefaultLimit;

    /// <summary>Mentori's default <c>Sessions:AnswerBeforeStart</c>: free slots begin that far ahead.</summary>
    private static readonly TimeSpan AnswerBeforeStart = new Mentori.Server.Features.Sessions.SessionRequestOptions().AnswerBeforeStart;

    public static async Task RunAsync(string connectionString, string url, string signingKey)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseUrls(url);
        var dataSource = new NpgsqlDataSourceBuilder(MentoriDbOptions.PostgresConnectionString(connectionString)).Build();
        builder.Services.AddSingleton(dataSource);
        builder.Services.ConfigureHttpJsonOptions(options => JsonRegistration.Apply(options.SerializerOptions));
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(options =>
        {
            options.MapInboundClaims = false;
            options.TokenValidationParameters = new TokenValidationParameters
            {
                ValidIssuer = "mentori",
                ValidAudience = "mentori",
                IssuerSigningKey = new SymmetricSecurityKey(System.Text.Encoding.UTF8.GetBytes(signingKey)),
                ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
                NameClaimType = MentoriClaims.UserId,
            };
        });
        builder.Services.AddAuthorization();

        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        var api = app.MapGroup("/api/v1");
        api.MapGet("/mentors", DirectoryAsync);
        api.MapGet("/mentors/{id:guid}", MentorAsync);
        api.MapGet("/mentors/{id:guid}/slots", SlotsAsync);
        api.MapGet("/sessions", SessionsAsync).RequireAuthorization();
        api.MapGet("/conversations", ConversationsAsync).RequireAuthorization();
        api.MapGet("/conversations/{userId:guid}/messages", ThreadAsync).RequireAuthorization();
        api.MapGet("/messages/unread-count", UnreadCountAsync).RequireAuthorization();
        api.MapPost("/messages", SendAsync).RequireAuthorization();
        await app.RunAsync();
    }

    private static async Task<IResult> DirectoryAsync(NpgsqlDataSource db, string? q, string? expertise, CancellationToken cancellationToken)
    {
        await using var command = db.CreateCommand(q is not null ? CeilingSql.DirectorySearch : expertise is not null ? CeilingSql.DirectoryByTopic : CeilingSql.Directory);
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = PageSize + 1 });
        if (q is not null || expertise is not null)
        {
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = q ?? JsonSerializer.Serialize(new[] { expertise!.ToLowerInvariant() }) });
        }

        var mentors = new List<(MentorSummary Mentor, string[] Key)>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var mentor = ReadMentor(reader);
                mentors.Add((mentor, q is not null
                    ? ["Relevance", reader.GetFloat(14).ToString(CultureInfo.InvariantCulture), mentor.Id.ToString()]
                    : ["Rating", reader.GetDouble(10).ToString(CultureInfo.InvariantCulture), mentor.RatingCount.ToString(CultureInfo.InvariantCulture), mentor.Id.ToString()]));
            }
        }

        var page = mentors.Take(PageSize).ToList();
        var cursor = mentors.Count > PageSize ? Cursor.Encode(page[^1].Key) : null;
        return TypedResults.Ok(new Page<MentorSummary>(page.Select(m => m.Mentor).ToList(), cursor));
    }

    private static async Task<IResult> MentorAsync(NpgsqlDataSource db, Guid id, CancellationToken cancellationToken)
    {
        await using var command = db.CreateCommand(CeilingSql.Mentor);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = id });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return TypedResults.NotFound();
        }

        var availability = reader.IsDBNull(14) ? [] : JsonSerializer.Deserialize<Dictionary<string, List<string>>>(reader.GetString(14)) ?? [];
        return TypedResults.Ok(new MentorDetail(ReadMentor(reader), availability));
    }

    private static async Task<IResult> SlotsAsync(NpgsqlDataSource db, Guid id, CancellationToken cancellationToken)
    {
        var now = DateTime.SpecifyKind(DateTime.UtcNow, DateTimeKind.Unspecified);
        var end = now + MentorSlots.DefaultWindow;
        WeeklyAvailability week;
        await using (var command = db.CreateCommand(CeilingSql.MentorWeek))
        {
            command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = id });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                return TypedResults.NotFound();
            }

            var availability = reader.IsDBNull(1) ? [] : JsonSerializer.Deserialize<Dictionary<string, List<string>>>(reader.GetString(1)) ?? [];
            week = new WeeklyAvailability(availability, WeeklyAvailability.ZoneOf(reader.IsDBNull(0) ? null : reader.GetString(0)));
        }

        var busy = new List<(DateTime Start, DateTime End)>();
        await using (var command = db.CreateCommand(CeilingSql.AcceptedSessions))
        {
            command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = id });
            command.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = end });
            command.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = now - TimeSpan.FromMinutes(SessionRules.MaxDuration) });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var start = reader.GetDateTime(0);
                busy.Add((start, SessionRules.EndOf(start, reader.GetInt32(1))));
            }
        }

        var length = TimeSpan.FromMinutes(SessionRules.DefaultDuration);
        var slots = new List<TimeSlot>();
        foreach (var (open, close) in week.Intervals(now, end))
        {
            for (var slot = open; slot + length <= close; slot += MentorSlots.Grid)
            {
                if (slot > now + AnswerBeforeStart && slot + length <= end && !busy.Any(b => SessionRules.Overlaps(slot, slot + length, b.Start, b.End)))
                {
                    slots.Add(new TimeSlot(slot, slot + length));
                }
            }
        }

        return TypedResults.Ok(new FreeSlots(week.Zone.Id, slots));
    }

    private static async Task<IResult> SessionsAsync(NpgsqlDataSource db, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        await using var command = db.CreateCommand(CeilingSql.Sessions);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = UserId(user) });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = PageSize + 1 });
        var sessions = new List<SessionResponse>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                sessions.Add(new SessionResponse(reader.GetGuid(0), Enum.Parse<Mentori.Data.Entities.SessionStatus>(reader.GetString(1), ignoreCase: true),
                    reader.IsDBNull(2) ? null : Enum.Parse<Mentori.Data.Entities.DeclineReason>(reader.GetString(2), ignoreCase: true),
                    Utc(reader.GetDateTime(3)), reader.GetInt32(4), Text(reader, 5), Text(reader, 6), Text(reader, 7), Text(reader, 8),
                    new UserSummary(reader.GetGuid(9), Text(reader, 10), Text(reader, 11), Text(reader, 12)),
                    new UserSummary(reader.GetGuid(13), Text(reader, 14), Text(reader, 15), Text(reader, 16)),
                    Utc(reader.GetDateTime(17)), Utc(reader.GetDateTime(18))));
            }
        }

        return TypedResults.Ok(new Page<SessionResponse>(sessions.Take(PageSize).ToList(),
            sessions.Count > PageSize ? Cursor.Encode(["sessions", sessions[PageSize - 1].ScheduledAt.Ticks.ToString(CultureInfo.InvariantCulture), sessions[PageSize - 1].Id.ToString()]) : null));
    }

    private static async Task<IResult> ConversationsAsync(NpgsqlDataSource db, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var me = UserId(user);
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        var last = new List<MessageResponse>();
        await using (var command = new NpgsqlCommand(CeilingSql.LastMessages, connection))
        {
            command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = me });
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = PageSize + 1 });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                last.Add(ReadMessage(reader));
            }
        }

        var page = last.Take(PageSize).ToList();
        var others = page.Select(m => m.SenderId == me ? m.ReceiverId : m.SenderId).ToArray();
        var names = new Dictionary<Guid, UserSummary>();
        await using (var command = new NpgsqlCommand(CeilingSql.Names, connection))
        {
            command.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = others });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                names[reader.GetGuid(0)] = new UserSummary(reader.GetGuid(0), Text(reader, 1), Text(reader, 2), Text(reader, 3));
            }
        }

        var unread = new Dictionary<Guid, int>();
        await using (var command = new NpgsqlCommand(CeilingSql.UnreadBySender, connection))
        {
            command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = me });
            command.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = others });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                unread[reader.GetGuid(0)] = reader.GetInt32(1);
            }
        }

        var items = page.Select((message, i) => new ConversationResponse(names.GetValueOrDefault(others[i]) ?? new UserSummary(others[i], null, null, null),
            message, unread.GetValueOrDefault(others[i]))).ToList();
        return TypedResults.Ok(new Page<ConversationResponse>(items,
            last.Count > PageSize ? Cursor.Encode(["conversations", page[^1].CreatedAt.Ticks.ToString(CultureInfo.InvariantCulture), page[^1].Id.ToString()]) : null));
    }

    private static async Task<IResult> ThreadAsync(NpgsqlDataSource db, ClaimsPrincipal user, Guid userId, CancellationToken cancellationToken)
    {
        await using var command = db.CreateCommand(CeilingSql.Thread);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = UserId(user) });
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = userId });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = PageSize + 1 });
        var messages = new List<MessageResponse>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                messages.Add(ReadMessage(reader));
            }
        }

        return TypedResults.Ok(new Page<MessageResponse>(messages.Take(PageSize).ToList(),
            messages.Count > PageSize ? Cursor.Encode(["thread", messages[PageSize - 1].CreatedAt.Ticks.ToString(CultureInfo.InvariantCulture), messages[PageSize - 1].Id.ToString()]) : null));
    }

    private static async Task<IResult> UnreadCountAsync(NpgsqlDataSource db, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        await using var command = db.CreateCommand(CeilingSql.UnreadCount);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = UserId(user) });
        return TypedResults.Ok(new UnreadCount((int)(await command.ExecuteScalarAsync(cancellationToken))!));
    }

    private static async Task<IResult> SendAsync(NpgsqlDataSource db, ClaimsPrincipal user, SendMessageRequest request, CancellationToken cancellationToken)
    {
        var me = UserId(user);
        if (request.ReceiverId is not { } receiver || receiver == me || request.Content is not { Length: > 0 and <= Message.MaxContentLength } content)
        {
            return TypedResults.BadRequest();
        }

        var message = new MessageResponse(Guid.CreateVersion7(), me, receiver, null, content, false, null, DateTime.UtcNow);
        await using var command = db.CreateCommand(CeilingSql.SendMessage);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = message.Id });
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = me });
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = receiver });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = content });
        command.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = DateTime.SpecifyKind(message.CreatedAt, DateTimeKind.Unspecified) });
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1
            ? TypedResults.Created($"/api/v1/conversations/{receiver}/messages", message)
            : TypedResults.StatusCode(StatusCodes.Status403Forbidden);
    }

    private static MentorSummary ReadMentor(NpgsqlDataReader reader)
    {
        var count = reader.GetInt32(11);
        return new MentorSummary(reader.GetGuid(0), reader.GetString(1), reader.GetString(2), Text(reader, 3), Text(reader, 4), Text(reader, 5), Text(reader, 6),
            reader.IsDBNull(7) ? [] : JsonSerializer.Deserialize<List<string>>(reader.GetString(7)) ?? [],
            reader.IsDBNull(8) ? null : decimal.Round(reader.GetDecimal(8), 2), reader.IsDBNull(9) ? null : reader.GetInt32(9),
            MentorSummary.ShownAverage(reader.GetDouble(10), count), count,
            MentorSummary.ShownRate(reader.IsDBNull(12) ? null : reader.GetDouble(12)), reader.IsDBNull(13) ? null : reader.GetInt32(13));
    }

    private static MessageResponse ReadMessage(NpgsqlDataReader reader) => new(reader.GetGuid(0), reader.GetGuid(1), reader.GetGuid(2),
        reader.IsDBNull(3) ? null : reader.GetGuid(3), reader.GetString(4), reader.GetBoolean(5),
        reader.IsDBNull(6) ? null : Utc(reader.GetDateTime(6)), Utc(reader.GetDateTime(7)));

    private static Guid UserId(ClaimsPrincipal user) => Guid.Parse(user.FindFirstValue(MentoriClaims.UserId)!);

    private static string? Text(NpgsqlDataReader reader, int column) => reader.IsDBNull(column) ? null : reader.GetString(column);

    private static DateTime Utc(DateTime stored) => DateTime.SpecifyKind(stored, DateTimeKind.Utc);
}
