// The customer panel: who it is (name, email, number, channel attributes) and their previous
// interactions (GET /api/v1/interactions/{id}/history).

import { formatDateTime, h, setChildren } from '../dom.js';
import { t, tOr } from '../i18n.js';
import { channelLabel, customerName, interactionStateLabel } from './common.js';

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
  const panel = h('aside', { class: 'customer-panel', testid: 'customer-panel', 'aria-labelledby': headingId },
    h('h2', { id: headingId }, t('customer.label')),
    details,
    extraBox,
    h('h3', null, t('customer.history')),
    historyStatus,
    history);

  const row = (dl, label, value) => {
    if (value === null || value === undefined || value === '') return;
    dl.append(h('dt', null, label), h('dd', null, String(value)));
  };

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
    const items = (entry.items || []).filter((x) => x && x.id !== id);
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

  renderDetails();
  renderHistory();
  sc.on('interaction:' + id, renderDetails);
  sc.on('history:' + id, renderHistory);
  app.loadHistory(id);
  return panel;
}
