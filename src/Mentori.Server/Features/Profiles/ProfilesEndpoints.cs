using System.Security.Claims;
using Mentori.Server.Infrastructure.Auth;
using Mentori.Server.Infrastructure.RateLimiting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Mentori.Server.Features.Profiles;

/// <summary>The HTTP surface of the caller's own profile: api.md, "Profiles and mentors".</summary>
public static class ProfilesEndpoints
{
    public static IEndpointRouteBuilder MapProfiles(this IEndpointRouteBuilder api)
    {
        var profile = api.MapGroup("/me/profile").WithTags("Profiles").RequireAuthorization()
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        profile.MapGet("/", async Task<Ok<ProfileResponse>> (ClaimsPrincipal user, ProfileService profiles, CancellationToken cancellationToken) =>
                TypedResults.Ok(await profiles.GetAsync(user, cancellationToken)))
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("getMyProfile")
            .WithSummary("The signed-in user's profile.");
        profile.MapPut("/", async Task<Ok<ProfileResponse>> (UpdateProfileRequest request, ClaimsPrincipal user, ProfileService profiles, CancellationToken cancellationToken) =>
                TypedResults.Ok(await profiles.UpdateAsync(user, request, cancellationToken)))
            .ProducesValidationProblem()
            .WithName("updateMyProfile")
            .WithSummary("Replace the editable fields of the profile; fields of the other role are refused.");

        // Cookie-authenticated uploads are covered by Mentori's own antiforgery check (CookieAntiforgery), so the
        // framework's form antiforgery, which would want its middleware, is turned off here.
        profile.MapPut("/image", async Task<Ok<ProfileResponse>> (IFormFile? file, ClaimsPrincipal user, ProfileImages images, CancellationToken cancellationToken) =>
                TypedResults.Ok(await images.ReplaceAsync(user, file, cancellationToken)))
            .DisableAntiforgery()
            .RequireRateLimiting(RateLimitingRegistration.PhotoUploads)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .WithMetadata(new RequestSizeLimitAttribute(ProfileImages.MaxBytes + (64 * 1024)))
            .Accepts<IFormFile>("multipart/form-data")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status507InsufficientStorage)
            .WithName("uploadProfileImage")
            .WithSummary("Upload a profile photo (form field file: PNG, JPEG or WebP, at most 2 MB).")
            .WithDescription("507 `storage-full` when the server's photo folder is full: nothing is stored and the profile keeps its photo.");
        profile.MapDelete("/image", async Task<NoContent> (ClaimsPrincipal user, ProfileImages images, CancellationToken cancellationToken) =>
            {
                await images.RemoveAsync(user, cancellationToken);
                return TypedResults.NoContent();
            })
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("deleteProfileImage")
            .WithSummary("Remove the profile photo.");

        return api;
    }

    /// <summary>Stored profile photos, for anyone (mentor listings show them), with their own type and nosniff.</summary>
    public static IEndpointRouteBuilder MapProfileImageFiles(this IEndpointRouteBuilder app)
    {
        app.MapGet(ProfileImages.UrlPrefix + "{name}", (string name, HttpContext context, ProfileImages images) =>
            {
                if (images.Find(name) is not { } stored)
                {
                    return Results.NotFound();
                }

                context.Response.Headers.XContentTypeOptions = "nosniff";
                return Results.File(stored.Path, stored.ContentType);
            })
            .ExcludeFromDescription();
        return app;
    }
}
