namespace Bob.Web.Http;

/// <summary>A status a route documents for its problems, as a type argument of <see cref="Problem{T1}"/>.</summary>
public interface IProblemStatus
{
    static abstract int Code { get; }
}

public sealed class Status400 : IProblemStatus
{
    public static int Code => StatusCodes.Status400BadRequest;
}

public sealed class Status401 : IProblemStatus
{
    public static int Code => StatusCodes.Status401Unauthorized;
}

public sealed class Status402 : IProblemStatus
{
    public static int Code => StatusCodes.Status402PaymentRequired;
}

public sealed class Status403 : IProblemStatus
{
    public static int Code => StatusCodes.Status403Forbidden;
}

public sealed class Status404 : IProblemStatus
{
    public static int Code => StatusCodes.Status404NotFound;
}

public sealed class Status409 : IProblemStatus
{
    public static int Code => StatusCodes.Status409Conflict;
}
