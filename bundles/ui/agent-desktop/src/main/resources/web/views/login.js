// The login form: user, password, language. Checks the credentials with GET /api/v1/me.

import { h } from '../dom.js';
import { LANGUAGES, lang, setLang, t } from '../i18n.js';

/**
 * @param {HTMLElement} root
 * @param {object} app the controller (app.login(user, password, lang) → Promise)
 * @param {{errorKey?:string, errorParams?:object, user?:string, password?:string, focus?:string}} opts
 */
export function mountLogin(root, app, opts = {}) {
  const user = h('input', {
    id: 'login-user', name: 'user', type: 'text', testid: 'login-user', autocomplete: 'username',
    required: true, value: opts.user || '', autocapitalize: 'none', spellcheck: 'false',
  });
  const password = h('input', {
    id: 'login-password', name: 'password', type: 'password', testid: 'login-password',
    autocomplete: 'current-password', required: true, value: opts.password || '',
  });
  const language = h('select', { id: 'login-language', name: 'language', testid: 'login-language' },
    LANGUAGES.map((l) => h('option', { value: l.code, lang: l.htmlLang }, l.label)));
  language.value = lang();
  const error = h('p', { class: 'login-error', testid: 'login-error', id: 'login-error', role: 'alert', hidden: true });
  const submit = h('button', { type: 'submit', class: 'btn btn-primary btn-wide', testid: 'login-submit' },
    t('login.submit'));
  const heading = h('h1', { id: 'login-heading' }, t('login.heading'));

  const showError = (key, params) => {
    error.dataset.key = key;
    error.dataset.params = JSON.stringify(params || {});
    error.textContent = t(key, params);
    error.hidden = false;
    user.setAttribute('aria-describedby', 'login-error');
    password.setAttribute('aria-invalid', key === 'login.error.unauthorized' ? 'true' : 'false');
  };
  if (opts.errorKey) showError(opts.errorKey, opts.errorParams);

  const form = h('form', {
    class: 'login-card', testid: 'login-form', 'aria-labelledby': 'login-heading', novalidate: true,
    on: {
      submit: async (ev) => {
        ev.preventDefault();
        if (submit.disabled) return;
        const u = user.value.trim();
        const p = password.value;
        if (!u || !p) {
          showError('login.error.required');
          (u ? password : user).focus();
          return;
        }
        error.hidden = true;
        submit.disabled = true;
        submit.textContent = t('login.checking');
        submit.setAttribute('aria-busy', 'true');
        try {
          await app.login(u, p, language.value);
        } catch (e) {
          submit.disabled = false;
          submit.removeAttribute('aria-busy');
          submit.textContent = t('login.submit');
          showError(e.i18nKey || 'login.error.server', { message: e.message || '' });
          if (e.i18nKey === 'login.error.unauthorized') {
            password.select();
            password.focus();
          }
        }
      },
    },
  },
  heading,
  h('div', { class: 'brand-large', 'aria-hidden': 'true' }, t('app.brand')),
  h('div', { class: 'field' }, h('label', { htmlFor: user.id }, t('login.user')), user),
  h('div', { class: 'field' }, h('label', { htmlFor: password.id }, t('login.password')), password),
  h('div', { class: 'field' }, h('label', { htmlFor: language.id }, t('login.language')), language),
  error,
  submit);

  // switching the language re-renders the form in place, keeping what was typed
  language.addEventListener('change', () => {
    setLang(language.value);
    const shown = !error.hidden;
    mountLogin(root, app, {
      user: user.value,
      password: password.value,
      focus: 'login-language',
      errorKey: shown ? error.dataset.key : undefined,
      errorParams: shown ? JSON.parse(error.dataset.params || '{}') : undefined,
    });
  });

  const main = h('main', { class: 'login-page', id: 'main' }, form);
  root.replaceChildren(main);
  const focusEl = opts.focus === 'login-language' ? language : (user.value ? password : user);
  focusEl.focus();
  return { destroy() {} };
}
