// Entry point of the agent desktop: login, the desk feed, and every action the views trigger.

import { Api, ApiError, withRetry } from './api.js';
import { uuid } from './dom.js';
import { Feed } from './feed.js';
import { applyDocumentLanguage, setLang, t } from './i18n.js';
import { FINAL_STATES, Store } from './store.js';
import { mountAgent } from './views/agent.js';
import { mountLogin } from './views/login.js';
import { mountSupervisor } from './views/supervisor.js';

const DESK_ROLES = ['agent', 'supervisor', 'admin'];
const HEARTBEAT_EVERY_S = 60;
const TYPING_EVERY_MS = 2000;
const TYPING_SHOWN_MS = 5000;

class App {
  constructor(root) {
    this.root = root;
    this.store = new Store();
    this.api = null;
    this.feed = null;
    this.view = null;
    this.tickTimer = null;
    this.ticks = 0;
    this.heartbeatOff = false;
    this.drafts = new Map(); // reply drafts and wrap-up notes, per interaction
    this.announced = new Set(); // offers already announced to screen readers
    this.transferTargets = { queues: [], agents: [], loadedAt: 0 };
    this.attachmentUrls = new Map();
    // clientIds "d-<n>": n starts from the clock so a reload never reuses one the server stored
    this.clientCounter = Date.now();
    this.lastTypingSent = new Map();
  }

  start() {
    applyDocumentLanguage();
    this.renderLogin();
  }

  // ---------------------------------------------------------------- session

  async login(user, password, language) {
    setLang(language);
    const api = new Api(user, password);
    let me;
    try {
      me = await api.me();
    } catch (e) {
      throw loginError(e);
    }
    const roles = (me && Array.isArray(me.roles)) ? me.roles : [];
    if (!roles.some((r) => DESK_ROLES.includes(r))) throw keyed('login.error.role');
    const supervisor = roles.includes('supervisor') || roles.includes('admin');
    if (!supervisor && !me.agent) throw keyed('login.error.noAgent');

    this.store.reset();
    this.api = api;
    this.drafts.clear();
    this.announced.clear();
    this.heartbeatOff = false;
    this.transferTargets = { queues: [], agents: [], loadedAt: 0 };
    api.onUnauthorized = () => this.signOut('login.error.session');
    this.store.setMe({ user: me.user || user, roles, agent: me.agent || null });

    this.feed = new Feed({ user, password }, {
      onFrame: (f) => this.onFrame(f),
      onStatus: (s) => this.store.setFeedStatus(s),
      onUnauthorized: () => this.signOut('login.error.session'),
      onReconnect: () => {},
    });
    this.feed.start();
    this.ticks = 0;
    this.tickTimer = setInterval(() => this.tick(), 1000);
    this.renderMain();
    if (this.view && this.view.focusStart) this.view.focusStart();
    this.heartbeat();
    if (supervisor) this.loadSupervisorData();
  }

  signOut(messageKey) {
    if (this.feed) this.feed.stop();
    this.feed = null;
    if (this.tickTimer) clearInterval(this.tickTimer);
    this.tickTimer = null;
    if (this.api) this.api.onUnauthorized = null;
    this.api = null;
    for (const p of this.attachmentUrls.values()) p.then((u) => u && URL.revokeObjectURL(u), () => {});
    this.attachmentUrls.clear();
    for (const c of this.store.conversations.values()) {
      clearTimeout(c.typingTimer);
      clearTimeout(c.agentTypingTimer);
    }
    this.store.reset();
    this.drafts.clear();
    this.renderLogin(messageKey);
  }

  renderLogin(errorKey) {
    if (this.view) this.view.destroy();
    this.view = mountLogin(this.root, this, { errorKey });
  }

  renderMain() {
    if (this.view) this.view.destroy();
    this.renderedAs = this.store.isSupervisor ? 'supervisor' : 'agent';
    this.view = this.renderedAs === 'supervisor' ? mountSupervisor(this.root, this) : mountAgent(this.root, this);
  }

