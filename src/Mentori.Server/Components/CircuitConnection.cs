using Microsoft.AspNetCore.Components.Server.Circuits;

namespace Mentori.Server.Components;

/// <summary>
/// Whether the browser is still connected to its circuit. Blazor keeps a circuit for minutes after the browser has
/// gone (a laptop asleep, a tab in the background); the live chat stops listening meanwhile, so that nobody is
/// counted as reading and the unread-message email is sent.
/// </summary>
public sealed class CircuitConnection : CircuitHandler
{
    public event Func<bool, Task>? Changed;

    public bool IsUp { get; private set; } = true;

    public override Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken) => SetAsync(true);

    public override Task OnConnectionDownAsync(Circuit circuit, CancellationToken cancellationToken) => SetAsync(false);

    private Task SetAsync(bool up)
    {
        if (IsUp == up)
        {
            return Task.CompletedTask;
        }

        IsUp = up;
        return Changed?.Invoke(up) ?? Task.CompletedTask;
    }
}
