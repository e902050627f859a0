using Microsoft.Extensions.Options;

namespace Bob.Grains.Personas;

/// <summary>Settings under <c>Bob:Personas</c>.</summary>
public sealed class PersonaOptions
{
    public const string Section = "Bob:Personas";

    /// <summary>How many versions of one persona are kept; an edit past it drops the oldest (numbers keep counting up).</summary>
    public int VersionsKept { get; set; } = 50;
}

/// <summary>Refuses, at start, a <c>Bob:Personas</c> value a persona cannot be saved with, naming the setting.</summary>
public sealed class PersonaOptionsValidator : IValidateOptions<PersonaOptions>
{
    public ValidateOptionsResult Validate(string? name, PersonaOptions options) =>
        options.VersionsKept < 1
            ? ValidateOptionsResult.Fail($"{PersonaOptions.Section}:VersionsKept must be at least 1 (got {options.VersionsKept}).")
            : ValidateOptionsResult.Success;
}