  setLanguage(code) {
    setLang(code);
    if (!this.api) return;
    const focusLang = document.activeElement && document.activeElement.dataset
      && document.activeElement.dataset.testid === 'language';
    const err = this.store.error;
    if (err && err.make) this.store.error = { ...err, text: err.make() };
    this.renderMain();
    if (focusLang) {
      const el = this.root.querySelector('[data-testid="language"]');
      if (el) el.focus();
    }
  }

  tick() {
    this.ticks += 1;
    this.store.emit('tick');
    if (this.ticks % HEARTBEAT_EVERY_S === 0) this.heartbeat();
    if (this.ticks % 30 === 0) this.cleanOutboxes();
  }

  /** Tells the ACD watchdog the agent is alive (see acd.md); silent, stops when not available. */
  heartbeat() {
    const a = this.store.agent;
    if (!this.api || this.heartbeatOff || this.store.isSupervisor || !a || a.state === 'LOGGED_OUT') return;
    this.api.heartbeat(a.id).catch((e) => {
      if (e instanceof ApiError && (e.status === 404 || e.status === 403 || e.status === 405)) this.heartbeatOff = true;
    });
  }

  cleanOutboxes() {
    // drop outbox entries whose conversation is gone
    for (const [id, c] of this.store.conversations) {
      if (!this.store.interactions.has(id) && c.outbox.length === 0) this.store.conversations.delete(id);
    }
  }

  // ---------------------------------------------------------------- feed

  onFrame(f) {
    const store = this.store;
    switch (f.type) {
      case 'welcome': {
        const roles = Array.isArray(f.roles) ? f.roles : (store.me ? store.me.roles : []);
        store.setMe({
          user: f.user || (store.me && store.me.user),
          roles,
          agent: f.agent !== undefined ? f.agent : (store.me ? store.me.agent : null),
        });
        store.setConfig(f.config);
        const as = store.isSupervisor ? 'supervisor' : 'agent';
        if (as !== this.renderedAs) this.renderMain();
        break;
      }
      case 'interactions':
        store.setInteractions(f.items);
        this.catchUp();
        break;
      case 'interaction':
        this.applyInteraction(f.interaction);
        break;
      case 'agent':
        store.setAgent(f.agent);
        break;
      case 'agents':
        store.setAgents(f.items);
        break;
      case 'queues':
        store.setQueues(f.items);
        break;
      case 'message':
        this.onMessage(f.message);
        break;
      case 'typing':
        this.onTyping(f.interaction, f.party);
        break;
      case 'receipt':
        this.onReceipt(f);
        break;
      case 'error':
        if (f.code !== 'unknown-type') {
          this.showMessage(t('error.feed', { message: f.message || f.code || '' }));
        }
        break;
      default:
        break;
    }
  }

  applyInteraction(it) {
    if (!it) return;
    this.store.upsertInteraction(it);
  }

  /** After a (re)connect snapshot: read messages missed meanwhile for the chats we have. */
  catchUp() {
    for (const [id, c] of this.store.conversations) {
      if (c.loaded && this.store.interactions.has(id)) this.loadTranscript(id, true);
    }
  }

  onMessage(m) {
    if (!m || !m.interaction) return;
    const store = this.store;
    const id = m.interaction;
    const conv = store.conversation(id);
    // the POST answer may come after the feed: settle the outbox entry now
    const ownParty = store.isSupervisor ? 'SUPERVISOR' : 'AGENT';
    if (m.party === ownParty && conv.outbox.length) {
      const i = conv.outbox.findIndex((p) => p.text === m.text && (p.visibility || 'ALL') === (m.visibility || 'ALL')
        && p.status !== 'failed');
      if (i >= 0) {
        conv.outbox[i].settled = true;
        conv.outbox.splice(i, 1);
        store.emit('outbox:' + id, conv);
      }
    }
    if (m.party === 'CUSTOMER') {
      if (conv.typing.CUSTOMER) {
        conv.typing.CUSTOMER = false;
        clearTimeout(conv.typingTimer);
        store.emit('typing:' + id, conv);
      }
    }
    const added = store.addMessages(id, [m]);
    if (!added || m.party !== 'CUSTOMER' || store.isSupervisor) return;
    if (m.seq > conv.deliveredSent && this.feed) {
      if (this.feed.send({ type: 'delivered', interaction: id, seq: m.seq })) conv.deliveredSent = m.seq;
    }
    if (!this.isOnScreen(id)) {
      conv.unread += 1;
      store.emit('unread', id);
    }
    // read receipts are sent by the workspace through markRead on the messages update
  }

