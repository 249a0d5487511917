// The supervisor view: queues (waiting, longest wait), agents (state, reason, load), live chats and
// calls, and monitoring of one of them: a chat's transcript with whisper and barge-in, a call through
// the supervisor's own phone (listen, whisper, barge in).

import { formatDuration, h, parseTime, reconcile, setAttr, setText } from '../dom.js';
import { t, tOr } from '../i18n.js';
import { createCallMonitor } from './callmonitor.js';
import { createSupervisorBox, createTranscript } from './chat.js';
import {
  channelLabel, customerName, errorBanner, feedIndicator, interactionStateLabel, languageSelect,
  scope, signOutButton, userBadge,
} from './common.js';
import { createCustomerPanel } from './customer.js';

const OCCUPYING = new Set(['OFFERED', 'CONNECTED', 'HELD', 'WRAP_UP']);
const LIVE = new Set(['OFFERED', 'CONNECTED', 'HELD']);
const MONITORED = new Set(['chat', 'voice']);

export function mountSupervisor(root, app) {
  const store = app.store;
  const sc = scope(store);

  const header = h('header', { class: 'topbar' },
    h('div', { class: 'brand' }, t('app.brand')),
    h('h1', { class: 'view-title' }, t('sup.view')),
    h('div', { class: 'session' }, feedIndicator(app, sc), userBadge(app), languageSelect(app), signOutButton(app)));

  // --- queues
  const queueBody = h('tbody');
  const queuesTable = h('table', { class: 'grid', testid: 'queues-table' },
    h('caption', { class: 'visually-hidden' }, t('sup.queues')),
    h('thead', null, h('tr', null,
      h('th', { scope: 'col' }, t('sup.queue')),
      h('th', { scope: 'col', class: 'num' }, t('sup.waiting')),
      h('th', { scope: 'col', class: 'num' }, t('sup.longestWait')))),
    queueBody);
  const noQueues = h('p', { class: 'muted empty' }, t('sup.noQueues'));

  const queueRows = () => {
    const waiting = new Map();
    for (const it of store.interactions.values()) {
      if (it.state !== 'QUEUED' || !it.queue) continue;
      const w = waiting.get(it.queue) || { count: 0, oldest: Infinity };
      w.count += 1;
      const since = parseTime(it.queuedAt || it.createdAt);
      if (!Number.isNaN(since)) w.oldest = Math.min(w.oldest, since);
      waiting.set(it.queue, w);
    }
    const rows = store.queues.map((q) => ({ id: q.id, name: q.name || q.id, w: waiting.get(q.id) }));
    for (const [id, w] of waiting) if (!rows.some((r) => r.id === id)) rows.push({ id, name: id, w });
    return rows;
  };
  const renderQueues = () => {
    const rows = queueRows();
    reconcile(queueBody, rows, (r) => r.id,
      () => h('tr', { testid: 'queue-row' },
        h('th', { scope: 'row', class: 'q-name' }), h('td', { class: 'num q-waiting' }), h('td', { class: 'num q-longest' })),
      (tr, r) => {
        tr.dataset.queue = r.id;
        const [name, count, longest] = tr.children;
        setText(name, r.name);
        setText(count, r.w ? r.w.count : 0);
        setText(longest, r.w && Number.isFinite(r.w.oldest) ? formatDuration(Date.now() - r.w.oldest) : t('time.none'));
        tr.classList.toggle('has-waiting', !!(r.w && r.w.count));
      });
    noQueues.hidden = rows.length > 0;
  };

  // --- agents
  const agentBody = h('tbody');
  const agentsTable = h('table', { class: 'grid', testid: 'agents-table' },
    h('caption', { class: 'visually-hidden' }, t('sup.agents')),
    h('thead', null, h('tr', null,
      h('th', { scope: 'col' }, t('sup.agent')),
      h('th', { scope: 'col' }, t('sup.state')),
      h('th', { scope: 'col' }, t('sup.reason')),
      h('th', { scope: 'col', class: 'num' }, t('sup.since')),
      h('th', { scope: 'col', class: 'num' }, t('sup.load')))),
    agentBody);
  const noAgents = h('p', { class: 'muted empty' }, t('sup.noAgents'));
  const renderAgents = () => {
    const load = new Map();
    for (const it of store.interactions.values()) {
      if (it.agent && OCCUPYING.has(it.state)) load.set(it.agent, (load.get(it.agent) || 0) + 1);
    }
    const agents = Array.from(store.agents.values())
      .sort((a, b) => String(a.displayName || a.id).localeCompare(String(b.displayName || b.id)));
    reconcile(agentBody, agents, (a) => a.id,
      () => h('tr', { testid: 'agent-row' },
        h('th', { scope: 'row' }), h('td', null, h('span', { class: 'state-pill' })), h('td'),
        h('td', { class: 'num a-since' }), h('td', { class: 'num' })),
      (tr, a) => {
        tr.dataset.agent = a.id;
        tr.dataset.state = a.state || '';
        const [name, state, reason, , count] = tr.children;
        setText(name, a.displayName && a.displayName !== a.id ? `${a.displayName} (${a.id})` : a.id);
        const pill = state.firstChild;
        setText(pill, tOr('state', a.state));
        pill.dataset.state = a.state || '';
        setText(reason, a.state === 'READY' ? '' : tOr('reason', a.reason));
        setText(count, load.get(a.id) || 0);
      });
    noAgents.hidden = agents.length > 0;
    tickAgents();
  };
  const tickAgents = () => {
    for (const tr of agentBody.children) {
      const a = store.agents.get(tr.dataset.agent);
      const since = a ? parseTime(a.stateSince) : NaN;
      setText(tr.children[3], Number.isNaN(since) ? t('time.none') : formatDuration(Date.now() - since));
    }
  };

  // --- live chats
  const chatsList = h('ul', { class: 'live-chats', testid: 'live-chats', 'aria-labelledby': 'sup-chats-h' });
  const noChats = h('p', { class: 'muted empty' }, t('sup.noChats'));
  const agentName = (id) => {
    if (!id) return t('sup.unassigned');
    const a = store.agents.get(id);
    return a && a.displayName ? a.displayName : id;
  };
  const renderChats = () => {
    const chats = Array.from(store.interactions.values())
      .filter((it) => MONITORED.has(it.channel) && (LIVE.has(it.state) || it.id === store.selected))
      .sort((a, b) => (parseTime(a.createdAt) || 0) - (parseTime(b.createdAt) || 0));
    reconcile(chatsList, chats, (it) => it.id,
      (it) => {
        const btn = h('button', {
          type: 'button', class: 'live-chat', testid: 'live-chat',
          on: { click: () => app.select(btn.dataset.interaction) },
        }, h('span', { class: 'lc-name' }), h('span', { class: 'lc-sub' }));
        return h('li', null, btn);
      },
      (li, it) => {
        const btn = li.firstChild;
        btn.dataset.interaction = it.id;
        btn.dataset.state = it.state;
        btn.dataset.channel = it.channel;
        const [name, sub] = btn.children;
        setText(name, customerName(it));
        setText(sub, [channelLabel(it.channel), agentName(it.agent), interactionStateLabel(it.state)].join(' · '));
        setAttr(btn, 'aria-pressed', store.selected === it.id ? 'true' : 'false');
        const open = it.channel === 'voice' ? 'sup.callOpen' : 'sup.chatOpen';
        setAttr(btn, 'aria-label', t(open, { name: customerName(it), agent: agentName(it.agent) })
          + ' · ' + interactionStateLabel(it.state));
      });
    noChats.hidden = chats.length > 0;
  };

  // --- monitor
  const monitor = h('section', { class: 'monitor', 'aria-labelledby': 'sup-monitor-h' });
  let current = null;
  const showMonitor = () => {
    const id = store.selected;
    if (current && current.id === id) return;
    if (current) current.sc.destroy();
    current = null;
    const heading = h('h2', { id: 'sup-monitor-h', tabindex: '-1' }, t('sup.monitor'));
    const it = id ? store.interactions.get(id) : null;
    if (!it) {
      monitor.replaceChildren(heading, h('p', { class: 'muted' }, t('sup.monitorEmpty')));
      return;
    }
    const msc = scope(store);
    if (it.channel === 'voice') {
      showCall(heading, msc, id);
      current = { id, sc: msc };
      return;
    }
    const title = h('p', { class: 'monitor-title' });
    const ended = h('p', { class: 'hint', hidden: true }, t('chat.ended'));
    const whisper = createSupervisorBox(app, id, 'whisper');
    const barge = createSupervisorBox(app, id, 'barge');
    const update = () => {
      const x = store.interactions.get(id);
      if (!x) return;
      setText(title, t('sup.monitorHeading', { name: customerName(x), agent: agentName(x.agent) })
        + ' · ' + channelLabel(x.channel) + ' · ' + interactionStateLabel(x.state));
      const live = x.state === 'CONNECTED' || x.state === 'HELD';
      ended.hidden = live || x.state === 'OFFERED';
      barge.setEnabled(live);
      whisper.setEnabled(live || x.state === 'OFFERED');
    };
    monitor.replaceChildren(
      heading, title,
      h('p', { class: 'silent-note' }, t('sup.silent')),
      h('div', { class: 'monitor-grid' },
        h('div', { class: 'monitor-chat' }, createTranscript(app, msc, id, 'monitor'), ended, whisper.el, barge.el),
        createCustomerPanel(app, msc, id)));
    msc.on('interaction:' + id, update);
    msc.on('agents', update);
    update();
    current = { id, sc: msc };
  };
  sc.add(() => current && current.sc.destroy());

  /** A call: its facts, the customer, and the supervisor's phone joining it. */
  const showCall = (heading, msc, id) => {
    const title = h('p', { class: 'monitor-title' });
    const calls = createCallMonitor(app, id);
    const update = () => {
      const x = store.interactions.get(id);
      if (!x) return;
      setText(title, t('sup.callHeading', { name: customerName(x), agent: agentName(x.agent) })
        + ' · ' + interactionStateLabel(x.state));
      calls.update(x);
    };
    monitor.replaceChildren(
      heading, title,
      h('div', { class: 'monitor-grid' }, calls.el, createCustomerPanel(app, msc, id)));
    msc.on('interaction:' + id, update);
    msc.on('agents', update);
    update();
  };

  const section = (hid, title, ...content) => h('section', { class: 'panel', 'aria-labelledby': hid },
    h('h2', { id: hid }, title), ...content);

  const main = h('main', { class: 'supervisor', id: 'workspace', testid: 'supervisor-view', tabindex: '-1' },
    h('div', { class: 'sup-grid' },
      h('div', { class: 'sup-side' },
        section('sup-queues-h', t('sup.queues'), queuesTable, noQueues),
        section('sup-agents-h', t('sup.agents'), agentsTable, noAgents),
        section('sup-chats-h', t('sup.liveConversations'), chatsList, noChats)),
      monitor));
  const skip = h('a', { class: 'skip-link', href: '#workspace' }, t('app.skip'));
  root.replaceChildren(skip, header, errorBanner(app, sc), main);

  renderQueues();
  renderAgents();
  renderChats();
  showMonitor();
  sc.on('interactions', () => {
    renderQueues();
    renderAgents();
    renderChats();
  });
  sc.on('queues', renderQueues);
  sc.on('agents', () => {
    renderAgents();
    renderChats();
  });
  sc.on('selected', () => {
    renderChats();
    showMonitor();
  });
  sc.on('tick', () => {
    renderQueues();
    tickAgents();
  });

  return {
    destroy() {
      sc.destroy();
    },
    focusStart() {
      main.focus();
    },
  };
}
