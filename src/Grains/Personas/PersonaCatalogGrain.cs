using Bob.Grains.Abstractions.Audit;
using Bob.Grains.Abstractions.Common;
using Bob.Grains.Abstractions.Identity;
using Bob.Grains.Abstractions.Personas;
using Bob.Grains.Webhooks;
using Bob.Grains.Audit;

namespace Bob.Grains.Personas;

[GenerateSerializer, Alias("bob.PersonaCatalogState")]
public sealed class PersonaCatalogState
{
    /// <summary>The current version of every persona, so listing and chat turns need no fan-out.</summary>
    [Id(0)] public List<CatalogEntry> Personas { get; set; } = [];
    [Id(1)] public string? ActiveId { get; set; }
    /// <summary><c>persona.updated</c> events written with the change that raised them, until they are in the outbox (<see cref="GrainOutbox"/>).</summary>
    [Id(2)] public List<OutboxEvent> PendingWebhookEvents { get; set; } = [];
}

[GenerateSerializer, Alias("bob.PersonaCatalogEntry")]
public sealed record CatalogEntry(
    [property: Id(0)] string Id,
    [property: Id(1)] PersonaVersion Current,
    [property: Id(2)] DateTimeOffset CreatedAt);

public sealed class PersonaCatalogGrain(
    [PersistentState("personas", "bob")] IPersistentState<PersonaCatalogState> catalog,
    GrainOutbox outbox,
    TimeProvider time) : Grain, IPersonaCatalogGrain, IRemindable
{
    public const int MaxPersonas = 50;

    private TenantId Tenant => new(this.GetPrimaryKeyString());

    public override Task OnActivateAsync(CancellationToken cancellationToken) => FlushWebhookEventsAsync();

    public Task ReceiveReminder(string reminderName, TickStatus status) => FlushWebhookEventsAsync();

    public async Task<Result<PersonaView>> CreateAsync(PersonaInput input)
    {
        if (PersonaRules.Validate(input) is { } invalid)
        {
            return invalid;
        }
        if (catalog.State.Personas.Count >= MaxPersonas)
        {
            return new Failure(FailureCodes.Conflict, $"A tenant has at most {MaxPersonas} personas.");
        }
        var created = View(await AddAsync(Normalize(input)));
        await AuditAsync(AuditActions.PersonaCreated, null, created);
        return created;
    }

    public async Task<PersonaView> EnsureDefaultAsync()
    {
        if (catalog.State.Personas.Count == 0)
        {
            var entry = await AddAsync(PersonaRules.Default);
            catalog.State.ActiveId = entry.Id;
            await WriteCatalogAsync();
        }
        return View(Active());
    }

    public Task<IReadOnlyList<PersonaView>> ListAsync() =>
        Task.FromResult<IReadOnlyList<PersonaView>>([.. catalog.State.Personas.Select(View)]);

    public Task<PersonaView?> GetAsync(string personaId) => Task.FromResult(Find(personaId) is { } entry ? View(entry) : null);

    public async Task<Result<PersonaView>> UpdateAsync(string personaId, PersonaInput input)
    {
        if (Find(personaId) is not { } entry)
        {
            return Failure.NotFound("Persona");
        }
        if (PersonaRules.Validate(input) is { } invalid)
        {
            return invalid;
        }
        var version = await PersonaGrain(personaId).SaveAsync(Normalize(input));
        var updated = entry with { Current = version };
        catalog.State.Personas[catalog.State.Personas.IndexOf(entry)] = updated;
        await WriteWithEventAsync(updated, "updated");
        await AuditAsync(AuditActions.PersonaUpdated, View(entry), View(updated));
        return View(updated);
    }

    public async Task<Result<PersonaView>> ActivateAsync(string personaId)
    {
        if (Find(personaId) is not { } entry)
        {
            return Failure.NotFound("Persona");
        }
        if (catalog.State.ActiveId == personaId)
        {
            return View(entry);
        }
        var before = View(entry);
        catalog.State.ActiveId = personaId;
        await WriteWithEventAsync(entry, "activated");
        await AuditAsync(AuditActions.PersonaActivated, before, View(entry));
        return View(entry);
    }

    public async Task<Outcome> DeleteAsync(string personaId)
    {
        if (Find(personaId) is not { } entry)
        {
            return Failure.NotFound("Persona");
        }
        if (catalog.State.ActiveId == personaId)
        {
            return new Failure(FailureCodes.ActivePersona, "The active persona cannot be deleted: activate another one first.");
        }
        var deleted = View(entry);
        catalog.State.Personas.Remove(entry);
        await WriteCatalogAsync();
        await PersonaGrain(personaId).DeleteAsync();
        await AuditAsync(AuditActions.PersonaDeleted, deleted, null);
        return Outcome.Success;
    }

    public async Task<Result<IReadOnlyList<PersonaVersion>>> GetVersionsAsync(string personaId) =>
        Find(personaId) is null ? Failure.NotFound("Persona") : Result<IReadOnlyList<PersonaVersion>>.Ok(await PersonaGrain(personaId).GetVersionsAsync());

    public async Task<PersonaView> GetSpeakerAsync(string? personaId) =>
        personaId is not null && Find(personaId) is { } chosen ? View(chosen) : await EnsureDefaultAsync();

    private async Task<CatalogEntry> AddAsync(PersonaInput input)
    {
        var id = Ids.New(IdPrefixes.Persona);
        var version = await PersonaGrain(id).SaveAsync(input);
        var entry = new CatalogEntry(id, version, version.CreatedAt);
        catalog.State.Personas.Add(entry);
        await WriteCatalogAsync();
        return entry;
    }

    /// <summary>The change and its <c>persona.updated</c> event in one state write (<see cref="GrainOutbox"/>).</summary>
    private Task WriteWithEventAsync(CatalogEntry entry, string change)
    {
        var view = View(entry);
        var updated = WebhookPayloads.PersonaUpdated(Tenant, view.Id, view.Version, view.Name, view.Active, change, time.GetUtcNow());
        return outbox.CommitAsync(this, catalog.State.PendingWebhookEvents, [updated], WriteCatalogAsync);
    }

    /// <summary>Every change of the catalog is stored, then moves the tenant's turn configuration stamp (the speaker a turn reads).</summary>
    private async Task WriteCatalogAsync()
    {
        await catalog.WriteStateAsync();
        await GrainFactory.GetGrain<ITenantGrain>(Tenant).TurnConfigChangedAsync();
    }

    private Task FlushWebhookEventsAsync() => outbox.FlushAsync(this, catalog.State.PendingWebhookEvents, catalog.WriteStateAsync);

    private Task AuditAsync(string action, PersonaView? before, PersonaView? after) =>
        GrainFactory.AuditAsync(Tenant, action, new AuditTarget(AuditTargetTypes.Persona, (before ?? after)!.Id),
            before is null ? null : AuditSummaries.Persona(before), after is null ? null : AuditSummaries.Persona(after));

    private CatalogEntry Active() => Find(catalog.State.ActiveId) ?? catalog.State.Personas[0];

    private CatalogEntry? Find(string? personaId) => catalog.State.Personas.Find(p => p.Id == personaId);

    private IPersonaGrain PersonaGrain(string personaId) => GrainFactory.GetGrain<IPersonaGrain>(GrainKeys.Scoped(Tenant, personaId));

    private PersonaView View(CatalogEntry entry)
    {
        var content = entry.Current.Content;
        return new PersonaView(entry.Id, content.Name, content.Description, content.Tone, content.SystemPrompt,
            entry.Current.Version, entry.Id == catalog.State.ActiveId, entry.CreatedAt, entry.Current.CreatedAt);
    }

    private static PersonaInput Normalize(PersonaInput input) => input with { Name = input.Name.Trim() };
}
