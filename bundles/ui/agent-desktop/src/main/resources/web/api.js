// REST API client: HTTP Basic on every call, JSON in and out, errors as ApiError.
// Credentials live in this object only (memory), never in storage.

const API_BASE = new URL('../api', document.baseURI).pathname.replace(/\/$/, '');

export class ApiError extends Error {
  /**
   * @param {number} status HTTP status, 0 for a network failure
   * @param {string} code the API's "error" field (validation, conflict, …) or 'network'
   * @param {string} message the API's "message" (English)
   */
  constructor(status, code, message, field) {
    super(message || code);
    this.status = status;
    this.code = code;
    this.field = field || null;
  }

  get network() {
    return this.status === 0;
  }

  /** Worth trying again with the same request (network failure, gateway/unavailable). */
  get transient() {
    return this.status === 0 || this.status === 502 || this.status === 503 || this.status === 504;
  }
}

function basic(user, password) {
  const bytes = new TextEncoder().encode(`${user}:${password}`);
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return 'Basic ' + btoa(bin);
}

export class Api {
  constructor(user, password) {
    this.user = user;
    this.authorization = basic(user, password);
    /** called with the ApiError for 401 answers (credentials no longer valid) */
    this.onUnauthorized = null;
  }

  async request(method, path, body, { raw = false, signal } = {}) {
    const headers = { Authorization: this.authorization, Accept: raw ? '*/*' : 'application/json' };
    const init = { method, headers, credentials: 'omit', cache: 'no-store', signal };
    if (method !== 'GET' && method !== 'HEAD' && method !== 'DELETE') {
      headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body === undefined ? {} : body);
    }
    let res;
    try {
      res = await fetch(API_BASE + path, init);
    } catch (e) {
      if (e && e.name === 'AbortError') throw e;
      throw new ApiError(0, 'network', String(e && e.message ? e.message : e));
    }
    if (!res.ok) {
      let code = `http-${res.status}`;
      let message = res.statusText || '';
      let field = null;
      try {
        const data = await res.json();
        if (data && typeof data === 'object') {
          code = data.error || code;
          message = data.message || message;
          field = data.field || null;
        }
      } catch (e) {
        // not JSON; keep the status
      }
      if (res.status === 401 && code.startsWith('http-')) code = 'unauthorized';
      if (res.status === 403 && code.startsWith('http-')) code = 'forbidden';
      const err = new ApiError(res.status, code, message, field);
      if (res.status === 401 && this.onUnauthorized) this.onUnauthorized(err);
      throw err;
    }
    if (raw) return res;
    if (res.status === 204) return null;
    const text = await res.text();
    if (!text) return null;
    try {
      return JSON.parse(text);
    } catch (e) {
      throw new ApiError(res.status, 'malformed-response', 'The server answered something that is not JSON');
    }
  }

  get(path, opts) {
    return this.request('GET', path, undefined, opts);
  }

  post(path, body, opts) {
    return this.request('POST', path, body, opts);
  }

  put(path, body, opts) {
    return this.request('PUT', path, body, opts);
  }

  del(path, opts) {
    return this.request('DELETE', path, undefined, opts);
  }

  // --- the calls the desktop makes ---

  me() {
    return this.get('/v1/me');
  }

  setState(agentId, state, reason) {
    const body = reason ? { state, reason } : { state };
    return this.put(`/v1/agents/${enc(agentId)}/state`, body);
  }

  heartbeat(agentId) {
    return this.post(`/v1/acd/agents/${enc(agentId)}/heartbeat?source=desktop`, {});
  }

  action(interactionId, action, body) {
    return this.post(`/v1/interactions/${enc(interactionId)}/${action}`, body || {});
  }

  dial(agentId, to, requestId) {
    return this.post(`/v1/agents/${enc(agentId)}/calls`, { to, requestId });
  }

  messages(interactionId, after = 0, limit = 200) {
    return this.get(`/v1/interactions/${enc(interactionId)}/messages?after=${after}&limit=${limit}`);
  }

  sendMessage(interactionId, text, clientId, visibility = 'ALL') {
    return this.post(`/v1/interactions/${enc(interactionId)}/messages`, { text, clientId, visibility });
  }

  history(interactionId, limit = 20) {
    return this.get(`/v1/interactions/${enc(interactionId)}/history?limit=${limit}`);
  }

  /** The screen pop: the built-in CRM's record and every external CRM's (404 without a CRM). */
  screenPop(interactionId) {
    return this.get(`/v1/interactions/${enc(interactionId)}/customer`);
  }

  /** Notes about a customer of the built-in CRM, newest first. */
  customerNotes(customerId, limit = 20) {
    return this.get(`/v1/customers/${enc(customerId)}/notes?limit=${limit}`);
  }

  addCustomerNote(customerId, text, interactionId) {
    return this.post(`/v1/customers/${enc(customerId)}/notes`, { text, interaction: interactionId || null });
  }

  /** The orders of the interaction's customer, from the order system's data dip. */
  customerOrders(interactionId) {
    return this.get(`/v1/orders?interaction=${enc(interactionId)}`);
  }

  /** One order by number. */
  order(number) {
    return this.get(`/v1/orders/${enc(number)}`);
  }

  /** A supervisor joins a call with their own phone: mode listen, whisper or barge. */
  startMonitor(interactionId, mode) {
    return this.post(`/v1/interactions/${enc(interactionId)}/monitor`, { mode });
  }

  changeMonitor(interactionId, mode) {
    return this.put(`/v1/interactions/${enc(interactionId)}/monitor`, { mode });
  }

  stopMonitor(interactionId) {
    return this.del(`/v1/interactions/${enc(interactionId)}/monitor`);
  }

  queues() {
    return this.get('/v1/queues');
  }

  agents() {
    return this.get('/v1/agents');
  }

  /** Sends a file (a File or Blob) into the conversation; answers the stored message. */
  async sendFile(interactionId, file) {
    let res;
    try {
      res = await fetch(`${API_BASE}/v1/interactions/${enc(interactionId)}/attachments`, {
        method: 'POST',
        headers: {
          Authorization: this.authorization,
          Accept: 'application/json',
          'Content-Type': file.type || 'application/octet-stream',
          'X-File-Name': encodeURIComponent(file.name || 'file'),
        },
        body: file,
        credentials: 'omit',
        cache: 'no-store',
      });
    } catch (e) {
      throw new ApiError(0, 'network', String(e && e.message ? e.message : e));
    }
    const data = await res.json().catch(() => null);
    if (!res.ok) {
      throw new ApiError(res.status, (data && data.error) || `http-${res.status}`,
        (data && data.message) || res.statusText || '', null);
    }
    return data;
  }

  /** Fetches an attachment with the Authorization header and returns a Blob. */
  async attachment(interactionId, attachmentId) {
    const res = await this.request('GET',
      `/v1/interactions/${enc(interactionId)}/attachments/${enc(attachmentId)}`, undefined, { raw: true });
    return res.blob();
  }
}

function enc(s) {
  return encodeURIComponent(String(s));
}

/** Calls fn until it succeeds or fails with a non-transient error; waits 1, 2, 4 … 15 s between. */
export async function withRetry(fn, { isCancelled = () => false, onRetry } = {}) {
  let delay = 1000;
  for (;;) {
    try {
      return await fn();
    } catch (e) {
      if (!(e instanceof ApiError) || !e.transient || isCancelled()) throw e;
      if (onRetry) onRetry(e);
      await new Promise((r) => setTimeout(r, delay));
      if (isCancelled()) throw e;
      delay = Math.min(delay * 2, 15000);
    }
  }
}