  onTyping(id, party) {
    if (!id) return;
    const conv = this.store.conversation(id);
    const key = party === 'CUSTOMER' ? 'CUSTOMER' : 'AGENT';
    if (key === 'AGENT' && !this.store.isSupervisor) return;
    conv.typing[key] = true;
    const timerKey = key === 'CUSTOMER' ? 'typingTimer' : 'agentTypingTimer';
    clearTimeout(conv[timerKey]);
    conv[timerKey] = setTimeout(() => {
      conv.typing[key] = false;
      this.store.emit('typing:' + id, conv);
    }, TYPING_SHOWN_MS);
    this.store.emit('typing:' + id, conv);
  }

  onReceipt(f) {
    if (!f.interaction || f.party !== 'CUSTOMER' || typeof f.seq !== 'number') return;
    const conv = this.store.conversation(f.interaction);
    const kind = f.kind === 'read' ? 'read' : 'delivered';
    if (f.seq > conv.receipts[kind]) conv.receipts[kind] = f.seq;
    if (kind === 'read' && f.seq > conv.receipts.delivered) conv.receipts.delivered = f.seq;
    this.store.emit('receipts:' + f.interaction, conv);
  }

  isOnScreen(id) {
    return this.store.selected === id && document.visibilityState === 'visible';
  }

  /** Sends a read receipt for the newest customer message when the chat is on screen. */
  markRead(id) {
    const store = this.store;
    if (store.isSupervisor || !this.isOnScreen(id)) return;
    const conv = store.conversations.get(id);
    if (!conv) return;
    if (conv.unread) {
      conv.unread = 0;
      store.emit('unread', id);
    }
    const seq = conv.lastCustomerSeq();
    if (seq > conv.readSent && this.feed && this.feed.send({ type: 'read', interaction: id, seq })) {
      conv.readSent = seq;
      if (seq > conv.deliveredSent) conv.deliveredSent = seq;
    }
  }

  /** Typing frames, at most one every 2 s. */
  typing(id) {
    if (!this.feed) return;
    const now = Date.now();
    if (now - (this.lastTypingSent.get(id) || 0) < TYPING_EVERY_MS) return;
    if (this.feed.send({ type: 'typing', interaction: id })) this.lastTypingSent.set(id, now);
  }

  // ---------------------------------------------------------------- transcript

  /** Loads the transcript (all of it the first time, then what came after the last seq). */
  loadTranscript(id, quiet) {
    const conv = this.store.conversation(id);
    if (conv.loading) return conv.loading;
    const api = this.api;
    if (!api) return Promise.resolve();
    conv.loadFailed = false;
    conv.loading = (async () => {
      let after = conv.loaded ? conv.maxSeq : 0;
      for (let page = 0; page < 100; page += 1) {
        const items = await withRetry(() => api.messages(id, after, 200), { isCancelled: () => this.api !== api });
        const list = Array.isArray(items) ? items : [];
        this.store.addMessages(id, list);
        if (list.length < 200) break;
        after = list.reduce((m, x) => Math.max(m, x.seq || 0), after);
      }
      conv.loaded = true;
    })();
    this.store.emit('messages:' + id, conv);
    return conv.loading.then(() => {
      conv.loading = null;
      this.store.emit('messages:' + id, conv);
    }, (e) => {
      conv.loading = null;
      conv.loadFailed = true;
      this.store.emit('messages:' + id, conv);
      if (!quiet && this.api === api && this.store.interactions.has(id)) this.showError(e);
    });
  }

  send(id, text, visibility = 'ALL') {
    const conv = this.store.conversation(id);
    this.clientCounter += 1;
    const entry = { clientId: 'd-' + this.clientCounter, text, visibility, status: 'sending' };
    conv.outbox.push(entry);
    this.store.emit('outbox:' + id, conv);
    this.deliver(id, entry);
  }

