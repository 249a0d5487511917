// The desk feed: a WebSocket at /ws/desk. Logs in with the first frame, pings every 25 s,
// reconnects with exponential backoff (1 s … 30 s, with jitter) and logs in again; the server then
// sends fresh snapshots.

const PING_EVERY_MS = 25000;
const PONG_TIMEOUT_MS = 10000;
const MAX_BACKOFF_MS = 30000;

export function feedUrl() {
  // The desk is at <prefix>/desk/, its feed at <prefix>/ws/desk (the sockets' own web context).
  const url = new URL('../ws/desk', document.baseURI);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  url.hash = '';
  url.search = '';
  return url.href;
}

export class Feed {
  /**
   * @param {{user:string,password:string}} credentials
   * @param {{onFrame:(f:object)=>void, onStatus:(s:'connecting'|'online'|'offline')=>void,
   *          onUnauthorized:(f:object)=>void, onReconnect:()=>void}} handlers
   */
  constructor(credentials, handlers) {
    this.credentials = credentials;
    this.handlers = handlers;
    this.ws = null;
    this.stopped = false;
    this.attempt = 0;
    this.everWelcomed = false;
    this.pingTimer = null;
    this.pongTimer = null;
    this.reconnectTimer = null;
    this.status = 'connecting';
    this.onOnline = () => {
      if (this.reconnectTimer && !this.ws) {
        clearTimeout(this.reconnectTimer);
        this.reconnectTimer = null;
        this.connect();
      }
    };
    window.addEventListener('online', this.onOnline);
  }

  start() {
    this.stopped = false;
    this.connect();
  }

  stop() {
    this.stopped = true;
    window.removeEventListener('online', this.onOnline);
    this.clearTimers();
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = null;
    if (this.ws) {
      const ws = this.ws;
      this.ws = null;
      try {
        ws.close(1000, 'bye');
      } catch (e) {
        // already closing
      }
    }
  }

  /** Sends a frame when the socket is open and logged in; returns whether it was sent. */
  send(frame) {
    if (!this.ws || this.ws.readyState !== WebSocket.OPEN || !this.welcomed) return false;
    try {
      this.ws.send(JSON.stringify(frame));
      return true;
    } catch (e) {
      return false;
    }
  }

  setStatus(s) {
    if (this.status === s) return;
    this.status = s;
    if (this.handlers.onStatus) this.handlers.onStatus(s);
  }

  connect() {
    if (this.stopped) return;
    this.reconnectTimer = null;
    this.welcomed = false;
    this.setStatus(this.everWelcomed ? 'offline' : 'connecting');
    let ws;
    try {
      ws = new WebSocket(feedUrl());
    } catch (e) {
      this.scheduleReconnect();
      return;
    }
    this.ws = ws;
    ws.onopen = () => {
      if (ws !== this.ws) return;
      ws.send(JSON.stringify({
        type: 'login', user: this.credentials.user, password: this.credentials.password,
      }));
      this.schedulePing();
    };
    ws.onmessage = (ev) => {
      if (ws !== this.ws) return;
      let frame;
      try {
        frame = JSON.parse(ev.data);
      } catch (e) {
        return;
      }
      if (!frame || typeof frame !== 'object') return;
      this.alive();
      if (frame.type === 'pong') return;
      if (frame.type === 'welcome') {
        this.welcomed = true;
        this.attempt = 0;
        const again = this.everWelcomed;
        this.everWelcomed = true;
        this.setStatus('online');
        if (again && this.handlers.onReconnect) this.handlers.onReconnect();
      }
      if (frame.type === 'error' && frame.code === 'unauthorized') {
        this.stop();
        if (this.handlers.onUnauthorized) this.handlers.onUnauthorized(frame);
        return;
      }
      this.handlers.onFrame(frame);
    };
    ws.onclose = (ev) => {
      if (ws !== this.ws) return;
      this.ws = null;
      this.welcomed = false;
      this.clearTimers();
      if (this.stopped) return;
      if (ev.code === 4401) {
        this.stop();
        if (this.handlers.onUnauthorized) this.handlers.onUnauthorized({ code: 'unauthorized' });
        return;
      }
      this.setStatus(this.everWelcomed ? 'offline' : 'connecting');
      this.scheduleReconnect();
    };
    ws.onerror = () => {
      // onclose follows and reconnects
    };
  }

  scheduleReconnect() {
    if (this.stopped || this.reconnectTimer) return;
    const base = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** this.attempt);
    this.attempt = Math.min(this.attempt + 1, 10);
    const delay = Math.round(base * (0.75 + Math.random() * 0.5));
    this.reconnectTimer = setTimeout(() => this.connect(), delay);
  }

  schedulePing() {
    if (this.pingTimer) clearTimeout(this.pingTimer);
    this.pingTimer = setTimeout(() => this.ping(), PING_EVERY_MS);
  }

  ping() {
    this.pingTimer = null;
    const ws = this.ws;
    if (!ws || ws.readyState !== WebSocket.OPEN) return;
    try {
      ws.send(JSON.stringify({ type: 'ping' }));
    } catch (e) {
      return;
    }
    if (this.pongTimer) clearTimeout(this.pongTimer);
    this.pongTimer = setTimeout(() => {
      // no answer: the connection is dead even if the browser has not noticed
      if (ws === this.ws) {
        try {
          ws.close(4000, 'no pong');
        } catch (e) {
          // ignore
        }
        ws.onclose({ code: 4000 });
      }
    }, PONG_TIMEOUT_MS);
    this.schedulePing();
  }

  alive() {
    if (this.pongTimer) {
      clearTimeout(this.pongTimer);
      this.pongTimer = null;
    }
  }

  clearTimers() {
    if (this.pingTimer) clearTimeout(this.pingTimer);
    if (this.pongTimer) clearTimeout(this.pongTimer);
    this.pingTimer = null;
    this.pongTimer = null;
  }
}
