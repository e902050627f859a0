// A send Bob answers with "not now" (503, 429, or a stream's error event saying so) is sent again by itself, with
// the same client_message_id: after Retry-After, never sooner than the backoff, never later than the cap. Meanwhile
// the visitor sees, and a screen reader hears, "reconnecting". After the last attempt it fails as any other send
// (a retry button), its text kept.
const FIRST_MS = 500;
const CAP_MS = 30000;
const ATTEMPTS = 8;

const reconnecting = {
  en: 'Reconnecting…',
  de: 'Verbindung wird wiederhergestellt…',
  fr: 'Reconnexion…',
  es: 'Reconectando…',
};

export const reconnectingText = (lang) => reconnecting[String(lang).slice(0, 2).toLowerCase()] || reconnecting.en;

export const isRetryable = (problem) =>
  problem.status === 503 || problem.status === 429 || problem.code === 'service_unavailable' || problem.code === 'too_many_requests';

/** How long to wait before attempt n + 1 (n from 0): what Bob asked, at least the doubling backoff, at most the cap, plus a little jitter. */
export function delayFor(problem, n) {
  const backoff = FIRST_MS * 2 ** n;
  const asked = (problem.retryAfter || 0) * 1000;
  return Math.min(CAP_MS, Math.max(asked, backoff)) * (1 + Math.random() * 0.1);
}

/** Runs attempt() until it succeeds, fails for good, or runs out of attempts; waiting(true|false) around each pause. */
export async function withRetries(attempt, waiting) {
  for (let n = 0; ; n++) {
    try {
      const result = await attempt();
      waiting(false);
      return result;
    } catch (problem) {
      if (!isRetryable(problem) || n + 1 >= ATTEMPTS) {
        waiting(false);
        throw problem;
      }
      waiting(true);
      await new Promise((resolve) => setTimeout(resolve, delayFor(problem, n)));
    }
  }
}