  retrySend(id, clientId) {
    const conv = this.store.conversation(id);
    const entry = conv.outbox.find((p) => p.clientId === clientId);
    if (!entry || entry.status !== 'failed') return;
    entry.status = 'sending';
    this.store.emit('outbox:' + id, conv);
    this.deliver(id, entry);
  }

  async deliver(id, entry) {
    const api = this.api;
    const conv = this.store.conversation(id);
    const emit = () => this.store.emit('outbox:' + id, conv);
    try {
      const msg = await withRetry(() => api.sendMessage(id, entry.text, entry.clientId, entry.visibility), {
        isCancelled: () => this.api !== api || entry.settled,
        onRetry: () => {
          if (entry.status !== 'retrying') {
            entry.status = 'retrying';
            emit();
          }
        },
      });
      const i = conv.outbox.indexOf(entry);
      if (i >= 0) conv.outbox.splice(i, 1);
      if (msg && typeof msg.seq === 'number') this.store.addMessages(id, [{ ...msg, interaction: msg.interaction || id }]);
      emit();
    } catch (e) {
      if (this.api !== api || entry.settled) return;
      entry.status = 'failed';
      emit();
      this.showError(e);
    }
  }

  /** Sends a file the agent picked into the conversation; errors go to the banner. */
  async sendFile(id, file) {
    try {
      const msg = await this.api.sendFile(id, file);
      if (msg && typeof msg.seq === 'number') this.store.addMessages(id, [{ ...msg, interaction: msg.interaction || id }]);
      this.store.setError(null);
      return true;
    } catch (e) {
      this.showError(e);
      return false;
    }
  }

  attachmentUrl(id, att) {
    const key = id + '/' + att.id;
    if (!this.attachmentUrls.has(key)) {
      const api = this.api;
      const p = api ? api.attachment(id, att.id).then((blob) => URL.createObjectURL(blob)) : Promise.resolve(null);
      p.catch(() => this.attachmentUrls.delete(key));
      this.attachmentUrls.set(key, p);
    }
    return this.attachmentUrls.get(key);
  }

  async openAttachment(id, att) {
    try {
      const url = await this.attachmentUrl(id, att);
      if (!url) return;
      const a = document.createElement('a');
      a.href = url;
      a.download = att.name || 'attachment';
      a.rel = 'noopener';
      document.body.appendChild(a);
      a.click();
      a.remove();
    } catch (e) {
      this.showError(e);
    }
  }

  // ---------------------------------------------------------------- side data

  loadHistory(id) {
    this.loadOnce(this.store.history, 'history:', id,
      (api) => api.history(id, 20), (items) => (Array.isArray(items) ? items : []));
  }

  /** The customer as the CRMs know them; 'none' when no CRM is installed. */
  loadScreenPop(id) {
    this.loadOnce(this.store.screenPops, 'screenpop:', id,
      (api) => api.screenPop(id), (pop) => pop || null);
  }

  /** The customer's orders from the order system; 'none' without one. */
  loadOrders(id) {
    this.loadOnce(this.store.orders, 'orders:', id,
      (api) => api.customerOrders(id), (view) => view || null);
  }

  /** Loads side data of an interaction into a store map once (again after a failure). */
  loadOnce(map, event, id, fetch, read) {
    const store = this.store;
    const entry = map.get(id);
    if (entry && entry.state !== 'failed') return;
    map.set(id, { state: 'loading', data: null });
    store.emit(event + id);
    const api = this.api;
    const settle = (value) => {
      if (this.api !== api || !map.has(id)) return;
      map.set(id, value);
      store.emit(event + id);
    };
    fetch(api).then((data) => settle({ state: 'ok', data: read(data) }),
      (e) => settle({ state: e && e.status === 404 ? 'none' : 'failed', data: null }));
  }

