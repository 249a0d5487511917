// Chat pieces: the live transcript, the agent's reply box with canned responses, and the
// supervisor's whisper/barge-in boxes.

import { formatClock, formatSize, h, reconcile, setText, uid } from '../dom.js';
import { lang, t, tOr } from '../i18n.js';
import { busy, customerName } from './common.js';

/**
 * The transcript of one chat, live: messages from the store (deduplicated by seq), the outbox
 * (messages being sent), read marks and the typing indicator.
 * @param {'agent'|'monitor'} mode monitor = a supervisor watching silently
 */
export function createTranscript(app, sc, id, mode) {
  const store = app.store;
  const log = h('ol', {
    class: 'transcript', testid: 'transcript', role: 'log', 'aria-live': 'polite',
    'aria-relevant': 'additions', 'aria-label': t('chat.transcript'), tabindex: '0',
  });
  const status = h('p', { class: 'transcript-status', role: 'status' });
  const retry = h('button', {
    type: 'button', class: 'btn btn-small', hidden: true,
    on: { click: () => app.loadTranscript(id) },
  }, t('chat.retryLoad'));
  const typing = h('p', { class: 'typing', testid: 'customer-typing', hidden: true, 'aria-live': 'polite' });
  const agentTyping = mode === 'monitor'
    ? h('p', { class: 'typing', testid: 'agent-typing', hidden: true }, t('chat.agentTyping')) : null;
  const wrap = h('div', { class: 'transcript-wrap' },
    h('div', { class: 'transcript-state' }, status, retry), log, typing, agentTyping);

  const receiptText = (conv, m) => {
    if (!(m.party === 'AGENT' || (m.party === 'SUPERVISOR' && m.visibility !== 'AGENTS'))) return '';
    if (conv.receipts.read >= m.seq) return t('chat.read');
    if (conv.receipts.delivered >= m.seq) return t('chat.delivered');
    return t('chat.sent');
  };

  const createMessage = (m) => {
    const own = mode === 'agent' ? m.party === 'AGENT' : m.party === 'SUPERVISOR';
    const whisper = m.visibility === 'AGENTS';
    const li = h('li', {
      testid: 'msg',
      class: ['msg', 'msg-' + String(m.party || 'SYSTEM').toLowerCase(), own && 'msg-own', whisper && 'msg-whisper'],
      'data-seq': m.seq,
      'data-party': m.party || '',
      'data-visibility': m.visibility || 'ALL',
    });
    const author = m.party === 'SYSTEM' ? tOr('party', 'SYSTEM') : (m.author || tOr('party', m.party));
    const meta = h('div', { class: 'msg-meta' },
      h('span', { class: 'msg-author' }, author),
      m.party && m.party !== 'SYSTEM' && author !== tOr('party', m.party)
        ? h('span', { class: 'msg-party' }, tOr('party', m.party)) : null,
      h('time', { class: 'msg-time', datetime: m.sentAt || '' }, formatClock(m.sentAt)),
      whisper ? h('span', { class: 'msg-whisper-label' }, t('chat.whisper')) : null);
    li.append(meta, h('div', { class: 'msg-text', testid: 'msg-text' }, m.text || ''));
    if (m.attachment) li.appendChild(attachmentView(app, id, m.attachment));
    const mark = h('span', { class: 'msg-receipt', testid: 'msg-receipt' });
    li.appendChild(mark);
    return li;
  };

  const createPending = (p) => {
    const li = h('li', {
      testid: 'msg-pending',
      class: ['msg', mode === 'agent' ? 'msg-agent' : 'msg-supervisor', 'msg-own', 'msg-pending',
        p.visibility === 'AGENTS' && 'msg-whisper'],
      'data-client-id': p.clientId,
      'data-visibility': p.visibility,
    });
    li.append(
      h('div', { class: 'msg-meta' }, h('span', { class: 'msg-author' }, t('chat.you')),
        p.visibility === 'AGENTS' ? h('span', { class: 'msg-whisper-label' }, t('chat.whisper')) : null),
      h('div', { class: 'msg-text' }, p.text),
      h('span', { class: 'msg-receipt pending-status' }),
      h('button', {
        type: 'button', class: 'btn btn-small', hidden: true,
        on: { click: () => app.retrySend(id, p.clientId) },
      }, t('chat.retry')));
    return li;
  };

  const updatePending = (li, p) => {
    const statusEl = li.querySelector('.pending-status');
    const key = p.status === 'failed' ? 'chat.failed' : p.status === 'retrying' ? 'chat.retrying' : 'chat.sending';
    setText(statusEl, t(key));
    li.querySelector('button').hidden = p.status !== 'failed';
    li.classList.toggle('msg-failed', p.status === 'failed');
  };

  const render = () => {
    const conv = store.conversation(id);
    const nearBottom = log.scrollHeight - log.scrollTop - log.clientHeight < 80;
    const items = conv.list().map((m) => ({ kind: 'm', m }))
      .concat(conv.outbox.map((p) => ({ kind: 'p', p })));
    reconcile(log, items,
      (x) => (x.kind === 'm' ? 's' + x.m.seq : 'c' + x.p.clientId),
      (x) => (x.kind === 'm' ? createMessage(x.m) : createPending(x.p)),
      (el, x) => {
        if (x.kind === 'm') setText(el.querySelector('.msg-receipt'), receiptText(conv, x.m));
        else updatePending(el, x.p);
      });
    if (conv.loading && !conv.loaded) setText(status, t('chat.loading'));
    else if (conv.loadFailed && !conv.loaded) setText(status, t('chat.loadFailed'));
    else if (!items.length) setText(status, t('chat.empty'));
    else setText(status, '');
    status.hidden = status.textContent === '';
    retry.hidden = !(conv.loadFailed && !conv.loaded);
    if (nearBottom) log.scrollTop = log.scrollHeight;
  };

  const updateReceipts = () => {
    const conv = store.conversation(id);
    for (const li of log.querySelectorAll('li[data-testid="msg"]')) {
      const m = conv.bySeq.get(Number(li.dataset.seq));
      if (m) setText(li.querySelector('.msg-receipt'), receiptText(conv, m));
    }
  };

  const updateTyping = () => {
    const conv = store.conversation(id);
    const it = store.interactions.get(id);
    setText(typing, t('chat.typing', { name: customerName(it) || tOr('party', 'CUSTOMER') }));
    typing.hidden = !conv.typing.CUSTOMER;
    if (agentTyping) agentTyping.hidden = !conv.typing.AGENT;
  };

  sc.on('messages:' + id, render);
  sc.on('outbox:' + id, render);
  sc.on('receipts:' + id, updateReceipts);
  sc.on('typing:' + id, updateTyping);
  render();
  updateTyping();
  app.loadTranscript(id).then(render, render);
  render();
  return wrap;
}

