// The customer panel: who it is (name, email, number, channel attributes), the screen pop of the
// CRMs (GET /api/v1/interactions/{id}/customer) and their previous interactions
// (GET /api/v1/interactions/{id}/history), with their orders (orders.js).

import { formatDateTime, h, setChildren } from '../dom.js';
import { t, tOr } from '../i18n.js';
import { channelLabel, customerName, interactionStateLabel } from './common.js';
import { createNotes } from './notes.js';
import { createOrdersPanel } from './orders.js';

const SHOWN = new Set(['chat.name', 'chat.email', 'chat.topic']);

export function createCustomerPanel(app, sc, id) {
  const store = app.store;
  const headingId = 'customer-heading-' + id;
  const details = h('dl', { class: 'facts' });
  const extra = h('dl', { class: 'facts facts-extra' });
  const extraBox = h('details', { class: 'attributes', hidden: true },
    h('summary', null, t('customer.attributes')), extra);
  const history = h('ul', { class: 'history', testid: 'customer-history', 'aria-busy': 'true' });
  const historyStatus = h('p', { class: 'muted', role: 'status' }, t('customer.historyLoading'));
  const crm = h('section', { class: 'screen-pop', testid: 'screen-pop', 'aria-live': 'polite', hidden: true });
  const panel = h('aside', { class: 'customer-panel', testid: 'customer-panel', 'aria-labelledby': headingId },
    h('h2', { id: headingId }, t('customer.label')),
    details,
    crm,
    createOrdersPanel(app, sc, id),
    extraBox,
    h('h3', null, t('customer.history')),
    historyStatus,
    history);

  const row = fact;

  const renderDetails = () => {
    const it = store.interactions.get(id);
    if (!it) return;
    const a = it.attributes || {};
    details.replaceChildren();
    row(details, t('customer.name'), customerName(it));
    row(details, t('customer.email'), a['chat.email']);
    row(details, t('customer.topic'), a['chat.topic']);
    row(details, t('customer.from'), it.from);
    row(details, t('customer.to'), it.to);
    row(details, t('customer.channel'), channelLabel(it.channel));
    row(details, t('customer.direction'), tOr('direction', it.direction));
    row(details, t('customer.queue'), it.queue);
    row(details, t('customer.customerRef'), it.customerRef);
    row(details, t('customer.created'), it.createdAt ? formatDateTime(it.createdAt) : '');
    if (store.isSupervisor) row(details, t('customer.agent'), it.agent);
    extra.replaceChildren();
    const keys = Object.keys(a).filter((k) => !SHOWN.has(k)).sort();
    for (const k of keys) row(extra, k, a[k]);
    extraBox.hidden = keys.length === 0;
  };

  const renderHistory = () => {
    const entry = store.history.get(id);
    if (!entry || entry.state === 'loading') {
      historyStatus.textContent = t('customer.historyLoading');
      historyStatus.hidden = false;
      history.setAttribute('aria-busy', 'true');
      return;
    }
    history.removeAttribute('aria-busy');
    if (entry.state === 'failed') {
      historyStatus.textContent = t('customer.historyFailed');
      historyStatus.hidden = false;
      history.replaceChildren();
      return;
    }
    const items = (entry.data || []).filter((x) => x && x.id !== id);
    historyStatus.textContent = items.length ? '' : t('customer.historyEmpty');
    historyStatus.hidden = items.length > 0;
    setChildren(history, items.map((x) => {
      const a = x.attributes || {};
      return h('li', { class: 'history-item', 'data-interaction': x.id },
        h('div', { class: 'history-line' }, t('customer.historyItem', {
          date: formatDateTime(x.createdAt),
          channel: channelLabel(x.channel),
          state: interactionStateLabel(x.state),
        })),
        x.disposition && x.disposition.code
          ? h('div', { class: 'history-disposition' },
            t('customer.disposition', { code: tOr('disposition', x.disposition.code) })) : null,
        a['chat.topic'] ? h('div', { class: 'history-topic' }, a['chat.topic']) : null,
        x.disposition && x.disposition.note ? h('div', { class: 'history-note' }, x.disposition.note) : null);
    }));
  };

  const renderScreenPop = () => {
    const entry = store.screenPops.get(id);
    const shown = entry && (entry.state === 'ok' || entry.state === 'failed');
    crm.hidden = !shown;
    if (!shown) return;
    if (entry.state === 'failed') {
      crm.replaceChildren(h('p', { class: 'muted', role: 'status' }, t('crm.failed')));
      return;
    }
    crm.replaceChildren(...screenPopParts(entry.data || {}, (c) => createNotes(app, c.id, id)));
  };

  renderDetails();
  renderScreenPop();
  renderHistory();
  sc.on('interaction:' + id, renderDetails);
  sc.on('screenpop:' + id, renderScreenPop);
  sc.on('history:' + id, renderHistory);
  app.loadScreenPop(id);
  app.loadHistory(id);
  return panel;
}

/**
 * What the CRMs say: the built-in record (with its notes, made by {@code notesOf}), each external
 * one, and the CRMs that did not answer.
 */
function screenPopParts(pop, notesOf) {
  const parts = [];
  const c = pop.customer;
  if (c) {
    const dl = h('dl', { class: 'facts' });
    fact(dl, t('crm.name'), c.name);
    fact(dl, t('crm.tier'), c.tier);
    fact(dl, t('crm.priority'), c.priority ? String(c.priority) : '');
    fact(dl, t('crm.tags'), (c.tags || []).join(', '));
    fact(dl, t('crm.identities'), (c.identities || []).join(', '));
    const consents = Object.entries(c.consents || {}).map(([k, v]) => `${k}: ${v ? t('crm.yes') : t('crm.no')}`);
    fact(dl, t('crm.consents'), consents.join(', '));
    parts.push(h('div', { class: 'crm-record', 'data-crm': 'builtin' },
      h('h3', null, t('crm.builtin')), dl, notesOf(c)));
  }
  for (const x of pop.external || []) {
    const dl = h('dl', { class: 'facts' });
    fact(dl, t('crm.name'), x.name);
    fact(dl, t('crm.tier'), x.tier);
    fact(dl, t('crm.priority'), x.priority ? String(x.priority) : '');
    for (const [label, value] of Object.entries(x.fields || {})) fact(dl, label, value);
    const link = safeLink(x.link);
    parts.push(h('div', { class: 'crm-record', 'data-crm': x.connector },
      h('h3', null, t('crm.external', { name: x.connector })), dl,
      link ? h('a', { href: link, target: '_blank', rel: 'noopener noreferrer' }, t('crm.open')) : null));
  }
  for (const [name, why] of Object.entries(pop.unavailable || {})) {
    parts.push(h('p', { class: 'muted crm-unavailable', 'data-crm': name, role: 'status' },
      t('crm.unavailable', { name, why })));
  }
  if (!parts.length) parts.push(h('p', { class: 'muted' }, t('crm.unknown')));
  return parts;
}

function fact(dl, label, value) {
  if (value === null || value === undefined || value === '') return;
  dl.append(h('dt', null, label), h('dd', null, String(value)));
}

/** Only http(s) links from a CRM's configuration are offered, never javascript: or data:. */
function safeLink(link) {
  if (typeof link !== 'string') return null;
  try {
    const u = new URL(link);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.href : null;
  } catch (e) {
    return null;
  }
}
