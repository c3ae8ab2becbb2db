// A chat stream that broke after `meta` (the gateway replica serving it went away, the network blipped): the service
// finishes and stores the answer regardless of the client, so the widget fetches it from the conversation (the next
// request reaches whichever replica is up) instead of telling the customer to ask again.

const ATTEMPTS = 20;
const WAIT_MS = 1500;

/**
 * Resolves with { message, escalation } once the conversation holds the assistant message messageId, or null when
 * it does not within ~30 s (or the conversation is gone). wait(ms) is injectable for tests.
 */
export function storedAnswer(client, conversationId, messageId, wait) {
  const pause = wait || ((ms) => new Promise((resolve) => window.setTimeout(resolve, ms)));
  const path = '/api/v1/conversations/' + encodeURIComponent(conversationId);
  function attempt(n) {
    return client.request('GET', path)
      .then((response) => (response.ok ? response.json() : response.status === 404 ? 'gone' : null))
      .catch(() => null)
      .then((conversation) => {
        if (conversation === 'gone') {
          return null;
        }
        const message = conversation && (conversation.messages || [])
          .find((m) => m.messageId === messageId && m.role === 'assistant');
        if (message) {
          return { message, escalation: conversation.escalation || null };
        }
        return n + 1 >= ATTEMPTS ? null : pause(WAIT_MS).then(() => attempt(n + 1));
      });
  }
  return attempt(0);
}
