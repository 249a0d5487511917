// What every Switchboard page of the web console shares. SwitchboardPage serves this file as
// /system/console/<label>/res/console.js; each page loads it first, with
// <script src="<label>/res/console.js"></script>, and its own script uses it as SwitchboardConsole.
// Everything from the server is written with textContent: nothing is parsed as HTML.
window.SwitchboardConsole = (function () {
  'use strict';

  // The page's own path, /system/console/<label>: its resources and changes are below it.
  var base = window.location.pathname.replace(/\/$/, '');
  // Chinese when the browser asks for it, English otherwise; locale is for toLocaleString.
  var zh = (navigator.language || '').toLowerCase().indexOf('zh') === 0;
  var locale = zh ? 'zh-CN' : undefined;

  // The element with that id.
  function $(id) { return document.getElementById(id); }

  // The address of a resource of the page, <base>/<name>.<extension>?<params>: the extension is
  // json unless given; params are an object, a URLSearchParams or a query string (or nothing).
  function url(name, params, extension) {
    var query = params ? new URLSearchParams(params).toString() : '';
    return base + '/' + name + '.' + (extension || 'json') + (query ? '?' + query : '');
  }

  // The body of an answer as JSON. An error status, or a body that is not JSON (a proxy's or a
  // login page), rejects with an Error: the server's message (or "HTTP <status>"), and the
  // status and JSON body (or {}) as its status and body.
  function answer(r) {
    return r.text().then(function (text) {
      var body;
      try { body = text ? JSON.parse(text) : {}; } catch (e) { body = null; }
      if (!r.ok || body === null) {
        var error = new Error((body && body.message) || ('HTTP ' + r.status));
        error.status = r.status;
        error.body = body || {};
        throw error;
      }
      return body;
    });
  }

  // GET <base>/<name>.json?<params>: a promise of the JSON answer (see answer).
  function get(name, params) {
    return fetch(url(name, params), {credentials: 'same-origin', cache: 'no-store'}).then(answer);
  }

  // A change: POST of a body to <base>/<action>.json with the console's header, which a page of
  // another site cannot send (the server refuses a change without it).
  function send(action, body, headers) {
    headers['X-Switchboard-Console'] = '1';
    return fetch(url(action), {method: 'POST', credentials: 'same-origin', headers: headers, body: body})
      .then(answer);
  }

  // A change with a JSON body: a promise of the JSON answer (see answer).
  function post(action, body) {
    return send(action, JSON.stringify(body), {'Content-Type': 'application/json'});
  }

  // A change whose body is a file, sent as bytes; headers are added to the request's.
  function upload(action, file, headers) {
    var all = {'Content-Type': 'application/octet-stream'};
    Object.keys(headers || {}).forEach(function (h) { all[h] = headers[h]; });
    return send(action, file, all);
  }

  // A button (not a submit button) showing text, named label for screen readers (when given),
  // of the classes given ("ui-button" when none are) and calling onClick when pressed.
  function button(text, label, onClick, className) {
    var b = document.createElement('button');
    b.type = 'button';
    b.className = className === undefined ? 'ui-button' : className;
    b.textContent = text;
    if (label) { b.setAttribute('aria-label', label); }
    b.addEventListener('click', onClick);
    return b;
  }

  // Appends a cell holding value as text (nothing for null or undefined) to the row tr: a row
  // header when header is true, a data cell otherwise. Returns the cell.
  function cell(tr, value, header) {
    var c = document.createElement(header ? 'th' : 'td');
    if (header) { c.scope = 'row'; }
    c.textContent = value === null || value === undefined ? '' : String(value);
    tr.appendChild(c);
    return c;
  }

  // A new table row of the values as text, the first one its row header.
  function row(values) {
    var tr = document.createElement('tr');
    values.forEach(function (v, i) { cell(tr, v, i === 0); });
    return tr;
  }

  // Appends to body a row of one cell as wide as columns, holding text (a table's "nothing").
  function emptyRow(body, columns, text) {
    var tr = document.createElement('tr');
    cell(tr, text).colSpan = columns;
    body.appendChild(tr);
  }

  // Appends a column header to the row tr for each name.
  function heads(tr, names) {
    names.forEach(function (name) {
      var th = document.createElement('th');
      th.scope = 'col';
      th.textContent = name;
      tr.appendChild(th);
    });
  }

  // Removes everything in the element.
  function clear(el) { while (el.firstChild) { el.removeChild(el.firstChild); } }

  // Writes the page's texts: for each [id, key] of pairs, words[key] into the element with that id.
  function texts(words, pairs) {
    pairs.forEach(function (p) { $(p[0]).textContent = words[p[1]]; });
  }

  // The page's status line: a function that writes its text into the element with that id.
  function status(id) {
    return function (text) { $(id).textContent = text; };
  }

  // An ISO-8601 instant as local date and time in the page's language ('' for none; an instant
  // that is not one is shown as it came).
  function when(iso) {
    if (!iso) { return ''; }
    var d = new Date(iso);
    return isNaN(d.getTime()) ? String(iso) : d.toLocaleString(locale);
  }

  return {
    base: base, zh: zh, locale: locale, $: $, url: url, get: get, post: post,
    upload: upload, button: button, cell: cell, row: row, emptyRow: emptyRow, heads: heads,
    clear: clear, texts: texts, status: status, when: when
  };
})();