function attachmentView(app, interactionId, att) {
  const name = att.name || att.id;
  const label = t('chat.attachment', { name, size: formatSize(att.size) });
  const box = h('div', { class: 'msg-attachment' });
  const button = h('button', {
    type: 'button', class: 'btn btn-small btn-link', 'aria-label': t('chat.attachmentOpen', { name }),
    on: { click: () => busy(button, () => app.openAttachment(interactionId, att)) },
  }, label);
  box.appendChild(button);
  if (/^image\/(png|jpeg|gif|webp)$/.test(att.contentType || '') && (!att.size || att.size < 5 * 1024 * 1024)) {
    app.attachmentUrl(interactionId, att).then((url) => {
      if (!url) return;
      box.insertBefore(h('img', {
        class: 'msg-thumb', src: url, alt: t('chat.attachmentPreview', { name }),
      }), button);
    }, () => {});
  }
  return box;
}

/** The agent's reply box: Enter sends, Shift+Enter is a new line; canned responses insert text. */
export function createReplyBox(app, sc, id) {
  const store = app.store;
  const input = h('textarea', {
    id: uid('reply'), testid: 'reply-input', rows: 3, maxLength: 2000, class: 'reply-input',
    placeholder: t('chat.replyPlaceholder'),
  });
  input.value = app.drafts.get(id) || '';
  const send = h('button', { type: 'submit', class: 'btn btn-primary', testid: 'reply-send' }, t('chat.send'));
  const canned = h('select', { id: uid('canned'), testid: 'canned', class: 'canned' });

  const fillCanned = () => {
    const list = (store.config.cannedResponses || []).filter((c) => matchesLanguage(c.language));
    canned.replaceChildren(h('option', { value: '' }, t('chat.cannedChoose')));
    list.forEach((c) => canned.appendChild(h('option', { value: String(c.text || '') }, c.title || c.text)));
    canned.disabled = list.length === 0;
  };
  fillCanned();
  sc.on('config', fillCanned);

  canned.addEventListener('change', () => {
    const text = canned.value;
    if (!text) return;
    insertAtCursor(input, text);
    canned.value = '';
    app.drafts.set(id, input.value);
    input.focus();
  });

  const submit = () => {
    const text = input.value.trim();
    if (!text || input.disabled) return;
    app.send(id, text, 'ALL');
    input.value = '';
    app.drafts.delete(id);
    input.focus();
  };

  input.addEventListener('keydown', (ev) => {
    if (ev.key === 'Enter' && !ev.shiftKey && !ev.altKey && !ev.ctrlKey && !ev.metaKey
      && !ev.isComposing && ev.keyCode !== 229) {
      ev.preventDefault();
      submit();
    }
  });
  input.addEventListener('input', () => {
    app.drafts.set(id, input.value);
    if (input.value) app.typing(id);
  });

  const fileInput = h('input', {
    id: uid('file'), type: 'file', testid: 'attach-input', class: 'visually-hidden',
    accept: 'image/png,image/jpeg,image/gif,application/pdf,text/plain',
  });
  const attach = h('button', {
    type: 'button', class: 'btn', testid: 'attach', 'aria-controls': fileInput.id,
    on: { click: () => fileInput.click() },
  }, t('chat.attach'));
  fileInput.addEventListener('change', async () => {
    const file = fileInput.files && fileInput.files[0];
    fileInput.value = '';
    if (!file || attach.disabled) return;
    attach.disabled = true;
    try {
      await app.sendFile(id, file);
    } finally {
      attach.disabled = input.disabled;
    }
  });

  const form = h('form', {
    class: 'reply', on: { submit: (ev) => { ev.preventDefault(); submit(); } },
  },
  h('div', { class: 'reply-tools' },
    h('label', { htmlFor: canned.id }, t('chat.canned')), canned, attach, fileInput),
  h('label', { htmlFor: input.id, class: 'visually-hidden' }, t('chat.reply')),
  h('div', { class: 'reply-row' }, input, send));

  return {
    el: form,
    input,
    setEnabled(on) {
      input.disabled = !on;
      send.disabled = !on;
      attach.disabled = !on;
      canned.disabled = !on || canned.options.length <= 1;
    },
  };
}

