using System.Security.Claims;
using System.Text.RegularExpressions;
using Mentori.Data;
using Mentori.Server.Infrastructure.Auth;
using Mentori.Server.Infrastructure.Configuration;
using Mentori.Server.Infrastructure.Problems;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Mentori.Server.Features.Profiles;

/// <summary>
/// Profile photos: PNG, JPEG or WebP recognised by their first bytes (never by name or declared type), at most
/// 2 MB, stored in <c>ProfileImages:Directory</c> (default <c>data/profile-images</c>) with a random name and served back with their own type.
/// </summary>
public sealed partial class ProfileImages(MentoriDb db, IHostEnvironment environment, IOptions<ProfileImageOptions> options, ILogger<ProfileImages> logger)
{
    public const long MaxBytes = 2 * 1024 * 1024;
    public const string UrlPrefix = "/media/profile-images/";
    private const string PartialSuffix = ".partial";

    private static readonly (string Extension, string ContentType, Func<byte[], bool> Matches)[] Formats =
    [
        (".png", "image/png", h => h.AsSpan().StartsWith((byte[])[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])),
        (".jpg", "image/jpeg", h => h.AsSpan().StartsWith((byte[])[0xFF, 0xD8, 0xFF])),
        (".webp", "image/webp", h => h.Length >= 12 && h.AsSpan(0, 4).SequenceEqual("RIFF"u8) && h.AsSpan(8, 4).SequenceEqual("WEBP"u8)),
    ];

    public async Task<ProfileResponse> ReplaceAsync(ClaimsPrincipal caller, IFormFile? file, CancellationToken cancellationToken)
    {
        var userId = caller.GetUserId();
        if (file is null || file.Length == 0)
        {
            throw ProblemException.Validation("file", "Send the image as the form field \"file\".");
        }

        if (file.Length > MaxBytes)
        {
            throw new ProblemException(StatusCodes.Status413PayloadTooLarge, ProblemTypes.Validation, "The image is too large",
                $"An image may be at most {MaxBytes / (1024 * 1024)} MB.");
        }

        await using var upload = file.OpenReadStream();
        var header = new byte[12];
        var read = await upload.ReadAtLeastAsync(header, header.Length, throwOnEndOfStream: false, cancellationToken);
        var format = Formats.FirstOrDefault(f => f.Matches(header[..read]));
        if (format.Extension is null)
        {
            throw ProblemException.Validation("file", "The image must be a PNG, JPEG or WebP file.");
        }

        var name = SecureToken.New() + format.Extension;
        await StoreAsync(name, header.AsMemory(0, read), upload, cancellationToken);
        try
        {
            return ProfileResponse.From(await PointAtAsync(userId, UrlPrefix + name, cancellationToken));
        }
        catch
        {
            DeleteStored(UrlPrefix + name);
            throw;
        }
    }

    /// <summary>
    /// Writes the photo under a name no URL can reach, then renames it: a file with a photo's name is whole, and one
    /// cut short by a full disk or a client gone away is deleted.
    /// </summary>
    private async Task StoreAsync(string name, ReadOnlyMemory<byte> header, Stream rest, CancellationToken cancellationToken)
    {
        var path = Path.Combine(Folder, name);
        var partial = path + PartialSuffix;
        try
        {
            Directory.CreateDirectory(Folder);
            await using (var stored = File.Create(partial))
            {
                await stored.WriteAsync(header, cancellationToken);
                await rest.CopyToAsync(stored, cancellationToken);
            }

            File.Move(partial, path);
        }
        catch (Exception exception)
        {
            TryDelete(partial, "partly written");
            if (exception is IOException io && DiskFull.Is(io))
            {
                logger.LogError(exception, "The profile photo folder {Folder} is full: a photo could not be stored", Folder);
                throw DiskFull.Problem("The photo could not be stored, and your profile is as it was. Try again later.");
            }

            throw;
        }
    }

