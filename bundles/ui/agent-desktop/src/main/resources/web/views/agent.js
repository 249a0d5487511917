// The agent's screen: header with state controls and click-to-call, the inbox, the workspace.

import { fillSelect, formatDuration, h, parseDuration, parseTime, reconcile, setAttr, setText, uid } from '../dom.js';
import { t, tOr } from '../i18n.js';
import {
  agentStateLabel, busy, channelLabel, customerName, errorBanner, feedIndicator,
  interactionStateLabel, languageSelect, scope, signOutButton, userBadge,
} from './common.js';
import { mountWorkspace } from './workspace.js';

function itemStateLabel(it) {
  if (it.state === 'OFFERED' && it.direction === 'OUTBOUND') return t('inbox.dialling');
  return interactionStateLabel(it.state);
}

export function mountAgent(root, app) {
  const store = app.store;
  const sc = scope(store);

  // --- header: state
  const stateEl = h('span', { class: 'agent-state', testid: 'agent-state', role: 'status' });
  const readyBtn = h('button', {
    type: 'button', class: 'btn btn-ready', testid: 'state-ready',
    on: { click: () => busy(readyBtn, () => app.setState('READY')) },
  }, t('state.ready'));
  const reason = h('select', { id: uid('reason'), testid: 'not-ready-reason', class: 'reason' });
  const notReadyBtn = h('button', {
    type: 'button', class: 'btn btn-not-ready', testid: 'state-not-ready',
    on: { click: () => busy(notReadyBtn, () => app.setState('NOT_READY', reason.value || undefined)) },
  }, t('state.notReady'));
  const logoutBtn = h('button', {
    type: 'button', class: 'btn btn-quiet', testid: 'logout', 'aria-label': t('state.logoutLabel'),
    on: { click: () => busy(logoutBtn, () => app.setState('LOGGED_OUT')) },
  }, t('state.logout'));
  const fillReasons = () => {
    fillSelect(reason, (store.config.notReadyReasons || []).map((r) => ({ value: r, label: tOr('reason', r) })));
    const a = store.agent;
    if (a && a.state === 'NOT_READY' && a.reason
      && Array.from(reason.options).some((o) => o.value === a.reason)) reason.value = a.reason;
  };
  const updateState = () => {
    const a = store.agent;
    setText(stateEl, agentStateLabel(a));
    setAttr(stateEl, 'data-state', a ? a.state : 'LOGGED_OUT');
    setAttr(readyBtn, 'aria-pressed', a && a.state === 'READY' ? 'true' : 'false');
    setAttr(notReadyBtn, 'aria-pressed', a && a.state === 'NOT_READY' ? 'true' : 'false');
  };
  fillReasons();
  updateState();
  sc.on('config', fillReasons);
  sc.on('me', updateState);

  const stateSection = h('section', { class: 'agent-controls', 'aria-label': t('header.agentControls') },
    h('span', { class: 'state-caption' }, t('state.label')), stateEl,
    readyBtn,
    h('span', { class: 'not-ready-group' },
      h('label', { htmlFor: reason.id, class: 'visually-hidden' }, t('state.reason')), reason, notReadyBtn),
    logoutBtn);

  // --- header: click-to-call
  const dialInput = h('input', {
    id: uid('dial'), type: 'tel', testid: 'dial-number', placeholder: t('dial.placeholder'),
    autocomplete: 'off', maxLength: 64,
  });
  const dialBtn = h('button', { type: 'submit', class: 'btn', testid: 'dial-send', 'aria-label': t('dial.sendLabel') },
    t('dial.send'));
  const dialForm = h('form', {
    class: 'dial',
    on: {
      submit: (ev) => {
        ev.preventDefault();
        const number = dialInput.value.trim();
        if (!number) {
          app.showMessage(t('dial.empty'));
          dialInput.focus();
          return;
        }
        busy(dialBtn, async () => {
          const ok = await app.dial(number);
          if (ok) dialInput.value = '';
        });
      },
    },
  },
  h('label', { htmlFor: dialInput.id }, t('dial.label')), dialInput, dialBtn);

  const header = h('header', { class: 'topbar' },
    h('div', { class: 'brand' }, t('app.brand')),
    h('h1', { class: 'visually-hidden' }, t('app.title')),
    stateSection,
    dialForm,
    h('div', { class: 'session' }, feedIndicator(app, sc), userBadge(app), languageSelect(app), signOutButton(app)));

  // --- inbox
  const announcer = h('div', { class: 'visually-hidden', 'aria-live': 'polite', testid: 'offer-announcer' });
  const offersList = h('ul', { class: 'inbox-list offers', 'aria-labelledby': 'inbox-offers-h' });
  const activeList = h('ul', { class: 'inbox-list active', 'aria-labelledby': 'inbox-active-h' });
  const noOffers = h('p', { class: 'muted empty' }, t('inbox.noOffers'));
  const noActive = h('p', { class: 'muted empty' }, t('inbox.noActive'));
  const inbox = h('nav', { class: 'inbox', testid: 'inbox', 'aria-label': t('inbox.label') },
    h('h2', { id: 'inbox-offers-h' }, t('inbox.offers')), offersList, noOffers,
    h('h2', { id: 'inbox-active-h' }, t('inbox.active')), activeList, noActive);

  const ringMs = () => parseDuration(store.config.ringTimeout, 20000);

  const createItem = (it) => {
    const li = h('li', { class: 'inbox-item', testid: 'inbox-item' });
    const open = h('button', { type: 'button', class: 'item-open' },
      h('span', { class: 'chan-badge' }),
      h('span', { class: 'item-name' }),
      h('span', { class: 'item-sub' }),
      h('span', { class: 'unread-badge', hidden: true }));
    open.addEventListener('click', () => app.select(li.dataset.interaction));
    li.addEventListener('click', (ev) => {
      if (ev.target.closest('button, a, input, select, textarea')) return;
      app.select(li.dataset.interaction);
    });
    const progress = h('progress', { class: 'ring-progress', max: 20, value: 20, 'aria-hidden': 'true' });
    const ringText = h('span', { class: 'ring-text' });
    const ring = h('div', { class: 'ring-timer', testid: 'ring-timer', role: 'timer' }, progress, ringText);
    const phoneHint = h('span', { class: 'phone-hint' });
    const accept = h('button', {
      type: 'button', class: 'btn btn-primary btn-small', testid: 'accept',
      on: { click: () => busy(accept, () => app.accept(li.dataset.interaction)) },
    }, t('inbox.accept'));
    const decline = h('button', {
      type: 'button', class: 'btn btn-small', testid: 'decline',
      on: { click: () => busy(decline, () => app.decline(li.dataset.interaction)) },
    }, t('inbox.decline'));
    const actions = h('div', { class: 'item-actions' }, ring, phoneHint, accept, decline);
    li.append(open, actions);
    li.refs = { open, ring, ringText, progress, phoneHint, accept, decline, actions };
    return li;
  };

  const updateItem = (li, it) => {
    const r = li.refs;
    const name = customerName(it);
    const channel = channelLabel(it.channel);
    li.dataset.interaction = it.id;
    li.dataset.state = it.state;
    li.dataset.channel = it.channel;
    li.classList.toggle('selected', store.selected === it.id);
    li.classList.toggle('offered', it.state === 'OFFERED');
    setAttr(r.open, 'aria-current', store.selected === it.id ? 'true' : null);
    const [badge, nameEl, sub, unread] = r.open.children;
    setText(badge, channel);
    badge.dataset.channel = it.channel;
    setText(nameEl, name);
    const topic = (it.attributes || {})['chat.topic'];
    setText(sub, [itemStateLabel(it), topic].filter(Boolean).join(' · '));
    const conv = store.conversations.get(it.id);
    const n = conv ? conv.unread : 0;
    unread.hidden = !n;
    setText(unread, n ? t('inbox.unread', { count: n }) : '');
    setAttr(unread, 'aria-label', n ? t('inbox.unreadLabel', { count: n }) : null);
    const offered = it.state === 'OFFERED';
    const voice = it.channel === 'voice';
    const outbound = it.direction === 'OUTBOUND';
    r.actions.hidden = !offered;
    r.ring.hidden = !offered || outbound;
    r.accept.hidden = !offered || voice;
    r.decline.hidden = !offered || outbound;
    r.phoneHint.hidden = !offered || !voice;
    setText(r.phoneHint, outbound ? t('inbox.dialling') : t('inbox.answerOnPhone'));
    setAttr(r.accept, 'aria-label', t('inbox.acceptLabel', { channel, name }));
    setAttr(r.decline, 'aria-label', t('inbox.declineLabel', { channel, name }));
    tickItem(li, it);
  };

  const tickItem = (li, it) => {
    const r = li.refs;
    if (it.state === 'OFFERED') {
      const total = ringMs();
      const since = parseTime(it.updatedAt);
      let left = Number.isNaN(since) ? total : since + total - Date.now();
      left = Math.max(0, Math.min(total, left));
      const secs = Math.ceil(left / 1000);
      r.progress.max = Math.max(1, Math.round(total / 1000));
      r.progress.value = secs;
      setText(r.ringText, t('inbox.ringingShort', { seconds: secs }));
      setAttr(r.ring, 'aria-label', t('inbox.ringing', { seconds: secs }));
      r.ring.dataset.remaining = String(secs);
      r.ring.classList.toggle('ring-urgent', secs <= 5);
    }
    if (it.state !== 'OFFERED' || it.direction === 'OUTBOUND') {
      const start = parseTime(it.answeredAt || it.createdAt);
      const sub = r.open.children[2];
      const topic = (it.attributes || {})['chat.topic'];
      const dur = Number.isNaN(start) ? '' : t('inbox.since', { duration: formatDuration(Date.now() - start) });
      setText(sub, [itemStateLabel(it), dur, topic].filter(Boolean).join(' · '));
    }
  };

  const byTime = (field) => (a, b) => (parseTime(a[field] || a.createdAt) || 0) - (parseTime(b[field] || b.createdAt) || 0);
  const known = app.announced;
  const renderInbox = () => {
    const all = Array.from(store.interactions.values());
    const offers = all.filter((it) => it.state === 'OFFERED' && it.direction !== 'OUTBOUND').sort(byTime('updatedAt'));
    const active = all.filter((it) => !(it.state === 'OFFERED' && it.direction !== 'OUTBOUND'))
      .sort(byTime('answeredAt'));
    reconcile(offersList, offers, (it) => it.id, createItem, updateItem);
    reconcile(activeList, active, (it) => it.id, createItem, updateItem);
    noOffers.hidden = offers.length > 0;
    noActive.hidden = active.length > 0;
    // announce each new offer once (the list itself is not a live region: its timers tick)
    const offered = new Set(offers.map((it) => it.id));
    for (const it of offers) {
      if (known.has(it.id)) continue;
      known.add(it.id);
      setText(announcer, t('inbox.announceOffer', { channel: channelLabel(it.channel), name: customerName(it) }));
    }
    for (const id of Array.from(known)) if (!offered.has(id)) known.delete(id);
  };
  const tickInbox = () => {
    for (const li of [...offersList.children, ...activeList.children]) {
      const it = store.interactions.get(li.dataset.interaction);
      if (it) tickItem(li, it);
    }
  };
  renderInbox();
  sc.on('interactions', renderInbox);
  sc.on('unread', renderInbox);
  sc.on('selected', renderInbox);
  sc.on('config', renderInbox);
  sc.on('tick', tickInbox);

  // --- workspace
  const empty = h('div', { class: 'ws-empty' }, h('p', null, t('workspace.empty')));
  const main = h('main', {
    class: 'workspace', id: 'workspace', testid: 'workspace', tabindex: '-1', 'aria-label': t('workspace.label'),
  });
  let current = null;
  const showSelected = (focus) => {
    const id = store.selected;
    if (current && current.id === id) return;
    if (current) current.view.destroy();
    current = null;
    setAttr(main, 'data-interaction', id || '');
    if (id && store.interactions.has(id)) {
      const view = mountWorkspace(main, app, id);
      current = { id, view };
      if (focus) view.focus();
    } else {
      main.replaceChildren(empty);
    }
  };
  showSelected(false);
  sc.on('selected', () => showSelected(true));
  sc.add(() => current && current.view.destroy());

  const layout = h('div', { class: 'layout' }, inbox, main);
  const skip = h('a', { class: 'skip-link', href: '#workspace' }, t('app.skip'));
  root.replaceChildren(skip, header, errorBanner(app, sc), announcer, layout);

  return {
    destroy() {
      sc.destroy();
    },
    focusLanguage() {
      const el = root.querySelector('[data-testid="language"]');
      if (el) el.focus();
    },
    focusStart() {
      readyBtn.focus();
    },
  };
}
