// Notes about the customer of the built-in CRM (GET/POST /api/v1/customers/{id}/notes): the
// newest first, and a box to add one during the interaction.

import { formatDateTime, h, uid } from '../dom.js';
import { t } from '../i18n.js';

export function createNotes(app, customerId, interactionId) {
  const list = h('ul', { class: 'notes-list', testid: 'customer-notes' });
  const status = h('p', { class: 'muted', role: 'status' }, t('notes.loading'));
  const text = h('textarea', {
    id: uid('note'), testid: 'note-text', rows: 2, maxLength: 2000, placeholder: t('notes.placeholder'),
  });
  const save = h('button', { type: 'submit', class: 'btn', testid: 'note-save' }, t('notes.save'));
  const form = h('form', {
    class: 'note-form',
    on: {
      submit: async (ev) => {
        ev.preventDefault();
        const value = text.value.trim();
        if (!value) {
          text.focus();
          return;
        }
        save.disabled = true;
        try {
          await app.api.addCustomerNote(customerId, value, interactionId);
          text.value = '';
          await load();
        } catch (e) {
          app.showError(e);
        } finally {
          save.disabled = false;
        }
      },
    },
  }, h('label', { htmlFor: text.id }, t('notes.add')), text, save);

  const load = async () => {
    try {
      const notes = await app.api.customerNotes(customerId);
      const items = Array.isArray(notes) ? notes : [];
      status.textContent = items.length ? '' : t('notes.none');
      status.hidden = items.length > 0;
      list.replaceChildren(...items.map((n) => h('li', { class: 'note' },
        h('div', { class: 'note-meta muted' }, t('notes.meta', { author: n.author, date: formatDateTime(n.createdAt) })),
        h('div', { class: 'note-text' }, n.text))));
    } catch (e) {
      status.textContent = t('notes.failed');
      status.hidden = false;
    }
  };
  load();
  return h('div', { class: 'notes', testid: 'notes' }, h('h4', null, t('notes.label')), status, list, form);
}
