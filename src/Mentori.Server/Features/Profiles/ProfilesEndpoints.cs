using System.Security.Claims;
using Mentori.Server.Infrastructure.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Mentori.Server.Features.Profiles;

/// <summary>The HTTP surface of the caller's own profile: api.md, "Profiles and mentors".</summary>
public static class ProfilesEndpoints
{
    public static IEndpointRouteBuilder MapProfiles(this IEndpointRouteBuilder api)
    {
        var profile = api.MapGroup("/me/profile").WithTags("Profiles").RequireAuthorization()
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        profile.MapGet("/", async Task<Ok<ProfileResponse>> (ClaimsPrincipal user, ProfileService profiles, CancellationToken cancellationToken) =>
                TypedResults.Ok(await profiles.GetAsync(user.GetUserId(), cancellationToken)))
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("The signed-in user's profile.");
        profile.MapPut("/", async Task<Ok<ProfileResponse>> (UpdateProfileRequest request, ClaimsPrincipal user, ProfileService profiles, CancellationToken cancellationToken) =>
                TypedResults.Ok(await profiles.UpdateAsync(user.GetUserId(), request, cancellationToken)))
            .ProducesValidationProblem()
            .WithSummary("Replace the editable fields of the profile; fields of the other role are refused.");
        return api;
    }
}
