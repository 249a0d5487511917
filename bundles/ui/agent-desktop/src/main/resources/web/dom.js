// Small DOM helpers. Everything is built with createElement/textContent: text from the server
// (names, messages, attributes) is never parsed as HTML.

import { locale, t } from './i18n.js';

const PROPS = new Set(['value', 'checked', 'disabled', 'hidden', 'selected', 'htmlFor', 'type',
  'id', 'name', 'title', 'placeholder', 'maxLength', 'rows', 'required', 'autocomplete',
  'tabIndex', 'multiple', 'readOnly', 'min', 'max', 'download', 'href', 'src', 'alt']);

/**
 * h('button', {class: 'x', testid: 'accept', on: {click: fn}, 'aria-label': '…'}, 'text', child)
 * Strings and numbers among the children become text nodes; null/false children are skipped.
 */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  if (attrs) {
    for (const [k, v] of Object.entries(attrs)) {
      if (v === undefined || v === null || v === false) continue;
      if (k === 'class') el.className = Array.isArray(v) ? v.filter(Boolean).join(' ') : v;
      else if (k === 'text') el.textContent = v;
      else if (k === 'testid') el.setAttribute('data-testid', v);
      else if (k === 'on') for (const [ev, fn] of Object.entries(v)) el.addEventListener(ev, fn);
      else if (k === 'dataset') for (const [dk, dv] of Object.entries(v)) el.dataset[dk] = dv;
      else if (PROPS.has(k)) el[k] = v;
      else el.setAttribute(k, v === true ? '' : String(v));
    }
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else if (c instanceof Node) el.appendChild(c);
    else el.appendChild(document.createTextNode(String(c)));
  }
}

/** Replaces all children of el. */
export function setChildren(el, ...children) {
  el.replaceChildren();
  append(el, children);
}

/** Sets textContent only when it changed (keeps screen readers and layout calm). */
export function setText(el, text) {
  const s = text === null || text === undefined ? '' : String(text);
  if (el.textContent !== s) el.textContent = s;
}

export function setAttr(el, name, value) {
  if (value === null || value === undefined || value === false) {
    if (el.hasAttribute(name)) el.removeAttribute(name);
  } else {
    const s = value === true ? '' : String(value);
    if (el.getAttribute(name) !== s) el.setAttribute(name, s);
  }
}

/**
 * Keyed list update: keeps existing elements (and their focus) for keys still present, creates
 * new ones, removes the rest and orders them like items.
 */
export function reconcile(container, items, keyOf, create, update) {
  const existing = new Map();
  for (const child of Array.from(container.children)) {
    if (child.dataset.key !== undefined) existing.set(child.dataset.key, child);
    else child.remove();
  }
  let cursor = container.firstElementChild;
  for (const item of items) {
    const key = String(keyOf(item));
    let el = existing.get(key);
    if (el) existing.delete(key);
    else {
      el = create(item);
      el.dataset.key = key;
    }
    if (update) update(el, item);
    if (el !== cursor) container.insertBefore(el, cursor);
    else cursor = cursor.nextElementSibling;
  }
  for (const el of existing.values()) el.remove();
}

/** Parses an ISO-8601 duration like PT20S, PT1M30S, P1DT2H into milliseconds. */
export function parseDuration(iso, fallbackMs = 20000) {
  if (typeof iso !== 'string') return fallbackMs;
  const m = /^P(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/
    .exec(iso.trim());
  if (!m || iso.trim() === 'P' || iso.trim() === 'PT') return fallbackMs;
  const [, d, hh, mm, ss] = m.map((x) => (x === undefined ? 0 : Number(x)));
  return Math.round((((d * 24 + hh) * 60 + mm) * 60 + ss) * 1000);
}

export function parseTime(iso) {
  if (!iso) return NaN;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? NaN : ms;
}

/** 75 s → "1:15", 3700 s → "1:01:40". */
export function formatDuration(ms) {
  if (!Number.isFinite(ms)) return t('time.none');
  const total = Math.max(0, Math.floor(ms / 1000));
  const s = total % 60;
  const m = Math.floor(total / 60) % 60;
  const hours = Math.floor(total / 3600);
  const pad = (n) => String(n).padStart(2, '0');
  return hours > 0 ? `${hours}:${pad(m)}:${pad(s)}` : `${m}:${pad(s)}`;
}

export function formatClock(iso) {
  const ms = parseTime(iso);
  if (Number.isNaN(ms)) return '';
  return new Intl.DateTimeFormat(locale(), { hour: '2-digit', minute: '2-digit' }).format(ms);
}

export function formatDateTime(iso) {
  const ms = parseTime(iso);
  if (Number.isNaN(ms)) return t('time.none');
  return new Intl.DateTimeFormat(locale(), {
    year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit',
  }).format(ms);
}

export function formatSize(bytes) {
  const n = Number(bytes);
  if (!Number.isFinite(n) || n < 0) return '';
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(n < 10240 ? 1 : 0)} KiB`;
  return `${(n / 1024 / 1024).toFixed(1)} MiB`;
}

/** A random UUID v4; crypto.randomUUID needs a secure context, getRandomValues does not. */
export function uuid() {
  if (window.crypto && typeof window.crypto.randomUUID === 'function' && window.isSecureContext) {
    return window.crypto.randomUUID();
  }
  const b = new Uint8Array(16);
  window.crypto.getRandomValues(b);
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

let idCounter = 0;
/** A unique element id for label/for and aria-describedby pairs. */
export function uid(prefix) {
  idCounter += 1;
  return `${prefix}-${idCounter}`;
}

/** A <label> + control pair; the label can be visually hidden. */
export function labelled(labelText, control, { hiddenLabel = false, cls } = {}) {
  if (!control.id) control.id = uid('f');
  const label = h('label', { htmlFor: control.id, class: hiddenLabel ? 'visually-hidden' : null }, labelText);
  return h('div', { class: ['field', cls] }, label, control);
}

/** Fills a <select> with options [{value, label}], keeping the current value when possible. */
export function fillSelect(select, options, placeholder) {
  const keep = select.value;
  select.replaceChildren();
  if (placeholder !== undefined) select.appendChild(h('option', { value: '' }, placeholder));
  for (const o of options) {
    if (o.group) {
      const g = h('optgroup', { label: o.group });
      for (const c of o.options) g.appendChild(h('option', { value: c.value }, c.label));
      if (o.options.length) select.appendChild(g);
    } else {
      select.appendChild(h('option', { value: o.value }, o.label));
    }
  }
  if (Array.from(select.options).some((op) => op.value === keep)) select.value = keep;
}
