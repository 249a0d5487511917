// The agent's workspace for the selected interaction: conversation or call, controls, transfer,
// wrap-up and the customer panel.

import { fillSelect, formatDuration, h, parseTime, setText, uid } from '../dom.js';
import { t, tOr } from '../i18n.js';
import { createReplyBox, createTranscript } from './chat.js';
import {
  agentStateLabel, busy, channelLabel, customerName, interactionStateLabel, scope,
} from './common.js';
import { createCustomerPanel } from './customer.js';

const TALKING = new Set(['CONNECTED', 'HELD']);

/** Mounts the workspace of interaction id into container; returns {destroy}. */
export function mountWorkspace(container, app, id) {
  const store = app.store;
  const sc = scope(store);
  const first = store.interactions.get(id);
  const isChat = first.channel === 'chat';
  const headingId = uid('ws-heading');

  const heading = h('h2', { id: headingId, tabindex: '-1' });
  const stateText = h('span', { class: 'ws-state', testid: 'interaction-state' });
  const hint = h('p', { class: 'hint', hidden: true });

  // --- controls
  const endBtn = h('button', {
    type: 'button', class: 'btn btn-danger', testid: 'end-conversation',
    on: { click: () => busy(endBtn, () => app.act(id, 'end')) },
  }, t('workspace.endConversation'));
  const holdBtn = h('button', {
    type: 'button', class: 'btn', testid: 'hold',
    on: { click: () => busy(holdBtn, () => app.act(id, 'hold')) },
  }, t('workspace.hold'));
  const resumeBtn = h('button', {
    type: 'button', class: 'btn', testid: 'resume',
    on: { click: () => busy(resumeBtn, () => app.act(id, 'resume')) },
  }, t('workspace.resume'));
  const hangupBtn = h('button', {
    type: 'button', class: 'btn btn-danger', testid: 'hangup',
    on: { click: () => busy(hangupBtn, () => app.act(id, 'end')) },
  }, t('workspace.hangup'));

  const target = h('select', { id: uid('transfer'), testid: 'transfer-target' });
  const transferBtn = h('button', { type: 'submit', class: 'btn', testid: 'transfer-send' },
    t('workspace.transferSend'));
  const fillTargets = () => {
    const it = store.interactions.get(id) || first;
    const { queues, agents } = app.transferTargets;
    const qs = (queues || [])
      .filter((q) => !Array.isArray(q.channels) || !q.channels.length || q.channels.includes(it.channel))
      .map((q) => ({ value: 'queue:' + q.id, label: q.name && q.name !== q.id ? `${q.name} (${q.id})` : q.id }));
    const as = (agents || [])
      .filter((a) => a.id !== store.agentId && Object.values(a.capacity || {}).some((n) => n > 0))
      .map((a) => ({
        value: 'agent:' + a.id,
        label: t('workspace.transferAgentOption', { name: a.displayName || a.id, state: agentStateLabel(a) }),
      }));
    fillSelect(target, [
      { group: t('workspace.transferQueues'), options: qs },
      { group: t('workspace.transferAgents'), options: as },
    ], t('workspace.transferChoose'));
  };
  fillTargets();
  sc.on('transferTargets', fillTargets);
  target.addEventListener('focus', () => app.loadTransferTargets());
  app.loadTransferTargets();
  const transferForm = h('form', {
    class: 'transfer',
    on: {
      submit: (ev) => {
        ev.preventDefault();
        const v = target.value;
        if (!v) {
          app.showMessage(t('workspace.transferEmpty'));
          target.focus();
          return;
        }
        const [kind, ...rest] = v.split(':');
        const value = rest.join(':');
        busy(transferBtn, () => app.act(id, 'transfer', kind === 'queue' ? { queue: value } : { agent: value }));
      },
    },
  },
  h('label', { htmlFor: target.id }, t('workspace.transferTarget')), target, transferBtn);

  const controls = h('div', { class: 'ws-controls', role: 'group', 'aria-label': t('workspace.controls') },
    isChat ? endBtn : null,
    isChat ? null : holdBtn,
    isChat ? null : resumeBtn,
    isChat ? null : hangupBtn,
    transferForm);

  // --- body: transcript + reply (chat) or call facts (voice and others)
  let reply = null;
  let body;
  const duration = h('span', { class: 'duration' });
  if (isChat) {
    reply = createReplyBox(app, sc, id);
    body = h('div', { class: 'ws-body ws-chat' }, createTranscript(app, sc, id, 'agent'), reply.el);
  } else {
    const callState = h('p', { class: 'call-state', role: 'status' });
    body = h('div', { class: 'ws-body ws-call' },
      h('dl', { class: 'facts call-facts' },
        h('dt', null, t('workspace.callState')), h('dd', null, callState),
        h('dt', null, t('workspace.duration')), h('dd', null, duration)));
    body.callState = callState;
  }

  // --- wrap-up
  const disposition = h('select', { id: uid('disposition'), testid: 'disposition', required: true });
  const note = h('textarea', { id: uid('note'), testid: 'wrapup-note', rows: 3, maxLength: 4000 });
  note.value = app.drafts.get('note:' + id) || '';
  note.addEventListener('input', () => app.drafts.set('note:' + id, note.value));
  const completeBtn = h('button', { type: 'submit', class: 'btn btn-primary', testid: 'complete' },
    t('wrapup.complete'));
  const fillDispositions = () => {
    fillSelect(disposition, (store.config.dispositionCodes || []).map((c) => ({
      value: c, label: tOr('disposition', c),
    })));
  };
  fillDispositions();
  sc.on('config', fillDispositions);
  const wrapHeading = uid('wrapup');
  const wrapup = h('form', {
    class: 'wrapup', testid: 'wrapup-form', 'aria-labelledby': wrapHeading, hidden: true,
    on: {
      submit: (ev) => {
        ev.preventDefault();
        if (!disposition.value) {
          app.showMessage(t('wrapup.required'));
          disposition.focus();
          return;
        }
        busy(completeBtn, async () => {
          await app.act(id, 'complete', { code: disposition.value, note: note.value });
          app.drafts.delete('note:' + id);
        });
      },
    },
  },
  h('h3', { id: wrapHeading }, t('wrapup.heading')),
  h('div', { class: 'field' }, h('label', { htmlFor: disposition.id }, t('wrapup.disposition')), disposition),
  h('div', { class: 'field' }, h('label', { htmlFor: note.id }, t('wrapup.note')), note),
  completeBtn);

  const conversation = h('section', { class: 'conversation', 'aria-labelledby': headingId },
    h('header', { class: 'ws-head' }, heading, stateText), hint, controls, body, wrapup);
  const panel = createCustomerPanel(app, sc, id);
  const root = h('div', { class: 'ws' }, conversation, panel);

  let wasWrapUp = false;
  let mounted = false;
  const update = () => {
    const it = store.interactions.get(id);
    if (!it) return;
    const name = customerName(it);
    setText(heading, t('workspace.heading', { channel: channelLabel(it.channel), name }));
    setText(stateText, interactionStateLabel(it.state));
    stateText.dataset.state = it.state;
    const talking = TALKING.has(it.state);
    endBtn.hidden = !talking;
    holdBtn.hidden = it.state !== 'CONNECTED';
    resumeBtn.hidden = it.state !== 'HELD';
    hangupBtn.hidden = !talking;
    transferForm.hidden = !talking;
    controls.hidden = !talking;
    const mineWrapUp = it.state === 'WRAP_UP' && it.agent === store.agentId;
    wrapup.hidden = !mineWrapUp;
    if (mounted && mineWrapUp && !wasWrapUp) {
      // the conversation just ended: move focus to the wrap-up form if it was in the workspace
      const active = document.activeElement;
      if (!active || active === document.body || conversation.contains(active)) disposition.focus();
    }
    wasWrapUp = mineWrapUp;
    if (it.state === 'OFFERED') {
      hint.hidden = false;
      if (it.channel === 'voice') {
        setText(hint, it.direction === 'OUTBOUND' ? t('workspace.callDialling') : t('workspace.callRinging'));
      } else setText(hint, t('workspace.offeredHint'));
    } else if (it.state === 'WRAP_UP' && isChat) {
      hint.hidden = false;
      setText(hint, t('chat.ended'));
    } else {
      hint.hidden = true;
    }
    if (reply) {
      reply.setEnabled(talking);
      reply.el.hidden = it.state === 'WRAP_UP';
    }
    if (body.callState) {
      setText(body.callState, it.state === 'OFFERED'
        ? (it.direction === 'OUTBOUND' ? t('inbox.dialling') : t('inbox.answerOnPhone'))
        : interactionStateLabel(it.state));
    }
    tick();
  };
  const tick = () => {
    const it = store.interactions.get(id);
    if (!it || !duration.isConnected) return;
    const start = parseTime(it.answeredAt || it.createdAt);
    const end = it.endedAt ? parseTime(it.endedAt) : Date.now();
    setText(duration, Number.isNaN(start) ? t('time.none') : formatDuration(end - start));
  };

  sc.on('interaction:' + id, update);
  sc.on('tick', tick);
  container.replaceChildren(root);
  update();
  mounted = true;

  // read receipts while the conversation is on screen
  if (isChat) {
    const markRead = () => app.markRead(id);
    sc.on('messages:' + id, markRead);
    const onVis = () => markRead();
    document.addEventListener('visibilitychange', onVis);
    window.addEventListener('focus', onVis);
    sc.add(() => {
      document.removeEventListener('visibilitychange', onVis);
      window.removeEventListener('focus', onVis);
    });
    markRead();
  }

  return {
    focus() {
      if (reply && !reply.input.disabled) reply.input.focus();
      else heading.focus();
    },
    destroy() {
      sc.destroy();
    },
  };
}