function matchesLanguage(language) {
  if (!language || language === '*') return true;
  const l = String(language).toLowerCase();
  return l === lang() || l.startsWith(lang() + '-') || l.startsWith(lang() + '_');
}

function insertAtCursor(textarea, text) {
  const start = textarea.selectionStart ?? textarea.value.length;
  const end = textarea.selectionEnd ?? textarea.value.length;
  const before = textarea.value.slice(0, start);
  const after = textarea.value.slice(end);
  const sep = before && !/\s$/.test(before) ? ' ' : '';
  textarea.value = before + sep + text + after;
  const pos = (before + sep + text).length;
  textarea.setSelectionRange(pos, pos);
}

/** A supervisor's one-line box: whisper (visibility AGENTS) or barge in (ALL). */
export function createSupervisorBox(app, id, kind) {
  const whisper = kind === 'whisper';
  const input = h('input', {
    id: uid(kind), type: 'text', maxLength: 2000, testid: whisper ? 'whisper-input' : 'barge-input',
    placeholder: t(whisper ? 'sup.whisperPlaceholder' : 'sup.bargePlaceholder'), autocomplete: 'off',
  });
  const button = h('button', {
    type: 'submit', class: ['btn', whisper ? 'btn-secondary' : 'btn-danger'],
    testid: whisper ? 'whisper-send' : 'barge-send',
  }, t(whisper ? 'sup.whisperSend' : 'sup.bargeSend'));
  const form = h('form', {
    class: ['sup-box', whisper ? 'sup-whisper' : 'sup-barge'],
    on: {
      submit: (ev) => {
        ev.preventDefault();
        const text = input.value.trim();
        if (!text) return;
        app.send(id, text, whisper ? 'AGENTS' : 'ALL');
        input.value = '';
        input.focus();
      },
    },
  },
  h('label', { htmlFor: input.id }, t(whisper ? 'sup.whisper' : 'sup.barge')),
  h('div', { class: 'reply-row' }, input, button));
  return {
    el: form,
    setEnabled(on) {
      input.disabled = !on;
      button.disabled = !on;
    },
  };
}
