// Pieces shared by the agent and the supervisor views.

import { h, setAttr, setText } from '../dom.js';
import { LANGUAGES, lang, t, tOr } from '../i18n.js';

/** Collects store subscriptions and cleanups of one mounted view so it can be torn down. */
export function scope(store) {
  const cleanups = [];
  return {
    on(topic, fn) {
      cleanups.push(store.on(topic, fn));
    },
    add(fn) {
      cleanups.push(fn);
    },
    destroy() {
      while (cleanups.length) {
        try {
          cleanups.pop()();
        } catch (e) {
          console.error(e);
        }
      }
    },
  };
}

/** The customer's name as far as we know it. */
export function customerName(it) {
  if (!it) return '';
  const a = it.attributes || {};
  const address = it.direction === 'OUTBOUND' ? it.to : it.from;
  return a['chat.name'] || a['customer.name'] || a['caller.name'] || address || it.id;
}

export function channelLabel(channel) {
  return tOr('channel', channel);
}

export function interactionStateLabel(state) {
  return tOr('istate', state);
}

export function agentStateLabel(agent) {
  if (!agent) return t('state.unknown');
  const s = tOr('state', agent.state) || t('state.unknown');
  if (agent.reason && agent.state !== 'READY') {
    return t('state.withReason', { state: s, reason: tOr('reason', agent.reason) });
  }
  return s;
}

export function languageSelect(app, testid = 'language') {
  const select = h('select', {
    testid,
    id: 'lang-' + testid,
    on: { change: () => app.setLanguage(select.value) },
  }, LANGUAGES.map((l) => h('option', { value: l.code, lang: l.htmlLang }, l.label)));
  select.value = lang();
  return h('div', { class: 'field field-inline' },
    h('label', { htmlFor: select.id }, t('header.language')), select);
}

export function feedIndicator(app, sc) {
  const el = h('span', { class: 'feed-status', role: 'status', testid: 'feed-status' });
  const update = () => {
    const s = app.store.feedStatus;
    const text = t('feed.' + s);
    setText(el, text);
    setAttr(el, 'data-status', s);
    setAttr(el, 'aria-label', t('feed.statusLabel', { status: text }));
  };
  update();
  sc.on('feed', update);
  return el;
}

export function signOutButton(app) {
  return h('button', {
    type: 'button',
    class: 'btn btn-quiet',
    testid: 'signout',
    'aria-label': t('header.signoutLabel'),
    on: { click: () => app.signOut() },
  }, t('header.signout'));
}

export function userBadge(app) {
  return h('span', { class: 'user-badge' }, t('header.user', { user: app.store.me ? app.store.me.user : '' }));
}

/** The role=alert banner for API errors; Escape or the button dismisses it. */
export function errorBanner(app, sc) {
  const text = h('span', { class: 'error-text' });
  const dismiss = h('button', {
    type: 'button',
    class: 'btn btn-small btn-on-danger',
    'aria-label': t('error.dismissLabel'),
    on: { click: () => app.store.setError(null) },
  }, t('error.dismiss'));
  const el = h('div', { class: 'error-banner', role: 'alert', testid: 'error-banner', hidden: true },
    text, dismiss);
  const update = () => {
    const err = app.store.error;
    if (err) {
      setText(text, err.text);
      el.hidden = false;
    } else {
      el.hidden = true;
      setText(text, '');
    }
  };
  update();
  sc.on('error', update);
  const onKey = (ev) => {
    if (ev.key === 'Escape' && app.store.error && !ev.defaultPrevented) {
      app.store.setError(null);
    }
  };
  document.addEventListener('keydown', onKey);
  sc.add(() => document.removeEventListener('keydown', onKey));
  return el;
}

/** Runs an async action with the button disabled meanwhile (no double clicks). */
export async function busy(button, fn) {
  if (button.dataset.busy === '1') return undefined;
  button.dataset.busy = '1';
  button.setAttribute('aria-busy', 'true');
  button.disabled = true;
  try {
    return await fn();
  } finally {
    delete button.dataset.busy;
    button.removeAttribute('aria-busy');
    button.disabled = false;
  }
}
