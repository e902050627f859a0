using System.Collections.Concurrent;
using Bob.Assistant.Retrieval;
using Bob.Grains.Abstractions.Common;
using Bob.Grains.Abstractions.Governance;
using Bob.Grains.Abstractions.Identity;
using Bob.Grains.Abstractions.Knowledge;
using Bob.Grains.Abstractions.Personas;
using Bob.Grains.Caching;
using Bob.Grains.Knowledge;
using Bob.Grains.Webhooks;
using Microsoft.Extensions.Options;

namespace Bob.Grains.Conversations;

/// <summary>
/// This silo's copy of what turns read of each tenant besides its settings: guardrails, speakers, the knowledge index
/// and the webhook event types its endpoints subscribe to, each read on first use and kept under the tenant's
/// <see cref="TurnConfigStamp"/>. Every change to them moves the stamp before it is answered, and every turn reads the
/// stamp live, so the very next turn on every silo reads the change; nothing is pushed to the silos and nothing waits for them. What a copy holds was read after
/// its stamp was, so it is never older than the stamp says. A copy older than <see cref="MaxAge"/> is read again, so a
/// change whose stamp move failed (its grain answered an error after storing it) is picked up within that time. A tenant
/// no turn used for <see cref="TurnCacheOptions.IdleAfter"/> leaves the silo's memory (and the least recently used past
/// <see cref="TurnCacheOptions.MaxTenants"/>), so a silo that served many tenants keeps only the active ones.
/// </summary>
public sealed class TenantTurnCache(IGrainFactory grains, KnowledgeIndexCache knowledgeIndexes, WebhookStore webhooks, TimeProvider time, IOptions<TurnCacheOptions> options) : IDisposable
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(1);

    private readonly IdleEvictingCache<TenantId, Snapshot> _byTenant = new(time, options.Value.IdleAfter, options.Value.MaxTenants);

    /// <summary>How many tenants this silo keeps a copy of.</summary>
    public int Count => _byTenant.Count;

    private IGrainFactory Grains => grains;

    private KnowledgeIndexCache KnowledgeIndexes => knowledgeIndexes;

    private WebhookStore Webhooks => webhooks;

    /// <summary>The tenant as of <paramref name="config"/>: the copy kept under its stamp, or a fresh one.</summary>
    public ITurnTenant For(TenantId tenant, TenantTurnConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var now = time.GetUtcNow();
        if (_byTenant.TryGet(tenant, out var kept) && kept.Stamp == config.Stamp && now - kept.ReadAt < MaxAge)
        {
            return kept.With(config.Settings);
        }
        var fresh = new Snapshot(this, tenant, config.Stamp, now, config.Settings);
        _byTenant.Set(tenant, fresh);
        return fresh;
    }

    public void Dispose() => _byTenant.Dispose();

    /// <summary>One stamp's copy; each part is read once, on first use, by whichever turn needs it first (a failed read is tried again).</summary>
    private sealed class Snapshot(TenantTurnCache cache, TenantId tenant, TurnConfigStamp stamp, DateTimeOffset readAt, TenantSettings settings) : ITurnTenant
    {
        private readonly ConcurrentDictionary<string, Task<PersonaView>> _speakers = new(StringComparer.Ordinal);
        private Task<Guardrails>? _guardrails;
        private Task<KnowledgeIndex>? _knowledge;
        private Task<WebhookSubscriptions>? _webhooks;

        public TurnConfigStamp Stamp => stamp;

        public DateTimeOffset ReadAt => readAt;

        public TenantSettings Settings => settings;

        /// <summary>The same copy with the settings this turn read (equal under one stamp, but the live read is the one to trust).</summary>
        public ITurnTenant With(TenantSettings live) => live == settings ? this : new Live(this, live);

        public Task<Guardrails> GuardrailsAsync() =>
            Once(ref _guardrails, () => cache.Grains.GetGrain<IGovernanceGrain>(tenant).GetGuardrailsAsync());

        public Task<KnowledgeIndex> KnowledgeAsync() =>
            Once(ref _knowledge, () => cache.KnowledgeIndexes.GetAsync(tenant.Value, cache.Grains.GetGrain<IKnowledgeBaseGrain>(tenant)));

        public Task<WebhookSubscriptions> WebhookSubscriptionsAsync() =>
            Once(ref _webhooks, () => cache.Webhooks.SubscriptionsAsync(tenant));

        public Task<PersonaView> SpeakerAsync(string? personaId)
        {
            var key = personaId ?? "";
            var read = _speakers.GetOrAdd(key, _ => cache.Grains.GetGrain<IPersonaCatalogGrain>(tenant).GetSpeakerAsync(personaId));
            if (read.IsFaulted || read.IsCanceled)
            {
                _speakers.TryRemove(new KeyValuePair<string, Task<PersonaView>>(key, read));
            }
            return read;
        }

        private static Task<T> Once<T>(ref Task<T>? slot, Func<Task<T>> read)
        {
            var current = Volatile.Read(ref slot);
            if (current is null || current.IsFaulted || current.IsCanceled)
            {
                var started = read();
                var won = Interlocked.CompareExchange(ref slot, started, current);
                return won == current ? started : won!;
            }
            return current;
        }
    }

    private sealed class Live(Snapshot kept, TenantSettings settings) : ITurnTenant
    {
        public TenantSettings Settings => settings;

        public Task<Guardrails> GuardrailsAsync() => kept.GuardrailsAsync();

        public Task<PersonaView> SpeakerAsync(string? personaId) => kept.SpeakerAsync(personaId);

        public Task<KnowledgeIndex> KnowledgeAsync() => kept.KnowledgeAsync();

        public Task<WebhookSubscriptions> WebhookSubscriptionsAsync() => kept.WebhookSubscriptionsAsync();
    }
}
