using Mentori.Server.Infrastructure.Problems;

namespace Mentori.Server.Components;

/// <summary>
/// What a form shows when the service refused it: the field errors beside their fields, or else one message; the
/// page is answered with the problem's status, as the API would answer.
/// </summary>
public sealed record FormProblem(IReadOnlyDictionary<string, string[]>? Errors, string? Message)
{
    public static FormProblem Of(ProblemException problem, HttpContext context)
    {
        context.Response.StatusCode = problem.Status;
        return problem.Errors is { } errors ? new FormProblem(errors, null) : new FormProblem(null, problem.Detail ?? problem.Title);
    }
}
