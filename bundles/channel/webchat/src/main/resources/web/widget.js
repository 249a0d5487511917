/*
 * Switchboard web chat widget: one file, no dependencies, no build step.
 * The site embeds it with
 *   <script src="https://host:port/chat/widget.js" data-entry="web" async></script>
 * and it talks to the server it was loaded from. Protocol: docs/webchat.md.
 * Everything people type is rendered with textContent, never as HTML.
 */
(() => {
  'use strict';

  // ---- configuration (captured synchronously while currentScript is set)

  const script = document.currentScript || document.querySelector('script[src*="/chat/widget.js"]');
  if (!script || !script.src || window.SwitchboardChat) return;

  const SRC = new URL(script.src, location.href);
  const PREFIX = SRC.pathname.replace(/\/chat\/widget(\.min)?\.js$/, '');
  const BASE = SRC.origin + (PREFIX === SRC.pathname ? '' : PREFIX.replace(/\/$/, ''));
  const WS_URL = BASE.replace(/^http/, 'ws') + '/ws/chat';
  const ENTRY = (script.dataset.entry || '').trim() || 'web';
  const LANG = pickLang(script.dataset.lang);
  const PREF = script.dataset.transport === 'poll' ? 'poll' : 'ws';
  const KEY = 'switchboard-chat:' + BASE + ':' + ENTRY;
  const FETCH = { mode: 'cors', credentials: 'omit' };
  const HARD_LIMIT = 10000;        // never send more: a WebSocket frame over 64 KiB closes the socket
  const PARTIES = ['CUSTOMER', 'AGENT', 'SYSTEM'];
  const TAB = Math.random().toString(36).slice(2, 6);

  function pickLang(attr) {
    const zh = (v) => String(v || '').toLowerCase().startsWith('zh');
    if (attr) return zh(attr) ? 'zh' : 'en';
    const page = document.documentElement.lang;
    if (page) return zh(page) ? 'zh' : 'en';
    return zh(navigator.language) ? 'zh' : 'en';
  }

  // ---- texts

  const TEXTS = {
    en: {
      title: 'Chat with us', openChat: 'Open chat', closeWin: 'Close chat window', loading: 'Loading…',
      prechatIntro: 'Hello! Tell us your name and an agent will be with you shortly.',
      waitHint: 'Expected wait: about {0} min.', waitLess: 'Expected wait: less than a minute.',
      name: 'Name', email: 'Email (optional)', emailReq: 'Email', topic: 'Your question (optional)',
      start: 'Start chat', offlineIntro: 'We are offline right now. Leave us a message and we will reply by email.',
      message: 'Message', offlineSend: 'Send message',
      offlineDone: 'Thank you! We received your message and will reply by email.',
      starting: 'Connecting…', queued: 'You are number {0} in the queue.', queuedNoPos: 'Waiting for an agent…',
      offered: 'An agent is about to join…', connected: 'You are chatting with {0}.',
      connectedAnon: 'You are chatting with an agent.', ended: 'The chat has ended.', reconnecting: '(reconnecting…)',
      typing: '{0} is typing…', typingAnon: 'The agent is typing…', log: 'Chat messages',
      inputLabel: 'Type your message', placeholder: 'Type a message…', send: 'Send', attach: 'Attach a file',
      end: 'End chat', you: 'You', agent: 'Agent', system: 'Info',
      pending: 'Sending…', sent: 'Sent', read: 'Read', failed: 'Not sent',
      uploading: 'Uploading {0}…', download: 'Download {0}',
      ratingQ: 'How was your chat?', star: '{0} out of 5', comment: 'Comment (optional)', rateSend: 'Send rating',
      rated: 'Thank you for your feedback!', newChat: 'Start a new chat',
      'err-generic': 'Something went wrong. Please try again.', 'err-invalid': 'Please check what you entered.',
      'err-too-long': 'That message is too long.', 'err-too-large': 'That file is too large.',
      'err-unsupported-type': 'That file type is not supported.',
      'err-rate-limited': 'You are sending messages too fast. Please wait a moment.',
      'err-unknown-chat': 'This chat is no longer available. You can start a new one.',
      'err-chat-ended': 'This chat has ended.', 'err-closed-entry': 'We are offline right now. Please leave us a message.',
      'err-unavailable': 'The chat is not available right now. Please try again later.',
      'err-network': 'Cannot reach the chat service. Please try again.',
    },
    zh: {
      title: '在线客服', openChat: '打开在线客服', closeWin: '关闭聊天窗口', loading: '正在加载…',
      prechatIntro: '您好！请留下您的姓名，客服人员将很快为您服务。',
      waitHint: '预计等待约 {0} 分钟。', waitLess: '预计等待不到 1 分钟。',
      name: '姓名', email: '电子邮箱（选填）', emailReq: '电子邮箱', topic: '您的问题（选填）',
      start: '开始咨询', offlineIntro: '我们现在不在线。请留言，我们会通过电子邮件回复您。',
      message: '留言内容', offlineSend: '发送留言', offlineDone: '谢谢！我们已收到您的留言，会通过电子邮件回复您。',
      starting: '正在连接…', queued: '您在队列中排第 {0} 位。', queuedNoPos: '正在等待客服人员…',
      offered: '客服人员即将接入…', connected: '{0} 正在为您服务。',
      connectedAnon: '客服人员正在为您服务。', ended: '会话已结束。', reconnecting: '（正在重新连接…）',
      typing: '{0} 正在输入…', typingAnon: '客服人员正在输入…', log: '聊天记录',
      inputLabel: '输入消息', placeholder: '请输入消息…', send: '发送', attach: '发送文件',
      end: '结束会话', you: '我', agent: '客服', system: '提示',
      pending: '发送中…', sent: '已发送', read: '已读', failed: '发送失败',
      uploading: '正在上传 {0}…', download: '下载 {0}',
      ratingQ: '您对本次服务满意吗？', star: '{0} 星（满分 5 星）', comment: '评价内容（选填）', rateSend: '提交评价',
      rated: '感谢您的评价！', newChat: '开始新的会话',
      'err-generic': '出现错误，请重试。', 'err-invalid': '请检查您填写的内容。',
      'err-too-long': '消息太长。', 'err-too-large': '文件太大。', 'err-unsupported-type': '不支持该文件类型。',
      'err-rate-limited': '发送太频繁，请稍候。', 'err-unknown-chat': '该会话已失效，您可以开始新的会话。',
      'err-chat-ended': '该会话已结束。', 'err-closed-entry': '我们现在不在线，请留言。',
      'err-unavailable': '在线客服暂时不可用，请稍后再试。', 'err-network': '无法连接在线客服，请重试。',
    },
  };

  function T(key, arg) {
    const s = TEXTS[LANG][key] ?? TEXTS.en[key] ?? key;
    return arg === undefined ? s : s.replace('{0}', String(arg));
  }

  // ---- styles

  const CSS = `
:host { all: initial; position: fixed; right: 20px; bottom: 20px; z-index: 2147483000; color: #1d2330;
  font: 14px/1.4 system-ui, -apple-system, "Segoe UI", "PingFang SC", "Microsoft YaHei", sans-serif; }
[hidden] { display: none !important; }
* { box-sizing: border-box; font: inherit; color: inherit; }
:focus-visible { outline: 3px solid #f5a623; outline-offset: 2px; }
button { cursor: pointer; border: 0; border-radius: 6px; background: none; }
button:disabled { opacity: .5; cursor: default; }
.launcher { width: 56px; height: 56px; border-radius: 50%; background: #2557d6; color: #fff;
  box-shadow: 0 4px 14px #0004; display: grid; place-items: center; }
.launcher svg { width: 28px; height: 28px; fill: currentColor; }
.icon svg { width: 20px; height: 20px; fill: #4a5163; display: block; }
.win { position: absolute; right: 0; bottom: 72px; width: min(360px, calc(100vw - 24px)); height: min(560px, calc(100vh - 110px));
  background: #fff; border-radius: 12px; box-shadow: 0 8px 30px #0005; display: flex; flex-direction: column; overflow: hidden; }
.head { background: #2557d6; color: #fff; display: flex; align-items: center; padding: 10px 12px; }
.head h2 { flex: 1; margin: 0; font-size: 16px; font-weight: 600; }
.icon { font-size: 20px; line-height: 1; padding: 4px 8px; }
.alert { background: #fdecea; color: #8a1c13; padding: 8px 12px; font-size: 13px; }
.alert:empty { display: none; }
.view { flex: 1; display: flex; flex-direction: column; min-height: 0; }
form.view, .pad { padding: 14px; gap: 10px; overflow-y: auto; }
label { display: flex; flex-direction: column; gap: 4px; font-size: 13px; color: #4a5163; }
input, textarea { border: 1px solid #c5cad6; border-radius: 6px; padding: 8px; background: #fff; color: #1d2330; width: 100%; resize: none; }
.primary { background: #2557d6; color: #fff; padding: 9px 14px; font-weight: 600; }
.secondary { background: #eef1f7; border: 1px solid #c5cad6; padding: 6px 10px; }
.status { padding: 8px 12px; background: #f3f5fa; border-bottom: 1px solid #e1e5ee; font-size: 13px; display: flex; gap: 8px; align-items: center; }
.status span { flex: 1; }
.log { flex: 1; overflow-y: auto; padding: 12px; display: flex; flex-direction: column; gap: 8px; min-height: 0; }
.msg { max-width: 85%; padding: 7px 10px; border-radius: 10px; background: #eef1f7; align-self: flex-start; overflow-wrap: anywhere; }
.msg.customer { align-self: flex-end; background: #dce6fd; }
.msg.system { align-self: center; background: none; color: #5b6275; font-size: 12px; }
.text { white-space: pre-wrap; }
.meta, .mark, .note, .typing { font-size: 11px; color: #5b6275; display: flex; gap: 6px; }
.mark, .note { justify-content: flex-end; }
[data-status="read"] .mark { color: #2557d6; }
[data-status="failed"] .mark { color: #b3261e; font-weight: 600; }
.file { margin-top: 4px; background: #fff; border: 1px solid #c5cad6; padding: 4px 8px; text-align: left; }
.typing { padding: 0 12px 6px; font-style: italic; }
.composer { display: flex; gap: 6px; padding: 8px; border-top: 1px solid #e1e5ee; align-items: flex-end; }
.composer textarea { flex: 1; height: 56px; }
.rating { padding: 12px; border-top: 1px solid #e1e5ee; display: flex; flex-direction: column; gap: 8px; }
.stars button { font-size: 24px; color: #b9bfcc; padding: 2px 4px; }
.stars button.on { color: #f5a623; }
.done { padding: 16px; text-align: center; display: flex; flex-direction: column; gap: 12px; align-items: center; }
.muted { color: #5b6275; font-size: 13px; margin: 0; }
@media (max-width: 480px) { .win { position: fixed; inset: 0; width: auto; height: auto; border-radius: 0; } }
`;

  // ---- DOM helpers (attributes and textContent only, never innerHTML)

  function h(tag, props, ...kids) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(props || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === 'text') e.textContent = v;
      else if (k === 'testid') e.setAttribute('data-testid', v);
      else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
      else e.setAttribute(k, v === true ? '' : String(v));
    }
    for (const kid of kids) if (kid) e.append(kid);
    return e;
  }

  const button = (testid, text, onclick, cls = 'primary', more = {}) =>
    h('button', { type: 'button', class: cls, testid, text, onclick, ...more });

  function field(label, input) {
    return h('label', {}, h('span', { text: label }), input);
  }

  // A static SVG icon (fixed path data, no dynamic content).
  function icon(d) {
    const ns = 'http://www.w3.org/2000/svg';
    const svg = document.createElementNS(ns, 'svg');
    const path = document.createElementNS(ns, 'path');
    svg.setAttribute('viewBox', '0 0 24 24');
    svg.setAttribute('aria-hidden', 'true');
    path.setAttribute('d', d);
    svg.append(path);
    return svg;
  }
  const BUBBLE = 'M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2z';
  const CLIP = 'M16.5 6.5v9.8a4.5 4.5 0 0 1-9 0V5.8a3 3 0 0 1 6 0v9.7a1.5 1.5 0 0 1-3 0V6.5H9v9a3 3 0 0 0 6 0V5.8a4.5 4.5 0 0 0-9 0v10.5a6 6 0 0 0 12 0V6.5z';

  // ---- state

  let ui = null;
  let phase = 'idle';          // idle checking prechat offline offline-sent starting resuming queued offered connected ended rated
  let isOpen = false;
  let chat = null, token = null, lastSeq = 0, outbox = [], clientCounter = 0;
  let pollCursor = 0, readUpTo = 0, cache = [];
  let pendingStart = null;     // the start frame until `started`
  let statusInfo = {};         // last status frame
  let resuming = false, replaying = false;
  let endRequested = false, ratingFrame = null, score = 0;
  let maxAgentSeq = 0, deliveredSent = 0, readSent = 0, lastTypingSent = 0;
  const seen = new Set();      // seqs above lastSeq already shown (lastSeq = contiguous high-water mark)
  const pending = new Map();   // clientId -> own bubble not yet acknowledged
  let typingTimer = 0, errorTimer = 0, receiptTimer = 0;

  // transport
  let transport = PREF;        // 'ws' | 'poll' (switches to poll after two failed WebSocket opens)
  let link = null;             // current connection {kind, send, close}
  let ready = false;           // start/resume answered on this link
  let wsFails = 0, retryDelay = 500, retryTimer = 0;
  const sentOnLink = new Set(); // outbox clientIds already sent on the current link

  // ---- persistence

  const int = (v) => (Number.isInteger(v) && v > 0 ? v : 0);

  function save() {
    if (!chat) return;
    const data = { chat, token, lastSeq, outbox, clientCounter, cursor: pollCursor, readUpTo, messages: cache.slice(-200) };
    try { localStorage.setItem(KEY, JSON.stringify(data)); } catch (e) { /* storage full or blocked */ }
  }

  function loadStore() {
    try {
      const v = JSON.parse(localStorage.getItem(KEY) || 'null');
      return v && typeof v.chat === 'string' && typeof v.token === 'string' ? v : null;
    } catch (e) { return null; }
  }

  function clearStore() {
    try { localStorage.removeItem(KEY); } catch (e) { /* ignore */ }
  }

  // ---- sequence bookkeeping

  const have = (seq) => seq <= lastSeq || seen.has(seq);

  function markSeen(seq) {
    if (!Number.isInteger(seq) || seq <= lastSeq) return;
    seen.add(seq);
    while (seen.has(lastSeq + 1)) seen.delete(++lastSeq);
  }

  // After a resume has replayed everything (its `status`), holes cannot be filled any more.
  function closeGaps() {
    for (const s of seen) lastSeq = Math.max(lastSeq, s);
    seen.clear();
  }

  function nextClientId() {
    clientCounter += 1;
    return 'w' + TAB + '-' + clientCounter;
  }

  // ---- UI construction

  function buildUI() {
    const host = h('div', { 'data-switchboard-chat': '' });
    const root = host.attachShadow({ mode: 'open' });
    try {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(CSS);
      root.adoptedStyleSheets = [sheet];
    } catch (e) {
      root.append(h('style', { text: CSS }));
    }
    const u = { host, root };
    const title = script.dataset.title || T('title');

    u.launcher = button('sb-launcher', null, () => (isOpen ? closeWindow() : openWindow()), 'launcher',
      { 'aria-label': T('openChat'), 'aria-expanded': 'false' });
    u.launcher.append(icon(BUBBLE));

    u.error = h('div', { class: 'alert', role: 'alert', testid: 'sb-error' });
    u.loading = h('div', { class: 'view pad' }, h('p', { class: 'muted', text: T('loading') }));
    buildPrechat(u);
    buildOffline(u);
    buildChat(u);

    const head = h('div', { class: 'head' }, h('h2', { text: title }),
      button(null, '×', closeWindow, 'icon', { 'aria-label': T('closeWin') }));
    u.win = h('div', { class: 'win', role: 'dialog', 'aria-label': title, testid: 'sb-window', tabindex: '-1', hidden: true },
      head, u.error, u.loading, u.prechat, u.offline, u.offlineDone, u.chatView);
    u.views = { loading: u.loading, prechat: u.prechat, offline: u.offline, offlineDone: u.offlineDone, chat: u.chatView };

    root.append(u.win, u.launcher);
    root.addEventListener('keydown', onKey);
    return u;
  }

  function buildPrechat(u) {
    u.name = h('input', { type: 'text', name: 'name', required: true, maxlength: '100', autocomplete: 'name', testid: 'sb-name' });
    u.email = h('input', { type: 'email', name: 'email', maxlength: '254', autocomplete: 'email', testid: 'sb-email' });
    u.topic = h('input', { type: 'text', name: 'topic', maxlength: '200', testid: 'sb-topic' });
    u.waitHint = h('p', { class: 'muted', hidden: true });
    u.prechat = h('form', { class: 'view', testid: 'sb-prechat', hidden: true, onsubmit: onStartSubmit },
      h('p', { class: 'muted', text: T('prechatIntro') }), u.waitHint,
      field(T('name'), u.name), field(T('email'), u.email), field(T('topic'), u.topic),
      button('sb-start', T('start'), null, 'primary', { type: 'submit' }));
  }

  function buildOffline(u) {
    u.offName = h('input', { type: 'text', required: true, maxlength: '100', autocomplete: 'name', testid: 'sb-offline-name' });
    u.offEmail = h('input', { type: 'email', required: true, maxlength: '254', autocomplete: 'email', testid: 'sb-offline-email' });
    u.offText = h('textarea', { required: true, rows: '4', maxlength: '2000', testid: 'sb-offline-text' });
    u.offSend = button('sb-offline-send', T('offlineSend'), null, 'primary', { type: 'submit' });
    u.offline = h('form', { class: 'view', testid: 'sb-offline-form', hidden: true, onsubmit: onOfflineSubmit },
      h('p', { class: 'muted', text: T('offlineIntro') }),
      field(T('name'), u.offName), field(T('emailReq'), u.offEmail), field(T('message'), u.offText), u.offSend);
    u.offlineDone = h('div', { class: 'view done', testid: 'sb-offline-done', tabindex: '-1', hidden: true },
      h('p', { text: T('offlineDone') }));
  }

  function buildChat(u) {
    u.statusText = h('span', { testid: 'sb-status', 'aria-live': 'polite' });
    u.end = button('sb-end', T('end'), onEnd, 'secondary');
    u.status = h('div', { class: 'status' }, u.statusText, u.end);
    u.log = h('div', { class: 'log', role: 'log', 'aria-live': 'polite', 'aria-label': T('log'), testid: 'sb-transcript', tabindex: '0' });
    u.typing = h('div', { class: 'typing', testid: 'sb-typing', hidden: true });
    u.input = h('textarea', { rows: '2', 'aria-label': T('inputLabel'), placeholder: T('placeholder'), testid: 'sb-input',
      onkeydown: onInputKey, oninput: onInputTyping });
    u.file = h('input', { type: 'file', hidden: true, tabindex: '-1', testid: 'sb-file', onchange: onFileChosen });
    u.attach = button('sb-attach', null, () => u.file.click(), 'icon', { 'aria-label': T('attach'), title: T('attach') });
    u.attach.append(icon(CLIP));
    u.send = button('sb-send', T('send'), sendText);
    u.composer = h('div', { class: 'composer' }, u.attach, u.file, u.input, u.send);
    buildRating(u);
    u.chatView = h('div', { class: 'view', hidden: true }, u.status, u.log, u.typing, u.composer, u.rating, u.rated);
  }

  function buildRating(u) {
    u.stars = [1, 2, 3, 4, 5].map((n) => button('sb-rate-' + n, '★', () => pickScore(n), '',
      { 'aria-label': T('star', n), 'aria-pressed': 'false' }));
    u.comment = h('textarea', { rows: '2', maxlength: '1000', testid: 'sb-rating-comment' });
    u.rateSend = button('sb-rate-send', T('rateSend'), sendRating, 'primary', { disabled: true });
    u.rating = h('div', { class: 'rating', testid: 'sb-rating', hidden: true },
      h('p', { class: 'muted', text: T('ratingQ') }), h('div', { class: 'stars', role: 'group', 'aria-label': T('ratingQ') }, ...u.stars),
      field(T('comment'), u.comment), u.rateSend);
    u.rated = h('div', { class: 'done', testid: 'sb-rated', tabindex: '-1', hidden: true }, h('p', { text: T('rated') }),
      button(null, T('newChat'), newChat, 'secondary'));
  }

  // ---- views, window, focus

  function showView(name) {
    for (const [k, v] of Object.entries(ui.views)) v.hidden = k !== name;
  }

  function currentView() {
    return Object.values(ui.views).find((v) => !v.hidden);
  }

  function focusables() {
    const sel = 'button, input, textarea, a[href], [tabindex]:not([tabindex="-1"])';
    return [...ui.win.querySelectorAll(sel)].filter((e) => !e.disabled && e.getClientRects().length > 0);
  }

  function focusInto() {
    if (!isOpen) return;
    const view = currentView();
    let target = null;
    if (view === ui.chatView) target = [ui.input, ui.stars[0], ui.rated].find((e) => e.getClientRects().length);
    else if (view) target = view.querySelector('input, textarea, button') || view;
    (target || ui.win).focus();
  }

  function openWindow() {
    isOpen = true;
    ui.win.hidden = false;
    ui.launcher.setAttribute('aria-expanded', 'true');
    if (phase === 'idle') checkAvailability();
    focusInto();
    sendReceipts();
  }

  function closeWindow() {
    isOpen = false;
    ui.win.hidden = true;
    ui.launcher.setAttribute('aria-expanded', 'false');
    ui.launcher.focus();
    if (phase === 'ended' || phase === 'rated') finishChat();
    else if (phase === 'offline-sent') phase = 'idle';
  }

  function onKey(e) {
    if (!isOpen) return;
    if (e.key === 'Escape' && !e.isComposing) {
      e.preventDefault();
      closeWindow();
    } else if (e.key === 'Tab' && ui.win.contains(ui.root.activeElement)) {   // keep focus inside the open window
      const list = focusables();
      if (!list.length) return;
      const active = ui.root.activeElement;
      const first = list[0], last = list[list.length - 1];
      if (e.shiftKey && (active === first || active === ui.win)) { e.preventDefault(); last.focus(); }
      else if (!e.shiftKey && active === last) { e.preventDefault(); first.focus(); }
    }
  }

  function showError(code) {
    const key = 'err-' + code;
    ui.error.textContent = TEXTS.en[key] ? T(key) : T('err-generic');
    clearTimeout(errorTimer);
    errorTimer = setTimeout(() => { ui.error.textContent = ''; }, 8000);
  }

  function clearError() {
    clearTimeout(errorTimer);
    ui.error.textContent = '';
  }

  // ---- availability, pre-chat and offline forms

  async function checkAvailability() {
    phase = 'checking';
    showView('loading');
    let av = null, problem = 'network';
    try {
      const res = await fetch(BASE + '/chat/api/availability?entry=' + encodeURIComponent(ENTRY), FETCH);
      if (res.ok) av = await res.json();
      else problem = 'unavailable';
    } catch (e) { /* network */ }
    if (phase !== 'checking') return;
    if (!av) showError(problem);
    if (av && av.open === false) showOffline();
    else showPrechat(av && av.expectedWait);
  }

  function showPrechat(expectedWait) {
    phase = 'prechat';
    const wait = waitText(expectedWait);
    ui.waitHint.hidden = !wait;
    ui.waitHint.textContent = wait;
    showView('prechat');
    focusInto();
  }

  function showOffline(name, email) {
    phase = 'offline';
    if (name && !ui.offName.value) ui.offName.value = name;
    if (email && !ui.offEmail.value) ui.offEmail.value = email;
    showView('offline');
    focusInto();
  }

  function onStartSubmit(e) {
    e.preventDefault();
    const name = ui.name.value.trim();
    if (!name) { showError('invalid'); ui.name.focus(); return; }
    clearError();
    const frame = { type: 'start', entry: ENTRY, name, language: LANG };
    const email = ui.email.value.trim(), topic = ui.topic.value.trim();
    if (email) frame.email = email;
    if (topic) frame.topic = topic;
    resetConversation();
    pendingStart = frame;
    phase = 'starting';
    showView('chat');
    renderChatState();
    connect();
    focusInto();
  }

  async function onOfflineSubmit(e) {
    e.preventDefault();
    const name = ui.offName.value.trim(), email = ui.offEmail.value.trim(), text = ui.offText.value.trim();
    if (!name || !email || !text) { showError('invalid'); return; }
    clearError();
    const frame = { type: 'offline', entry: ENTRY, name, email, text, language: LANG };
    ui.offSend.disabled = true;
    let answer = null;
    try {   // a frame before any chat: one long-poll request without chat/token answers it
      const data = await postPoll({ cursor: 0, frames: [frame] });
      answer = (data.frames || []).find((f) => f && (f.type === 'offline-received' || f.type === 'error'));
    } catch (e) { /* network */ }
    ui.offSend.disabled = false;
    if (answer && answer.type === 'offline-received') {
      phase = 'offline-sent';
      ui.offText.value = '';
      showView('offlineDone');
      focusInto();
    } else {
      showError(answer && answer.code ? answer.code : 'network');
    }
  }

  // ---- conversation lifecycle

  function resetConversation() {
    chat = token = null;
    lastSeq = 0; clientCounter = 0; pollCursor = 0; readUpTo = 0;
    outbox = []; cache = []; statusInfo = {};
    seen.clear(); pending.clear();
    maxAgentSeq = deliveredSent = readSent = 0;
    endRequested = false; ratingFrame = null; resuming = replaying = false;
    ui.log.replaceChildren();
    hideTyping();
    pickScore(0);
    ui.comment.value = '';
  }

  // Forget the chat entirely (ended and rated, window closed after the end, or unknown to the server).
  function finishChat() {
    closeLink();
    clearStore();
    pendingStart = null;
    resetConversation();
    phase = 'idle';
  }

  function newChat() {
    finishChat();
    checkAvailability();
  }

  function restore() {
    const s = loadStore();
    if (!s) return;
    chat = s.chat; token = s.token;
    lastSeq = int(s.lastSeq); clientCounter = int(s.clientCounter);
    pollCursor = int(s.cursor); readUpTo = int(s.readUpTo);
    outbox = Array.isArray(s.outbox) ? s.outbox.filter((o) => o && typeof o.clientId === 'string' && typeof o.text === 'string') : [];
    const shown = new Set();
    for (const m of Array.isArray(s.messages) ? s.messages : []) {
      if (!m || !Number.isInteger(m.seq) || shown.has(m.seq)) continue;
      shown.add(m.seq);
      cache.push(m);
      addMessage(m, false);
    }
    for (const o of outbox) addPending(o.clientId, o.text);
    phase = 'resuming';
    showView('chat');
    renderChatState();
    connect();
  }

  // ---- transport: common

  function parse(data) {
    try { const f = JSON.parse(data); return f && typeof f === 'object' ? f : null; } catch (e) { return null; }
  }

  const wanted = () => Boolean(chat || pendingStart) && phase !== 'rated';

  function hello() {
    if (chat) {
      resuming = true;
      return { type: 'resume', chat, token, after: lastSeq };
    }
    return pendingStart;
  }

  function connect() {
    clearTimeout(retryTimer);
    retryTimer = 0;
    if (link || !wanted()) return;
    ready = false;
    sentOnLink.clear();
    link = transport === 'ws' ? openSocket() : openPoll();
  }

  function closeLink() {
    clearTimeout(retryTimer);
    retryTimer = 0;
    const l = link;
    link = null;
    ready = false;
    if (l) l.close();
  }

  function linkUp(l) {
    if (link !== l) return;
    const f = hello();
    if (f) l.send(f);
  }

  function linkDown(l, opened) {
    if (link !== l) return;
    link = null;
    ready = false;
    l.close();
    if (l.kind === 'ws' && !opened && PREF === 'ws') {
      wsFails += 1;
      if (wsFails >= 2) transport = 'poll';
    }
    renderChatState();
    if (wanted()) scheduleRetry();
  }

  function scheduleRetry() {
    clearTimeout(retryTimer);
    const delay = retryDelay * (0.75 + Math.random() * 0.5);
    retryDelay = Math.min(retryDelay * 2, 15000);
    retryTimer = setTimeout(connect, delay);
  }

  // The server accepted start/resume on this link: send what waited.
  function becameReady() {
    ready = true;
    retryDelay = 500;
    flushOutbox();
    if (endRequested && phase !== 'ended') link.send({ type: 'end' });
    if (ratingFrame && phase === 'ended') link.send(ratingFrame);
    sendReceipts();
    renderChatState();
  }

  function send(frame) {
    if (!link || !ready) return false;
    link.send(frame);
    return true;
  }

  function flushOutbox() {
    if (!link || !ready) return;
    for (const o of outbox) {
      if (sentOnLink.has(o.clientId)) continue;
      sentOnLink.add(o.clientId);
      link.send({ type: 'message', clientId: o.clientId, text: o.text });
    }
  }

  // ---- transport: WebSocket

  function openSocket() {
    let s, opened = false, pingTimer = 0, lastRx = Date.now();
    let openTimer = 0;
    const l = { kind: 'ws', send: (f) => { if (s && s.readyState === 1) s.send(JSON.stringify(f)); } };
    l.close = () => {
      clearInterval(pingTimer);
      clearTimeout(openTimer);
      if (!s) return;
      s.onopen = s.onmessage = s.onclose = null;
      try { s.close(1000); } catch (e) { /* already closed */ }
    };
    const drop = () => linkDown(l, opened);      // linkDown closes and schedules the retry
    try { s = new WebSocket(WS_URL); } catch (e) { setTimeout(drop); return l; }
    openTimer = setTimeout(drop, 10000);
    s.onopen = () => {
      opened = true;
      wsFails = 0;
      clearTimeout(openTimer);
      pingTimer = setInterval(() => {
        if (Date.now() - lastRx > 65000) drop();   // no pong for two pings: the socket is dead
        else l.send({ type: 'ping' });
      }, 25000);
      linkUp(l);
    };
    s.onmessage = (ev) => {
      lastRx = Date.now();
      if (link === l) onFrame(parse(ev.data));
    };
    s.onclose = drop;
    return l;
  }

  // ---- transport: long-polling

  async function postPoll(body, signal) {
    const res = await fetch(BASE + '/chat/api/poll', {
      ...FETCH, method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body), signal,
    });
    if (!res.ok) throw new Error('HTTP ' + res.status);
    const data = await res.json();
    if (!data || typeof data !== 'object') throw new Error('bad answer');
    return data;
  }

  // One outstanding poll at a time; frames queued meanwhile go in a separate POST. Frames without
  // an answer (typing, receipts) may keep such a POST waiting, so only one of those is outstanding.
  const LAZY = new Set(['typing', 'delivered', 'read', 'ping']);

  function openPoll() {
    const l = { kind: 'poll', queue: [], polling: false, posting: 0, closed: false, aborts: new Set() };
    l.send = (f) => {
      if (f.type === 'typing' && l.queue.some((q) => q.type === 'typing')) return;
      l.queue.push(f);
      kick(l);
    };
    l.close = () => {
      l.closed = true;
      for (const a of l.aborts) a.abort();
    };
    setTimeout(() => linkUp(l));
    return l;
  }

  function kick(l) {
    if (l.closed) return;
    if (!l.polling) pollRequest(l, true);
    else if (l.queue.length && (!l.posting || l.queue.some((f) => !LAZY.has(f.type)))) pollRequest(l, false);
  }

  async function pollRequest(l, isPoll) {
    if (isPoll) l.polling = true; else l.posting += 1;
    const frames = l.queue.splice(0);
    const body = { cursor: pollCursor, frames };
    if (chat) { body.chat = chat; body.token = token; }
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), 40000);
    l.aborts.add(abort);
    let data = null;
    try { data = await postPoll(body, abort.signal); } catch (e) { data = null; }
    clearTimeout(timer);
    l.aborts.delete(abort);
    if (isPoll) l.polling = false; else l.posting -= 1;
    if (l.closed || link !== l) return;
    if (!data) { linkDown(l, true); return; }   // retried with backoff; the new link resumes
    onPollAnswer(data);
    if (link !== l) return;
    if (!wanted()) { closeLink(); return; }
    kick(l);
  }

  // Two requests may be outstanding, so an answer can repeat frames already handled: handling is
  // idempotent (messages by seq, acks by clientId), and an answer older than the cursor we already
  // have must not roll the status back.
  function onPollAnswer(data) {
    const frames = Array.isArray(data.frames) ? data.frames : [];
    const end = Number(data.cursor);
    const stale = !data.reset && Number.isFinite(end) && end < pollCursor;
    if (Number.isFinite(end) && (data.reset || end > pollCursor)) pollCursor = end;
    for (const f of frames) {
      if (!(stale && f && (f.type === 'status' || f.type === 'typing'))) onFrame(f);
    }
    if (data.reset && chat && link && link.resetAt !== end) {   // once per reset, even if two answers say so
      link.resetAt = end;
      ready = false;
      sentOnLink.clear();
      link.send(hello());
    }
    save();
  }

  // ---- frames from the server

  function onFrame(f) {
    if (!f || typeof f.type !== 'string') return;
    switch (f.type) {
      case 'started': return onStarted(f);
      case 'resumed': resuming = false; replaying = true; return becameReady();
      case 'ack': return onAck(f);
      case 'message': return onMessage(f);
      case 'status': return onStatus(f);
      case 'typing': return showTyping();
      case 'receipt': return onReceipt(f);
      case 'rated': return onRated();
      case 'error': return onServerError(f);
      default: return undefined;    // pong, offline-received on the chat link, unknown types
    }
  }

  function onStarted(f) {
    if (chat || !pendingStart || typeof f.chat !== 'string') return;
    chat = f.chat;
    token = f.token;
    pendingStart = null;
    save();
    becameReady();
  }

  function onAck(f) {
    if (typeof f.clientId !== 'string' || !Number.isInteger(f.seq)) return;
    removeFromOutbox(f.clientId);
    const b = pending.get(f.clientId);
    if (!b) { save(); return; }   // already shown (e.g. replayed before this ack)
    pending.delete(f.clientId);
    if (have(f.seq)) b.remove();
    else confirmOwn(b, { seq: f.seq, party: 'CUSTOMER', text: b.sbText, sentAt: f.sentAt, clientId: f.clientId });
    markSeen(f.seq);
    save();
  }

  function onMessage(f) {
    if (!Number.isInteger(f.seq) || have(f.seq)) return;
    const b = typeof f.clientId === 'string' ? pending.get(f.clientId) : null;
    if (b) {
      pending.delete(f.clientId);
      removeFromOutbox(f.clientId);
      confirmOwn(b, f);
    } else {
      addMessage(f, true);
    }
    markSeen(f.seq);
    if (f.party !== 'CUSTOMER') hideTyping();
    save();
  }

  function onStatus(f) {
    if (!['queued', 'offered', 'connected', 'ended'].includes(f.state)) return;
    if (replaying) { replaying = false; closeGaps(); }
    if (phase === 'rated' || (phase === 'ended' && f.state !== 'ended')) return;   // the end is final
    statusInfo = f;
    const focusWasIn = ui.composer.contains(ui.root.activeElement) || !ui.root.activeElement;
    phase = f.state;
    if (f.state === 'ended') onEnded();
    renderChatState();
    if (f.state === 'ended' && isOpen && focusWasIn) ui.stars[0].focus();
    save();
  }

  function onReceipt(f) {
    if (f.kind !== 'read' || !Number.isInteger(f.seq) || f.seq <= readUpTo) return;
    readUpTo = f.seq;
    for (const b of ui.log.querySelectorAll('[data-party="CUSTOMER"][data-status="sent"]')) {
      if (Number(b.getAttribute('data-seq')) <= readUpTo) setMark(b, 'read');
    }
    save();
  }

  function onEnded() {
    hideTyping();
    for (const [id, b] of pending) { setMark(b, 'failed'); pending.delete(id); }
    outbox = [];
  }

  function onRated() {
    phase = 'rated';
    ratingFrame = null;
    closeLink();
    clearStore();
    renderChatState();
    if (isOpen) ui.rated.focus();
  }

  function onServerError(f) {
    const code = String(f.code || 'generic');
    if (typeof f.clientId === 'string' && pending.has(f.clientId)) {
      if (code === 'rate-limited') {                  // keep it and try again a little later
        sentOnLink.delete(f.clientId);
        setTimeout(flushOutbox, 5000);
      } else {
        setMark(pending.get(f.clientId), 'failed');
        pending.delete(f.clientId);
        removeFromOutbox(f.clientId);
        save();
      }
    }
    if (code === 'unknown-chat' || (code === 'chat-ended' && resuming)) {
      const wasOpen = isOpen;
      finishChat();
      if (wasOpen) checkAvailability();
    } else if (!chat && pendingStart && !f.clientId) {  // the start was refused
      const start = pendingStart;
      finishChat();
      if (code === 'closed-entry') showOffline(start.name, start.email);
      else { phase = 'prechat'; showView('prechat'); }
    } else if (code === 'not-started' && chat && link) {
      link.send(hello());
      return;
    }
    showError(code);
  }

  // ---- transcript

  function formatTime(iso) {
    const d = iso ? new Date(iso) : new Date();
    if (Number.isNaN(d.getTime())) return '';
    return d.toLocaleTimeString(LANG === 'zh' ? 'zh-CN' : 'en', { hour: '2-digit', minute: '2-digit' });
  }

  function formatSize(n) {
    if (!Number.isFinite(n)) return '';
    if (n < 1024) return n + ' B';
    if (n < 1048576) return Math.round(n / 1024) + ' KB';
    return (n / 1048576).toFixed(1) + ' MB';
  }

  // Bubbles are kept in seq order; own messages still pending (and upload notes) stay at the end.
  function place(el, seq) {
    let ref = null;
    for (const c of ui.log.children) {
      if (c === el) continue;
      const s = c.getAttribute('data-seq');
      if (c.getAttribute('data-status') === 'pending' || c.classList.contains('note') || (s && Number(s) > seq)) { ref = c; break; }
    }
    ui.log.insertBefore(el, ref);
  }

  function bubble(m) {
    const party = PARTIES.includes(m.party) ? m.party : 'SYSTEM';
    const author = party === 'CUSTOMER' ? T('you') : (m.author || T(party === 'AGENT' ? 'agent' : 'system'));
    const time = h('time', { text: formatTime(m.sentAt) });
    if (m.sentAt) time.setAttribute('datetime', String(m.sentAt));
    const el = h('div', { class: 'msg ' + party.toLowerCase(), testid: 'sb-msg', 'data-seq': m.seq || '', 'data-party': party },
      h('div', { class: 'meta' }, h('span', { text: String(author) }), time),
      h('div', { class: 'text', testid: 'sb-msg-text', text: m.text == null ? '' : String(m.text) }));
    if (m.attachment && m.attachment.id) el.append(attachmentButton(m.attachment));
    if (party === 'CUSTOMER') el.append(h('div', { class: 'mark' }));
    return el;
  }

  function setMark(el, status) {
    el.setAttribute('data-status', status);
    const mark = el.querySelector('.mark');
    if (mark) mark.textContent = T(status);
  }

  function scrollDown() {
    ui.log.scrollTop = ui.log.scrollHeight;
  }

  function cacheEntry(m) {
    const { seq, party, author, text, attachment, sentAt, clientId } = m;
    cache.push({ seq, party, author, text, attachment: attachment || null, sentAt, clientId });
    if (cache.length > 400) cache.splice(0, cache.length - 200);
  }

  // A message from the server (live, replayed, or from the stored cache).
  function addMessage(m, live) {
    const el = bubble(m);
    if (el.getAttribute('data-party') === 'CUSTOMER') setMark(el, m.seq <= readUpTo ? 'read' : 'sent');
    else {
      maxAgentSeq = Math.max(maxAgentSeq, m.seq);
      if (live) scheduleReceipts();
    }
    place(el, m.seq);
    if (live) cacheEntry(m);
    markSeen(m.seq);
    scrollDown();
  }

  function addPending(clientId, text) {
    const el = bubble({ party: 'CUSTOMER', text });
    el.sbText = text;
    setMark(el, 'pending');
    pending.set(clientId, el);
    ui.log.append(el);
    scrollDown();
    return el;
  }

  // The server stored one of our messages: give its bubble the seq and the "sent" mark.
  function confirmOwn(el, m) {
    el.setAttribute('data-seq', String(m.seq));
    const time = el.querySelector('time');
    if (m.sentAt && time) { time.textContent = formatTime(m.sentAt); time.setAttribute('datetime', String(m.sentAt)); }
    setMark(el, m.seq <= readUpTo ? 'read' : 'sent');
    place(el, m.seq);
    cacheEntry({ ...m, party: 'CUSTOMER', text: m.text == null ? el.sbText : m.text });
  }

  function removeFromOutbox(clientId) {
    outbox = outbox.filter((o) => o.clientId !== clientId);
  }

  function attachmentButton(a) {
    const label = String(a.name || 'file') + (Number.isFinite(a.size) ? ' (' + formatSize(a.size) + ')' : '');
    return h('button', { type: 'button', class: 'file', 'aria-label': T('download', a.name || ''), text: label,
      onclick: () => download(a) });
  }

  async function download(a) {
    if (!chat) return;
    try {
      const url = BASE + '/chat/api/attachments/' + encodeURIComponent(a.id) + '?chat=' + encodeURIComponent(chat);
      const res = await fetch(url, { ...FETCH, headers: { 'X-Chat-Token': token } });
      if (!res.ok) throw new Error('HTTP ' + res.status);
      const href = URL.createObjectURL(await res.blob());
      const link2 = h('a', { href, download: String(a.name || 'file'), hidden: true });
      ui.root.append(link2);
      link2.click();
      link2.remove();
      setTimeout(() => URL.revokeObjectURL(href), 10000);
    } catch (e) { showError('network'); }
  }

  // ---- status line, typing, receipts

  function waitText(iso) {
    const m = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(String(iso || ''));
    if (!m || iso === 'P' || iso === 'PT') return '';
    const secs = (+(m[1] || 0)) * 86400 + (+(m[2] || 0)) * 3600 + (+(m[3] || 0)) * 60 + (+(m[4] || 0));
    return secs < 60 ? T('waitLess') : T('waitHint', Math.round(secs / 60));
  }

  function statusText() {
    const s = statusInfo;
    switch (phase) {
      case 'queued': {
        const pos = Number.isInteger(s.position) && s.position > 0 ? T('queued', s.position) : T('queuedNoPos');
        const wait = waitText(s.expectedWait);
        return wait ? pos + ' ' + wait : pos;
      }
      case 'offered': return T('offered');
      case 'connected': return s.agent ? T('connected', s.agent) : T('connectedAnon');
      case 'ended': case 'rated': return T('ended');
      default: return T('starting');
    }
  }

  function renderChatState() {
    const state = phase === 'rated' ? 'ended' : phase;
    if (['queued', 'offered', 'connected', 'ended'].includes(state)) ui.statusText.setAttribute('data-state', state);
    else ui.statusText.removeAttribute('data-state');
    const live = ['queued', 'offered', 'connected'].includes(phase);
    ui.statusText.textContent = statusText() + (live && !ready ? ' ' + T('reconnecting') : '');
    const over = phase === 'ended' || phase === 'rated';
    ui.composer.hidden = over;
    ui.end.hidden = over;
    ui.attach.disabled = !chat;
    ui.rating.hidden = phase !== 'ended';
    ui.rated.hidden = phase !== 'rated';
  }

  function showTyping() {
    if (phase === 'ended' || phase === 'rated') return;
    ui.typing.textContent = statusInfo.agent ? T('typing', statusInfo.agent) : T('typingAnon');
    ui.typing.hidden = false;
    clearTimeout(typingTimer);
    typingTimer = setTimeout(hideTyping, 5000);
  }

  function hideTyping() {
    clearTimeout(typingTimer);
    if (ui) ui.typing.hidden = true;
  }

  function scheduleReceipts() {
    clearTimeout(receiptTimer);
    receiptTimer = setTimeout(sendReceipts, 30);
  }

  function sendReceipts() {
    if (!ready || !maxAgentSeq) return;
    if (maxAgentSeq > deliveredSent && send({ type: 'delivered', seq: maxAgentSeq })) deliveredSent = maxAgentSeq;
    if (isOpen && document.visibilityState === 'visible' && maxAgentSeq > readSent &&
        send({ type: 'read', seq: maxAgentSeq })) readSent = maxAgentSeq;
  }

  // ---- user actions in the chat

  function onInputKey(e) {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing && e.keyCode !== 229) {
      e.preventDefault();
      sendText();
    }
  }

  function onInputTyping() {
    const now = Date.now();
    if (!ui.input.value || now - lastTypingSent < 2000) return;
    if (!['queued', 'offered', 'connected'].includes(phase)) return;
    if (send({ type: 'typing' })) lastTypingSent = now;
  }

  function sendText() {
    const text = ui.input.value.trim();
    if (!text || phase === 'ended' || phase === 'rated' || !wanted()) return;
    ui.input.value = '';
    const clientId = nextClientId();
    const el = addPending(clientId, text);
    if (text.length > HARD_LIMIT) {
      pending.delete(clientId);
      setMark(el, 'failed');
      showError('too-long');
      return;
    }
    outbox.push({ clientId, text });
    save();
    flushOutbox();
    ui.input.focus();
  }

  function onEnd() {
    if (!chat) {                 // not started yet: just cancel
      finishChat();
      showPrechat();
      return;
    }
    endRequested = true;
    send({ type: 'end' });
  }

  function pickScore(n) {
    score = n;
    ui.stars.forEach((b, i) => {
      b.classList.toggle('on', i < n);
      b.setAttribute('aria-pressed', String(i + 1 === n));
    });
    ui.rateSend.disabled = n === 0;
  }

  function sendRating() {
    if (!score || phase !== 'ended') return;
    ratingFrame = { type: 'rating', score };
    const comment = ui.comment.value.trim();
    if (comment) ratingFrame.comment = comment.slice(0, 1000);
    ui.rateSend.disabled = true;
    if (!link) connect();
    send(ratingFrame);
  }

  function onFileChosen() {
    const file = ui.file.files && ui.file.files[0];
    ui.file.value = '';
    if (file) upload(file);
  }

  async function upload(file) {
    if (!chat) return;
    const note = h('div', { class: 'note', text: T('uploading', file.name) });
    ui.log.append(note);
    scrollDown();
    try {
      const res = await fetch(BASE + '/chat/api/attachments?chat=' + encodeURIComponent(chat), {
        ...FETCH, method: 'POST', body: file,
        headers: { 'X-Chat-Token': token, 'Content-Type': file.type || 'application/octet-stream',
          'X-File-Name': encodeURIComponent(file.name) },
      });
      if (res.status === 413) throw new Error('too-large');
      if (res.status === 415) throw new Error('unsupported-type');
      const f = await res.json().catch(() => null);
      if (!res.ok || !f) throw new Error((f && f.code) || 'generic');
      onFrame(f.type ? f : { ...f, type: 'message' });
    } catch (e) {
      showError(e && e.message && TEXTS.en['err-' + e.message] ? e.message : 'network');
    } finally {
      note.remove();
    }
  }

  // ---- start

  function init() {
    ui = buildUI();
    document.body.append(ui.host);
    document.addEventListener('visibilitychange', sendReceipts);
    window.addEventListener('online', () => { if (retryTimer) connect(); });
    restore();
  }

  Object.defineProperty(window, 'SwitchboardChat', {
    value: Object.freeze({
      get state() { return phase; },
      get chat() { return chat; },
      get transport() { return transport; },
      get lastSeq() { return lastSeq; },
    }),
    writable: false, configurable: false, enumerable: false,
  });

  if (document.body) init();
  else document.addEventListener('DOMContentLoaded', init, { once: true });
})();
