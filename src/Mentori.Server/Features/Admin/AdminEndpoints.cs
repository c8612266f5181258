using System.Security.Claims;
using Mentori.Data.Entities;
using Mentori.Server.Infrastructure.Auth;
using Mentori.Server.Infrastructure.Pagination;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Mentori.Server.Features.Admin;

/// <summary>The HTTP surface of administration: api.md, "Administration". Every route is for role admin only.</summary>
public static class AdminEndpoints
{
    public static IEndpointRouteBuilder MapAdmin(this IEndpointRouteBuilder api)
    {
        // A role policy, so a non-admin is refused before anything of the request is read (a filter would run after
        // binding, and a malformed body would be a 400 instead of the 403).
        var admin = api.MapGroup("/admin").WithTags("Administration")
            .RequireAuthorization(policy => policy.RequireClaim(MentoriClaims.Role, MentoriClaims.RoleName(UserRole.Admin)))
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        admin.MapGet("/users", async Task<Ok<Page<AdminUserResponse>>> (string? q, string? role, bool? isActive, int? limit, string? cursor, AdminService service, CancellationToken cancellationToken) =>
                TypedResults.Ok(await service.UsersAsync(q, role, isActive, limit, cursor, cancellationToken)))
            .ProducesValidationProblem()
            .WithName("listUsers")
            .WithSummary("Users with their profile names, newest first; q searches email and names.");

        admin.MapPatch("/users/{id:guid}", async Task<Ok<AdminUserResponse>> (Guid id, UpdateUserRequest request, ClaimsPrincipal user, AdminService service, CancellationToken cancellationToken) =>
                TypedResults.Ok(await service.UpdateUserAsync(user, id, request, cancellationToken)))
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithName("updateUser")
            .WithSummary("Deactivate or reactivate, verify, or change the role of a user; audited.");

        admin.MapGet("/stats", async Task<Ok<PlatformStats>> (AdminService service, CancellationToken cancellationToken) =>
                TypedResults.Ok(await service.StatsAsync(cancellationToken)))
            .WithName("getStats")
            .WithSummary("Users by role, active and verified, sessions by status, messages in 7 days, average rating, sign-ups per week (12 weeks).");

        admin.MapGet("/audit", async Task<Ok<Page<AuditEntryResponse>>> (Guid? adminId, Guid? targetUserId, int? limit, string? cursor, AdminService service, CancellationToken cancellationToken) =>
                TypedResults.Ok(await service.AuditAsync(adminId, targetUserId, limit, cursor, cancellationToken)))
            .ProducesValidationProblem()
            .WithName("listAuditEntries")
            .WithSummary("Every admin action, newest first; adminId keeps one admin's actions, targetUserId the changes of one user.");

        admin.MapGet("/emails", async Task<Ok<Page<OutboxEmailResponse>>> (string? status, int? limit, string? cursor, OutboxAdmin outbox, CancellationToken cancellationToken) =>
                TypedResults.Ok(await outbox.ListAsync(status, limit, cursor, cancellationToken)))
            .ProducesValidationProblem()
            .WithName("listOutboxEmails")
            .WithSummary("The emails of the outbox, newest first; status filters queued, sent or failed. Bodies are never shown.");

        admin.MapPost("/emails/{id:guid}/retry", async Task<Ok<OutboxEmailResponse>> (Guid id, ClaimsPrincipal user, OutboxAdmin outbox, CancellationToken cancellationToken) =>
                TypedResults.Ok(await outbox.RetryAsync(user, id, cancellationToken)))
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithName("retryOutboxEmail")
            .WithSummary("Queue a failed email again with all its attempts ahead of it; audited. 409 `email-not-failed` otherwise.");

        return api;
    }
}
