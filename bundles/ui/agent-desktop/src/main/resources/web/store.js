// The desktop's state in memory and a tiny publish/subscribe so views update only what changed.
// Topics: 'me', 'config', 'interactions', 'interaction:<id>', 'agents', 'queues',
// 'messages:<id>', 'typing:<id>', 'receipts:<id>', 'outbox:<id>', 'selected', 'error', 'feed',
// 'tick', 'history:<id>', 'screenpop:<id>', 'orders:<id>', 'lang'.

export const FINAL_STATES = new Set(['CLOSED', 'ABANDONED']);

export class Store {
  constructor() {
    this.listeners = new Map();
    this.reset();
  }

  reset() {
    this.me = null; // {user, roles, agent}
    this.config = {
      notReadyReasons: [], dispositionCodes: [], cannedResponses: [], ringTimeout: 'PT20S',
    };
    this.interactions = new Map();
    this.agents = new Map();
    this.queues = [];
    this.conversations = new Map(); // id -> Conversation
    this.selected = null;
    this.error = null;
    this.feedStatus = 'connecting';
    this.history = new Map(); // id -> {state:'loading'|'ok'|'failed', data: interactions}
    this.screenPops = new Map(); // id -> {state:'loading'|'ok'|'none'|'failed', data: the CRM's view}
    this.orders = new Map(); // id -> {state:'loading'|'ok'|'none'|'failed', data: the order view}
  }

  on(topic, fn) {
    if (!this.listeners.has(topic)) this.listeners.set(topic, new Set());
    this.listeners.get(topic).add(fn);
    return () => this.listeners.get(topic)?.delete(fn);
  }

  emit(topic, detail) {
    const set = this.listeners.get(topic);
    if (!set) return;
    for (const fn of Array.from(set)) {
      try {
        fn(detail);
      } catch (e) {
        console.error('view update failed', topic, e);
      }
    }
  }

  get isSupervisor() {
    const roles = (this.me && this.me.roles) || [];
    return roles.includes('supervisor') || roles.includes('admin');
  }

  get agent() {
    return this.me ? this.me.agent : null;
  }

  get agentId() {
    return this.me && this.me.agent ? this.me.agent.id : (this.me ? this.me.user : null);
  }

  /** Whether this user should see the interaction (agents: only those offered/assigned to them). */
  visible(it) {
    if (!it || FINAL_STATES.has(it.state)) return false;
    if (this.isSupervisor) return true;
    return it.agent === this.agentId;
  }

  setMe(me) {
    this.me = me;
    this.emit('me', me);
  }

  setAgent(agent) {
    if (!agent) return;
    if (this.me && this.me.agent && this.me.agent.id === agent.id) {
      if (!newer(agent, this.me.agent)) return;
      this.me = { ...this.me, agent };
      this.emit('me', this.me);
    } else if (this.me && !this.me.agent && !this.isSupervisor && agent.id === this.me.user) {
      this.me = { ...this.me, agent };
      this.emit('me', this.me);
    }
    if (this.isSupervisor || this.agents.has(agent.id)) {
      const old = this.agents.get(agent.id);
      if (old && !newer(agent, old)) return;
      this.agents.set(agent.id, agent);
      this.emit('agents');
    }
  }

  setAgents(items) {
    this.agents = new Map((items || []).map((a) => [a.id, a]));
    if (this.me && this.me.agent && this.agents.has(this.me.agent.id)) {
      const mine = this.agents.get(this.me.agent.id);
      if (newer(mine, this.me.agent)) {
        this.me = { ...this.me, agent: mine };
        this.emit('me', this.me);
      }
    }
    this.emit('agents');
  }

  setQueues(items) {
    this.queues = items || [];
    this.emit('queues');
  }

  setConfig(config) {
    this.config = { ...this.config, ...(config || {}) };
    this.emit('config');
  }

  /** Replaces all interactions with a snapshot. */
  setInteractions(items) {
    const next = new Map();
    for (const it of items || []) if (this.visible(it)) next.set(it.id, it);
    const removed = [];
    for (const id of this.interactions.keys()) if (!next.has(id)) removed.push(id);
    this.interactions = next;
    for (const id of removed) this.forget(id);
    this.emit('interactions');
    for (const id of next.keys()) this.emit('interaction:' + id, next.get(id));
    if (this.selected && !next.has(this.selected)) this.select(null);
  }

  /** Applies one changed interaction; ignores stale versions. Returns whether it applied. */
  upsertInteraction(it) {
    if (!it || !it.id) return false;
    const old = this.interactions.get(it.id);
    if (old && typeof it.version === 'number' && typeof old.version === 'number' && it.version < old.version) {
      return false;
    }
    if (this.visible(it)) {
      this.interactions.set(it.id, it);
      this.emit('interactions');
      this.emit('interaction:' + it.id, it);
    } else if (old) {
      this.interactions.delete(it.id);
      this.emit('interactions');
      this.emit('interaction:' + it.id, it);
      this.forget(it.id);
      if (this.selected === it.id) this.select(null);
    }
    return true;
  }

  forget(id) {
    const conv = this.conversations.get(id);
    if (conv && conv.typingTimer) clearTimeout(conv.typingTimer);
    this.conversations.delete(id);
    this.history.delete(id);
    this.screenPops.delete(id);
    this.orders.delete(id);
  }

  select(id) {
    if (this.selected === id) return;
    this.selected = id;
    this.emit('selected', id);
  }

  conversation(id) {
    let c = this.conversations.get(id);
    if (!c) {
      c = new Conversation(id);
      this.conversations.set(id, c);
    }
    return c;
  }

  addMessages(id, messages) {
    const conv = this.conversation(id);
    let added = 0;
    for (const m of messages || []) if (conv.add(m)) added += 1;
    if (added) this.emit('messages:' + id, conv);
    return added;
  }

  setError(err) {
    this.error = err;
    this.emit('error', err);
  }

  setFeedStatus(s) {
    this.feedStatus = s;
    this.emit('feed', s);
  }
}

/** Messages of one conversation, ordered and deduplicated by seq. */
export class Conversation {
  constructor(id) {
    this.id = id;
    this.bySeq = new Map();
    this.loaded = false; // whether the transcript has been read from the REST API
    this.loading = null; // the promise of a running load
    this.loadFailed = false;
    this.typing = { CUSTOMER: false, AGENT: false };
    this.typingTimer = null;
    this.agentTypingTimer = null;
    this.receipts = { delivered: 0, read: 0 }; // what the customer received/read
    this.readSent = 0; // highest customer seq we reported as read
    this.deliveredSent = 0;
    this.unread = 0;
    this.outbox = []; // {clientId, text, visibility, status:'sending'|'retrying'|'failed'}
  }

  add(m) {
    if (!m || typeof m.seq !== 'number' || this.bySeq.has(m.seq)) return false;
    this.bySeq.set(m.seq, m);
    return true;
  }

  get maxSeq() {
    let max = 0;
    for (const s of this.bySeq.keys()) if (s > max) max = s;
    return max;
  }

  /** Messages oldest first. */
  list() {
    return Array.from(this.bySeq.values()).sort((a, b) => a.seq - b.seq);
  }

  lastCustomerSeq() {
    let max = 0;
    for (const m of this.bySeq.values()) if (m.party === 'CUSTOMER' && m.seq > max) max = m.seq;
    return max;
  }
}

function newer(a, b) {
  if (typeof a.version === 'number' && typeof b.version === 'number') return a.version >= b.version;
  return true;
}
