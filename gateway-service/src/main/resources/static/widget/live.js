// Live agent replies: the conversation's event stream, resumed after a drop from the last event seen.
import { readEvents } from './client.js';

// A stream that stays silent longer than this (the server sends a heartbeat every 15 s) is treated as dropped.
const SILENCE_MS = 45000;

/** widget: { T, view, client, state, agentMessage(message) } */
export class LiveEvents {
  constructor(widget) {
    this.widget = widget;
    this.live = null;
    // A half-open connection can hang for minutes after the network drops: cut it at once, and reconnect as soon
    // as the browser is back online instead of waiting for the next backoff step.
    window.addEventListener('offline', () => this.live && this.live.drop());
    window.addEventListener('online', () => this.live && this.live.now());
  }

  listen() {
    const { T, view, client, state } = this.widget;
    if (this.live || !state.conversationId) {
      return;
    }
    const live = { stopped: false, current: null, timer: null, attempt: 0, lost: null };
    this.live = live;

    const reconnectLater = () => {
      if (!live.lost && live.attempt > 0) {
        live.lost = view.notice(T.reconnecting, 'muted');
        view.announce(T.reconnecting);
      }
      live.attempt += 1;
      // Exponential backoff with jitter, capped at 30 s; the first retry is quick.
      const delay = live.attempt === 1 ? 250
        : Math.min(30000, 500 * Math.pow(2, Math.min(live.attempt, 6))) * (0.75 + Math.random() / 2);
      live.timer = window.setTimeout(connect, delay);
    };

    const connect = () => {
      window.clearTimeout(live.timer);
      if (live.stopped) {
        return;
      }
      const controller = new AbortController();
      let watchdog = null;
      live.current = controller;
      const alive = () => {
        window.clearTimeout(watchdog);
        watchdog = window.setTimeout(() => controller.abort(), SILENCE_MS);
      };
      let path = '/api/v1/conversations/' + encodeURIComponent(state.conversationId) + '/events';
      const extra = {};
      if (state.lastEventId) {
        extra['Last-Event-ID'] = state.lastEventId;
        path += '?after=' + encodeURIComponent(state.lastEventId);
      }
      client.events(path, extra, controller.signal).then((response) => {
        if (response.status === 404 || response.status === 401 || response.status === 403) {
          this.stop(); // no such conversation (any more): nothing will ever arrive
          return undefined;
        }
        if (!response.ok || !response.body) {
          throw new Error(String(response.status));
        }
        live.attempt = 0;
        if (live.lost) {
          live.lost.remove();
          live.lost = null;
          view.announce(T.reconnected);
        }
        alive();
        return readEvents(response.body, (name, data, id) => {
          if (id) {
            state.lastEventId = id;
          }
          if (name === 'message' && data && data.role === 'agent') {
            this.widget.agentMessage(data);
            view.announce(T.agent + ': ' + (data.content || ''));
          } else if (name === 'escalation' && data) {
            this.escalationChanged(data);
          }
        }, alive);
      }).catch(() => {
        /* dropped: reconnect below */
      }).then(() => {
        window.clearTimeout(watchdog);
        // Only the newest connection schedules the next one.
        if (!live.stopped && live.current === controller) {
          reconnectLater();
        }
      });
    };

    live.drop = () => {
      if (live.current) {
        live.current.abort();
      }
    };
    live.now = () => {
      live.attempt = 0;
      connect();
    };
    connect();
  }

  stop() {
    const live = this.live;
    this.live = null;
    if (live) {
      live.stopped = true;
      window.clearTimeout(live.timer);
      live.drop();
    }
  }

  escalationChanged(item) {
    const { T, view, state } = this.widget;
    const previous = state.escalation;
    state.escalation = item;
    if (item.status === 'assigned' && (!previous || previous.status !== 'assigned')) {
      view.notice(T.agentJoined, 'muted');
    } else if (item.status === 'resolved' && (!previous || previous.status !== 'resolved')) {
      view.notice(T.resolved, 'muted');
    }
  }
}
