// Customer-facing texts: one table per language; add a language by adding a table.
export const STRINGS = {
  en: {
    open: 'Open support chat', help: 'Help', close: 'Close chat', title: 'Support assistant', newChat: 'New chat',
    placeholder: 'Ask a question\u2026', question: 'Your question', send: 'Send',
    greeting: 'Hi! Ask me anything about our product. I answer from the help center and show my sources.',
    source: 'Source', sources: 'Sources', you: 'You', assistant: 'Assistant', agent: 'Support agent',
    helpful: 'Helpful', notHelpful: 'Not helpful', rate: 'Was this answer helpful?',
    commentLabel: 'What could be better? (optional)', sendComment: 'Send feedback', thanks: 'Thanks for your feedback!',
    feedbackFailed: 'Your feedback could not be sent. Please try again.',
    feedbackPending: 'We could not send your feedback yet. We will keep trying for a few minutes.',
    human: 'Talk to a person', humanAsked: 'You asked to talk to a person.',
    escalated: 'I have passed your conversation to our support team. A person will reply right here.',
    escalateFailed: 'We could not reach our support team just now. Please try again in a moment.',
    agentJoined: 'A support agent is looking at your conversation.',
    resolved: 'Our support team marked this conversation as resolved. Ask again any time.',
    reconnecting: 'Connection lost. Reconnecting\u2026', reconnected: 'Connected again.',
    rateLimited: 'You are sending messages faster than we can answer. Please try again in {s} seconds.',
    rateLimitedSoon: 'You are sending messages faster than we can answer. Please wait a moment and try again.',
    outage: 'Our assistant is having trouble right now. Please try again in a moment.',
    offline: 'We could not reach support. Please check your connection and try again.',
    cutOff: 'The answer was cut off. Please try again.', refused: 'Sorry, we could not answer that ({t}).',
    typing: 'The assistant is typing', answered: 'New answer',
    signedOut: 'Your sign-in on this site has expired. Please reload the page and try again.'
  },
  de: {
    open: 'Support-Chat \u00f6ffnen', help: 'Hilfe', close: 'Chat schlie\u00dfen', title: 'Support-Assistent',
    newChat: 'Neuer Chat', placeholder: 'Stellen Sie eine Frage\u2026', question: 'Ihre Frage', send: 'Senden',
    greeting: 'Hallo! Fragen Sie mich zu unserem Produkt. Ich antworte aus dem Hilfe-Center und nenne meine Quellen.',
    source: 'Quelle', sources: 'Quellen', you: 'Sie', assistant: 'Assistent', agent: 'Support-Mitarbeiter',
    helpful: 'Hilfreich', notHelpful: 'Nicht hilfreich', rate: 'War diese Antwort hilfreich?',
    commentLabel: 'Was k\u00f6nnen wir besser machen? (optional)', sendComment: 'Feedback senden',
    thanks: 'Danke f\u00fcr Ihr Feedback!', feedbackFailed: 'Ihr Feedback konnte nicht gesendet werden.',
    feedbackPending: 'Ihr Feedback ist noch nicht angekommen. Wir versuchen es einige Minuten lang weiter.',
    human: 'Mit einem Menschen sprechen', humanAsked: 'Sie m\u00f6chten mit einem Menschen sprechen.',
    escalated: 'Ich habe Ihr Gespr\u00e4ch an unser Support-Team weitergegeben. Eine Person antwortet hier.',
    escalateFailed: 'Unser Support-Team ist gerade nicht erreichbar. Bitte versuchen Sie es gleich noch einmal.',
    agentJoined: 'Ein Support-Mitarbeiter sieht sich Ihr Gespr\u00e4ch an.',
    resolved: 'Unser Support-Team hat dieses Gespr\u00e4ch als gel\u00f6st markiert. Fragen Sie jederzeit wieder.',
    reconnecting: 'Verbindung unterbrochen. Verbinde neu\u2026', reconnected: 'Wieder verbunden.',
    rateLimited: 'Sie senden schneller, als wir antworten k\u00f6nnen. Bitte versuchen Sie es in {s} Sekunden erneut.',
    rateLimitedSoon: 'Sie senden schneller, als wir antworten k\u00f6nnen. Bitte warten Sie einen Moment.',
    outage: 'Unser Assistent hat gerade Probleme. Bitte versuchen Sie es gleich noch einmal.',
    offline: 'Wir konnten den Support nicht erreichen. Bitte pr\u00fcfen Sie Ihre Verbindung.',
    cutOff: 'Die Antwort wurde abgeschnitten. Bitte versuchen Sie es erneut.',
    refused: 'Leider konnten wir das nicht beantworten ({t}).', typing: 'Der Assistent schreibt',
    answered: 'Neue Antwort',
    signedOut: 'Ihre Anmeldung auf dieser Seite ist abgelaufen. Bitte laden Sie die Seite neu.'
  }
};

/** The first of the wanted language and the browser's languages that has a table, else English. */
export function pickLanguage(wanted) {
  const candidates = [wanted].concat(navigator.languages || [navigator.language]);
  for (const candidate of candidates) {
    const code = String(candidate || '').toLowerCase().split('-')[0];
    if (STRINGS[code]) {
      return code;
    }
  }
  return 'en';
}

/** Fills {x} placeholders from values. */
export function fmt(text, values) {
  return text.replace(/\{(\w)\}/g, (all, name) => values[name]);
}
