// The customer's orders beside the screen pop (GET /api/v1/orders?interaction={id}, the admin's
// customer-orders data dip) and a lookup of one order by number (GET /api/v1/orders/{number}).
// Hidden while no such dip is installed.

import { h, uid } from '../dom.js';
import { t } from '../i18n.js';

export function createOrdersPanel(app, sc, id) {
  const store = app.store;
  const headingId = uid('orders-h');
  const status = h('p', { class: 'muted', role: 'status' }, t('orders.loading'));
  const list = h('div', { class: 'orders-list', testid: 'customer-orders' });
  const lookupInput = h('input', {
    id: uid('order-number'), type: 'text', testid: 'order-number', autocomplete: 'off', maxLength: 64,
    placeholder: t('orders.numberPlaceholder'),
  });
  const lookupBtn = h('button', { type: 'submit', class: 'btn' }, t('orders.find'));
  const result = h('div', { class: 'order-result', testid: 'order-result', 'aria-live': 'polite' });
  const form = h('form', {
    class: 'order-lookup',
    on: {
      submit: async (ev) => {
        ev.preventDefault();
        const number = lookupInput.value.trim();
        if (!number) {
          lookupInput.focus();
          return;
        }
        lookupBtn.disabled = true;
        result.replaceChildren(h('p', { class: 'muted', role: 'status' }, t('orders.loading')));
        try {
          result.replaceChildren(...orderParts(await app.api.order(number), number));
        } catch (e) {
          result.replaceChildren(h('p', { class: 'muted', role: 'status' },
            t('orders.failed', { why: (e && e.message) || String(e) })));
        } finally {
          lookupBtn.disabled = false;
        }
      },
    },
  }, h('label', { htmlFor: lookupInput.id }, t('orders.lookup')), lookupInput, lookupBtn);
  const panel = h('section', { class: 'orders', testid: 'orders', 'aria-labelledby': headingId, hidden: true },
    h('h3', { id: headingId }, t('orders.label')), status, list, form, result);

  const render = () => {
    const entry = store.orders.get(id);
    const view = entry && entry.data;
    panel.hidden = !entry || entry.state === 'none' || (view && view.state === 'none');
    if (panel.hidden) return;
    if (entry.state === 'loading') {
      status.textContent = t('orders.loading');
      status.hidden = false;
      list.replaceChildren();
      return;
    }
    if (entry.state === 'failed' || !view || view.state === 'failed') {
      status.textContent = t('orders.failed', { why: (view && view.error) || '' });
      status.hidden = false;
      list.replaceChildren();
      return;
    }
    const parts = orderParts(view, null);
    status.hidden = true;
    list.replaceChildren(...parts);
  };

  render();
  sc.on('orders:' + id, render);
  app.loadOrders(id);
  return panel;
}

/** The orders as a table (one column per field any order has) and the reply's other fields. */
function orderParts(view, number) {
  if (!view || view.state === 'none') return [h('p', { class: 'muted' }, t('orders.notConnected'))];
  if (view.state === 'failed') return [h('p', { class: 'muted', role: 'status' }, t('orders.failed', { why: view.error || '' }))];
  const parts = [];
  const orders = view.orders || [];
  if (orders.length) {
    const columns = [...new Set(orders.flatMap((o) => Object.keys(o)))];
    parts.push(h('table', { class: 'order-table' },
      h('caption', { class: 'visually-hidden' }, t('orders.label')),
      h('thead', null, h('tr', null, columns.map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', null, orders.map((o) => h('tr', null, columns.map((c) => h('td', null, o[c] ?? '')))))));
  }
  const fields = Object.entries(view.fields || {});
  if (fields.length) {
    const dl = h('dl', { class: 'facts' });
    for (const [k, v] of fields) dl.append(h('dt', null, k), h('dd', null, String(v)));
    parts.push(dl);
  }
  if (!parts.length) {
    parts.push(h('p', { class: 'muted' }, number ? t('orders.notFound', { number }) : t('orders.none')));
  }
  return parts;
}
