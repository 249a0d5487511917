// A supervisor on a live call: listen, whisper to the agent, barge in, stop. Their own SIP phone is
// called by the appliance; what they are doing shows from the call's monitor.* attributes, which
// come with every interaction update of the feed.

import { h, setText } from '../dom.js';
import { t } from '../i18n.js';

const MODES = ['listen', 'whisper', 'barge'];

/**
 * @param {object} app the desktop app (api, store, showError)
 * @param {string} id the call's interaction id
 * @returns {{el: HTMLElement, update: function(object): void}}
 */
export function createCallMonitor(app, id) {
  const status = h('p', { class: 'monitor-status', testid: 'monitor-status', role: 'status', 'aria-live': 'polite' });
  let ringing = null; // the mode asked for while the phone rings
  const buttons = new Map();
  const run = async (btn, work) => {
    btn.disabled = true;
    try {
      await work();
      app.store.setError(null);
    } catch (e) {
      app.showError(e);
    } finally {
      btn.disabled = false;
      update(app.store.interactions.get(id));
    }
  };
  for (const mode of MODES) {
    const btn = h('button', {
      type: 'button', class: 'btn', testid: 'monitor-' + mode, 'aria-pressed': 'false',
      on: { click: () => run(btn, () => join(mode)) },
    }, t('sup.mode.' + mode));
    buttons.set(mode, btn);
  }
  const stopBtn = h('button', {
    type: 'button', class: 'btn btn-danger', testid: 'monitor-stop',
    on: { click: () => run(stopBtn, async () => { ringing = null; await app.api.stopMonitor(id); }) },
  }, t('sup.mode.stop'));

  const me = () => (app.store.me && app.store.me.user) || '';
  const attrs = (it) => (it && it.attributes) || {};
  const active = (it) => MODES.includes(attrs(it)['monitor.mode']);
  const mine = (it) => active(it) && attrs(it)['monitor.supervisor'] === me();

  async function join(mode) {
    const it = app.store.interactions.get(id);
    if (mine(it) || ringing) {
      await app.api.changeMonitor(id, mode);
      if (ringing) ringing = mode;
      return;
    }
    const r = await app.api.startMonitor(id, mode);
    ringing = r && r.state === 'ringing' ? mode : null;
    if (ringing) watchRinging();
  }

  // While the phone rings, ask every 2 s whether the leg is still there: a phone that refuses or
  // never answers leaves no attribute behind, only the leg's absence.
  let watch = null;
  function watchRinging() {
    if (watch) return;
    watch = setInterval(async () => {
      if (!ringing || !el.isConnected) {
        clearInterval(watch);
        watch = null;
        return;
      }
      try {
        await app.api.get(`/v1/interactions/${encodeURIComponent(id)}/monitor`);
      } catch (e) {
        if (e && e.status === 404 && ringing) {
          ringing = null;
          missed = true;
          update(app.store.interactions.get(id));
        }
      }
    }, 2000);
  }
  let missed = false;

  function update(it) {
    if (!it) return;
    const a = attrs(it);
    const live = it.state === 'CONNECTED' || it.state === 'HELD';
    if (!live) ringing = null;
    if (mine(it)) ringing = null;
    const someoneElse = active(it) && !mine(it);
    const mode = mine(it) ? a['monitor.mode'] : ringing;
    for (const [m, btn] of buttons) {
      btn.disabled = !live || someoneElse;
      btn.setAttribute('aria-pressed', m === mode ? 'true' : 'false');
    }
    stopBtn.hidden = !mine(it) && !ringing;
    if (!live) setText(status, t('sup.mon.over'));
    else if (someoneElse) setText(status, t('sup.mon.other', { name: a['monitor.supervisor'] }));
    else if (mine(it)) setText(status, t('sup.mon.' + a['monitor.mode']));
    else if (ringing) setText(status, t('sup.mon.ringing'));
    else setText(status, t(missed ? 'sup.mon.missed' : 'sup.mon.idle'));
    if (mine(it) || ringing) missed = false;
    status.dataset.mode = mine(it) ? a['monitor.mode'] : ringing ? 'ringing' : 'none';
  }

  const el = h('div', { class: 'call-monitor', testid: 'call-monitor' },
    h('p', { class: 'hint' }, t('sup.callHint')),
    h('div', { class: 'monitor-modes', role: 'group', 'aria-label': t('sup.modes') }, ...buttons.values(), stopBtn),
    status);
  return { el, update };
}