  /** Queues and agents for the transfer select; read again at most every 10 s. */
  loadTransferTargets() {
    const api = this.api;
    if (!api || Date.now() - this.transferTargets.loadedAt < 10000 || this.transferTargets.loading) return;
    this.transferTargets.loading = true;
    Promise.allSettled([api.queues(), api.agents()]).then(([q, a]) => {
      if (this.api !== api) return;
      this.transferTargets = {
        queues: q.status === 'fulfilled' && Array.isArray(q.value) ? q.value : this.transferTargets.queues,
        agents: a.status === 'fulfilled' && Array.isArray(a.value) ? a.value : this.transferTargets.agents,
        loadedAt: Date.now(),
        loading: false,
      };
      this.store.emit('transferTargets');
    });
  }

  /** Supervisors: queues and agents also by REST, in case the feed's snapshots are late. */
  loadSupervisorData() {
    const api = this.api;
    api.queues().then((q) => {
      if (this.api === api && Array.isArray(q) && this.store.queues.length === 0) this.store.setQueues(q);
    }, () => {});
    api.agents().then((a) => {
      if (this.api === api && Array.isArray(a) && this.store.agents.size === 0) this.store.setAgents(a);
    }, () => {});
  }

  // ---------------------------------------------------------------- actions

  select(id) {
    this.store.select(id);
  }

  async setState(state, reason) {
    const a = this.store.agent;
    const id = a ? a.id : this.store.agentId;
    try {
      const agent = await this.api.setState(id, state, reason);
      if (agent && agent.id) this.store.setAgent(agent);
      this.store.setError(null);
      if (state !== 'LOGGED_OUT') this.heartbeat();
    } catch (e) {
      this.showError(e);
    }
  }

  /** POST /interactions/{id}/{action}; applies the returned interaction. Errors go to the banner. */
  async act(id, action, body) {
    try {
      const r = await this.api.action(id, action, body || {});
      if (r && r.id === id && r.state) this.applyInteraction(r);
      this.store.setError(null);
      return r;
    } catch (e) {
      this.showError(e);
      return null;
    }
  }

  async accept(id) {
    const r = await this.act(id, 'accept', {});
    if (r !== null) {
      const it = this.store.interactions.get(id);
      if (it && !FINAL_STATES.has(it.state)) this.select(id);
    }
  }

  decline(id) {
    return this.act(id, 'decline', { reason: 'declined' });
  }

  async dial(number) {
    const api = this.api;
    const a = this.store.agent;
    const requestId = uuid();
    try {
      const it = await withRetry(() => api.dial(a ? a.id : this.store.agentId, number, requestId),
        { isCancelled: () => this.api !== api });
      if (it && it.id) {
        this.applyInteraction(it);
        if (this.store.interactions.has(it.id)) this.select(it.id);
      }
      this.store.setError(null);
      return true;
    } catch (e) {
      if (this.api === api) this.showError(e);
      return false;
    }
  }

  // ---------------------------------------------------------------- errors

  showError(e) {
    if (!(e instanceof ApiError)) {
      console.error(e);
      const make = () => t('error.generic', { message: String(e && e.message ? e.message : e) });
      this.store.setError({ text: make(), make });
      return;
    }
    if (e.status === 401) return; // signOut follows through onUnauthorized
    const make = () => errorText(e);
    this.store.setError({ text: make(), make, code: e.code, status: e.status });
  }

  showMessage(text) {
    this.store.setError({ text });
  }
}

function errorText(e) {
  if (e.network) return t('error.network');
  const key = 'error.' + e.code;
  const text = t(key, { message: e.message || e.code });
  if (text !== key) return text;
  return t('error.generic', { message: e.message || e.code });
}

function keyed(key, message) {
  const err = new Error(message || key);
  err.i18nKey = key;
  return err;
}

function loginError(e) {
  if (e instanceof ApiError) {
    if (e.status === 401) return keyed('login.error.unauthorized');
    if (e.network) return keyed('login.error.network');
    if (e.status === 403) return keyed('login.error.role');
    return keyed('login.error.server', e.message || e.code);
  }
  return keyed('login.error.server', String(e && e.message ? e.message : e));
}

const root = document.getElementById('app');
const app = new App(root);
app.start();