    /// <summary>
    /// Deletes a file of the folder; one that cannot be deleted is logged, not allowed to fail the request (the database
    /// no longer points at it) or to hide why an upload was cut short.
    /// </summary>
    private bool TryDelete(string path, string what)
    {
        try
        {
            File.Delete(path);
            return true;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            logger.LogWarning(exception, "Could not delete the {What} profile photo {Path}", what, path);
            return false;
        }
    }

    public Task RemoveAsync(ClaimsPrincipal caller, CancellationToken cancellationToken) =>
        PointAtAsync(caller.GetUserId(), null, cancellationToken);

    /// <summary>
    /// Sets the profile's photo and deletes the copy it replaces. The photo column is a concurrency token, so of two
    /// uploads at once the later one re-reads and replaces the earlier (whose copy it then deletes): no stored file
    /// is left that no profile points at.
    /// </summary>
    private async Task<Data.Entities.Profile> PointAtAsync(Guid userId, string? url, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var profile = await db.Profiles.SingleOrDefaultAsync(p => p.UserId == userId, cancellationToken) ?? throw ProfileResponse.NoProfile();
            var previous = profile.ProfileImage;
            profile.ProfileImage = url;
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                DeleteStored(previous);
                return profile;
            }
            catch (DbUpdateConcurrencyException) when (attempt < 5)
            {
                db.ChangeTracker.Clear();
            }
            catch (DbUpdateConcurrencyException)
            {
                throw ProfileResponse.EditConflict();
            }
        }
    }

    /// <summary>The stored file for a name Mentori made, with its content type; null for any other name.</summary>
    public (string Path, string ContentType)? Find(string name)
    {
        if (!StoredName().IsMatch(name))
        {
            return null;
        }

        var path = Path.Combine(Folder, name);
        var format = Formats.FirstOrDefault(f => name.EndsWith(f.Extension, StringComparison.Ordinal));
        return format.ContentType is not null && File.Exists(path) ? (path, format.ContentType) : null;
    }

    /// <summary>
    /// Deletes what uploads cut off by a crash left in the folder: partly written photos, and whole ones no profile
    /// points at (the process died between storing and pointing). Only files last written before
    /// <paramref name="before"/>, as an upload in flight is younger; the number deleted.
    /// </summary>
    public async Task<int> SweepLeftOversAsync(DateTime before, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(Folder))
        {
            return 0;
        }

        var pointedAt = (await db.Profiles.AsNoTracking()
                .Where(p => p.ProfileImage != null && p.ProfileImage.StartsWith(UrlPrefix))
                .Select(p => p.ProfileImage!)
                .ToListAsync(cancellationToken))
            .Select(url => url[UrlPrefix.Length..])
            .ToHashSet(StringComparer.Ordinal);
        var deleted = 0;
        foreach (var file in new DirectoryInfo(Folder).EnumerateFiles())
        {
            var leftOver = file.Name.EndsWith(PartialSuffix, StringComparison.Ordinal)
                ? StoredName().IsMatch(file.Name[..^PartialSuffix.Length])
                : StoredName().IsMatch(file.Name) && !pointedAt.Contains(file.Name);
            if (leftOver && file.LastWriteTimeUtc < before && TryDelete(file.FullName, "left over"))
            {
                deleted++;
            }
        }

        return deleted;
    }

    private string Folder => ContentPaths.Resolve(environment, options.Value.Directory);

    /// <summary>Deletes the stored copy behind <paramref name="url"/>, if Mentori stored it; other URLs are left alone.</summary>
    public void DeleteStored(string? url)
    {
        if (url?.StartsWith(UrlPrefix, StringComparison.Ordinal) == true && Find(url[UrlPrefix.Length..]) is { } stored)
        {
            TryDelete(stored.Path, "replaced");
        }
    }

    /// <summary>Only names Mentori itself makes: a base64url token and a known extension, so no path can escape the folder.</summary>
    [GeneratedRegex(@"\A[A-Za-z0-9_-]{43}\.(png|jpg|webp)\z")]
    private static partial Regex StoredName();
}
