using Bob.Grains.Abstractions.Identity;

namespace Bob.Grains.Abstractions.Billing;

/// <summary>Who uses one of the plan's seats: every member who can act (owner, admin, agent), and every pending
/// invitation to such a role. Viewers only read, and are free.</summary>
public static class Seats
{
    public static bool Uses(string role) => role != Roles.Viewer;
}
