// Kind messages for the ways a request can fail.
import { fmt } from './strings.js';

/** The message for a failed response; a 429 with Retry-After also calls pause(seconds). */
export function failureMessage(T, response, problem, pause) {
  if (response.status === 429) {
    const wait = parseInt(response.headers.get('Retry-After'), 10);
    if (wait > 0) {
      pause(wait);
      return fmt(T.rateLimited, { s: wait });
    }
    return T.rateLimitedSoon;
  }
  if (response.status >= 500) {
    return T.outage;
  }
  if (response.status === 401) {
    return T.signedOut; // the site's X-User-Token expired or was refused
  }
  return problemMessage(T, problem);
}

export function problemMessage(T, problem) {
  if (problem && problem.status >= 500) {
    return T.outage;
  }
  const title = problem && typeof problem.title === 'string' ? problem.title : null;
  return title ? fmt(T.refused, { t: title }) : T.outage;
}
