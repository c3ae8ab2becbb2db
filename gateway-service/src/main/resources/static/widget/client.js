// The gateway serving the widget also serves the API and the stylesheet, whichever site embeds it.

export class Client {
  constructor(gateway, apiKey, userToken) {
    this.gateway = gateway;
    this.apiKey = apiKey;
    this.userToken = userToken || null;
  }

  url(path) {
    return new URL(path, this.gateway).href;
  }

  headers(extra) {
    const result = { 'X-Api-Key': this.apiKey };
    if (this.userToken) {
      result['X-User-Token'] = this.userToken;
    }
    return Object.assign(result, extra);
  }

  request(method, path, body, accept) {
    const init = { method, mode: 'cors', credentials: 'omit', headers: this.headers({ Accept: accept || 'application/json' }) };
    if (body) {
      init.headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    return fetch(this.url(path), init);
  }

  /** A GET of an event stream, never from the cache, that the signal can cut. */
  events(path, extra, signal) {
    return fetch(this.url(path), { mode: 'cors', credentials: 'omit', cache: 'no-store',
      headers: this.headers(Object.assign({ Accept: 'text/event-stream' }, extra)), signal });
  }

  /** The value as an absolute http(s) URL, or null: no javascript: or data: links from a source's metadata. */
  safeHttpUrl(value) {
    if (!value) {
      return null;
    }
    try {
      const url = new URL(value, this.gateway);
      return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
    } catch (e) {
      return null;
    }
  }
}

export function readProblem(response) {
  return response.json().catch(() => null);
}

// Parses a text/event-stream body (fetch + ReadableStream: EventSource cannot POST or send headers); calls
// onEvent(name, parsedJsonOrNull, id) per event and onData per chunk.
export function readEvents(stream, onEvent, onData) {
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  let buffer = '';

  function dispatch(block) {
    let name = 'message';
    const data = [];
    let id = null;
    block.split(/\r\n|\r|\n/).forEach((line) => {
      if (!line || line.charAt(0) === ':') {
        return;
      }
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'event') {
        name = value;
      } else if (field === 'data') {
        data.push(value);
      } else if (field === 'id') {
        id = value;
      }
    });
    if (!data.length) {
      return;
    }
    let parsed = null;
    try {
      parsed = JSON.parse(data.join('\n'));
    } catch (e) {
      parsed = null;
    }
    onEvent(name, parsed, id);
  }

  function pump() {
    return reader.read().then((chunk) => {
      if (chunk.done) {
        buffer += decoder.decode();
        if (buffer.trim()) {
          dispatch(buffer);
        }
        return undefined;
      }
      if (onData) {
        onData();
      }
      buffer += decoder.decode(chunk.value, { stream: true });
      let boundary;
      while ((boundary = buffer.search(/\r\n\r\n|\n\n|\r\r/)) >= 0) {
        const block = buffer.slice(0, boundary);
        buffer = buffer.slice(boundary).replace(/^(\r\n\r\n|\n\n|\r\r)/, '');
        dispatch(block);
      }
      return pump();
    });
  }

  return pump();
}
