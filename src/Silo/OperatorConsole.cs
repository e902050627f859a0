namespace Bob.Silo;

/// <summary>
/// Where a secret meant only for the operator at the terminal goes (the one-time admin password): the process's
/// standard error, never the logging pipeline, whose sinks may ship every line to a log store. Replaceable in tests.
/// </summary>
public class OperatorConsole
{
    public virtual void Write(string text) => Console.Error.Write(text);
}
