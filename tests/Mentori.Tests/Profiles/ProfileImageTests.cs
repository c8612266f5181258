using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Mentori.Server.Features.Profiles;
using Mentori.Tests.Host;
using Microsoft.Extensions.DependencyInjection;

namespace Mentori.Tests.Profiles;

public abstract class ProfileImageTests(ITestDatabaseServer server) : DatabaseTest(server)
{
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, .. new byte[200]];
    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF, 0xE0, .. new byte[200]];
    private static readonly byte[] WebP = [.. "RIFF"u8, 0, 0, 0, 0, .. "WEBP"u8, .. new byte[200]];

    [Theory]
    [InlineData("png", "image/png")]
    [InlineData("jpeg", "image/jpeg")]
    [InlineData("webp", "image/webp")]
    public async Task An_image_is_recognised_by_its_bytes_stored_and_served_with_its_own_type(string kind, string contentType)
    {
        await using var app = new MentoriApp(Database);
        var me = await SignedInWithProfileAsync(app);
        var bytes = kind switch { "png" => Png, "jpeg" => Jpeg, _ => WebP };

        var response = await me.PutAsync("/api/v1/me/profile/image", Upload(bytes, "holiday.txt", "text/plain"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var url = (await response.JsonAsync()).GetProperty("profileImage").GetString()!;
        Assert.StartsWith("/media/profile-images/", url);
        var served = await app.CreateClient().GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal(contentType, served.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", served.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal(bytes, await served.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task A_file_that_only_claims_to_be_an_image_is_refused()
    {
        await using var app = new MentoriApp(Database);
        var me = await SignedInWithProfileAsync(app);

        var response = await me.PutAsync("/api/v1/me/profile/image", Upload("<svg onload=alert(1)>"u8.ToArray(), "photo.png", "image/png"));

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("file", out _));
        Assert.Equal(JsonValueKindNull, (await (await me.GetAsync("/api/v1/me/profile")).JsonAsync()).GetProperty("profileImage").ValueKind);
    }

    [Fact]
    public async Task An_image_of_2_mb_is_taken_and_a_larger_one_is_a_413_on_a_real_kestrel_server()
    {
        await using var app = new MentoriApp(Database);
        app.UseKestrel(0);
        app.StartServer();
        var me = await SignedInWithProfileAsync(app);
        byte[] large = [.. Png, .. new byte[2 * 1024 * 1024]];
        byte[] fine = [.. Png, .. new byte[(2 * 1024 * 1024) - Png.Length]];

        var refused = await me.PutAsync("/api/v1/me/profile/image", Upload(large, "big.png", "image/png"));
        var accepted = await me.PutAsync("/api/v1/me/profile/image", Upload(fine, "fine.png", "image/png"));

        await AssertProblemAsync(refused, HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
    }

    [Fact]
    public async Task Replacing_or_removing_the_image_deletes_the_stored_copy()
    {
        await using var app = new MentoriApp(Database);
        var me = await SignedInWithProfileAsync(app);
        var first = (await (await me.PutAsync("/api/v1/me/profile/image", Upload(Png, "a.png", "image/png"))).JsonAsync()).GetProperty("profileImage").GetString()!;
        var second = (await (await me.PutAsync("/api/v1/me/profile/image", Upload(Jpeg, "b.jpg", "image/jpeg"))).JsonAsync()).GetProperty("profileImage").GetString()!;

        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient().GetAsync(first)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await me.DeleteAsync("/api/v1/me/profile/image")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient().GetAsync(second)).StatusCode);
        Assert.Equal(JsonValueKindNull, (await (await me.GetAsync("/api/v1/me/profile")).JsonAsync()).GetProperty("profileImage").ValueKind);
    }

    [Fact]
    public async Task Editing_the_profile_keeps_the_stored_photo_and_clearing_it_deletes_the_copy()
    {
        await using var app = new MentoriApp(Database);
        var me = await SignedInWithProfileAsync(app);
        var url = (await (await me.PutAsync("/api/v1/me/profile/image", Upload(Png, "a.png", "image/png"))).JsonAsync()).GetProperty("profileImage").GetString()!;

        var edited = await me.PutAsJsonAsync("/api/v1/me/profile", new { firstName = "A", lastName = "B", bio = "New bio", profileImage = url });
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().GetAsync(url)).StatusCode);

        var cleared = await me.PutAsJsonAsync("/api/v1/me/profile", new { firstName = "A", lastName = "B" });
        Assert.Equal(HttpStatusCode.OK, cleared.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient().GetAsync(url)).StatusCode);
    }

    [Fact(Timeout = 60_000)]
    public async Task Uploads_at_the_same_moment_leave_one_stored_photo_the_one_the_profile_shows()
    {
        await using var app = new MentoriApp(Database);
        var me = await SignedInWithProfileAsync(app);
        using var go = new ManualResetEventSlim();

        var uploads = Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            go.Wait(TestContext.Current.CancellationToken);
            return (await me.PutAsync("/api/v1/me/profile/image", Upload(Png, "a.png", "image/png"))).StatusCode;
        })).ToList();
        go.Set();
        var statuses = await Task.WhenAll(uploads);

        Assert.All(statuses, status => Assert.True(status is HttpStatusCode.OK or HttpStatusCode.Conflict, status.ToString()));
        var shown = (await (await me.GetAsync("/api/v1/me/profile")).JsonAsync()).GetProperty("profileImage").GetString()!;
        Assert.Equal([Path.GetFileName(shown)], Directory.GetFiles(app.ProfileImageFolder).Select(Path.GetFileName));
    }

    [Fact]
    public async Task On_a_full_disk_an_upload_is_a_507_and_the_photo_before_it_stays_whole()
    {
        await using var disk = await FullDisk.MountAsync(free: 64 * 1024);
        await using var app = new MentoriApp(Database).WithSetting("ProfileImages:Directory", disk.Path);
        var me = await SignedInWithProfileAsync(app);
        var before = (await (await me.PutAsync("/api/v1/me/profile/image", Upload(Png, "a.png", "image/png"))).JsonAsync()).GetProperty("profileImage").GetString()!;
        byte[] large = [.. Png, .. new byte[512 * 1024]];

        var refused = await me.PutAsync("/api/v1/me/profile/image", Upload(large, "large.png", "image/png"));

        var problem = await AssertProblemAsync(refused, HttpStatusCode.InsufficientStorage);
        Assert.EndsWith(":storage-full", problem.GetProperty("type").GetString());
        Assert.Contains("as it was", problem.GetProperty("detail").GetString());
        Assert.Equal(before, (await (await me.GetAsync("/api/v1/me/profile")).JsonAsync()).GetProperty("profileImage").GetString());
        Assert.Equal(Png, await app.CreateClient().GetByteArrayAsync(before, TestContext.Current.CancellationToken));
        Assert.Equal([Path.GetFileName(before)], disk.Files());
    }

    [Fact]
    public async Task Deleting_the_account_deletes_the_stored_photo()
    {
        await using var app = new MentoriApp(Database);
        var me = await SignedInWithProfileAsync(app);
        Assert.Equal(HttpStatusCode.OK, (await me.PutAsync("/api/v1/me/profile/image", Upload(Png, "a.png", "image/png"))).StatusCode);
        Assert.Single(Directory.GetFiles(app.ProfileImageFolder));

        var deleted = await me.DeleteJsonAsync("/api/v1/me", new { password = Password });

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Empty(Directory.GetFiles(app.ProfileImageFolder));
    }

    [Fact]
    public async Task The_sweep_deletes_what_interrupted_uploads_left_an_hour_ago_and_nothing_else()
    {
        await using var app = new MentoriApp(Database);
        var me = await SignedInWithProfileAsync(app);
        var shown = (await (await me.PutAsync("/api/v1/me/profile/image", Upload(Png, "a.png", "image/png"))).JsonAsync()).GetProperty("profileImage").GetString()!;
        var hoursAgo = DateTime.UtcNow.AddHours(-2);
        string Left(string name, DateTime writtenAt)
        {
            var path = Path.Combine(app.ProfileImageFolder, name);
            File.WriteAllBytes(path, Png);
            File.SetLastWriteTimeUtc(path, writtenAt);
            return name;
        }

        var storedUnshown = Left(new string('A', 43) + ".png", hoursAgo);      // stored, then killed before the profile pointed at it
        var cutShort = Left(new string('B', 43) + ".jpg.partial", hoursAgo);  // killed while writing
        var inFlight = Left(new string('C', 43) + ".webp.partial", DateTime.UtcNow);
        var justStored = Left(new string('D', 43) + ".png", DateTime.UtcNow);
        var notOurs = Left("README.txt", hoursAgo);
        File.SetLastWriteTimeUtc(Path.Combine(app.ProfileImageFolder, Path.GetFileName(shown)), hoursAgo);

        // The pass at start may have run already or may run meanwhile: what is left is what counts, not who deleted it.
        await app.Services.GetRequiredService<ProfileImageSweeper>().SweepAsync(TestContext.Current.CancellationToken);

        var left = Directory.GetFiles(app.ProfileImageFolder).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(new[] { Path.GetFileName(shown), inFlight, justStored, notOurs }.Order(StringComparer.Ordinal), left);
        Assert.DoesNotContain(storedUnshown, left);
        Assert.DoesNotContain(cutShort, left);
        Assert.Equal(Png, await app.CreateClient().GetByteArrayAsync(shown, TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData("/media/profile-images/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.png%0A")]
    [InlineData("/media/profile-images/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.png")]
    [InlineData("/media/profile-images/..%2F..%2Fjwt-signing-key")]
    [InlineData("/media/profile-images/nothing.png")]
    public async Task Only_stored_images_are_served(string path)
    {
        await using var app = new MentoriApp(Database);

        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient().GetAsync(path)).StatusCode);
    }

    private const System.Text.Json.JsonValueKind JsonValueKindNull = System.Text.Json.JsonValueKind.Null;

    private static async Task<HttpClient> SignedInWithProfileAsync(MentoriApp app)
    {
        var me = app.CreateClient().WithBearer(AccessToken(await RegisterAsync(app.CreateClient(), NewEmail(), "mentor")));
        Assert.Equal(HttpStatusCode.OK, (await me.PutAsJsonAsync("/api/v1/me/profile", new { firstName = "A", lastName = "B" })).StatusCode);
        return me;
    }

    private static MultipartFormDataContent Upload(byte[] bytes, string fileName, string contentType)
    {
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return new MultipartFormDataContent { { file, "file", fileName } };
    }
}

public sealed class ProfileImageOnPostgres(PostgresServer server) : ProfileImageTests(server);

public sealed class ProfileImageOnSqlite(SqliteFiles server) : ProfileImageTests(server);
