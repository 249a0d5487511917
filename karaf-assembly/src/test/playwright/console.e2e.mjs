// Browser scenarios of Switchboard's pages in the Karaf web console, driven by ConsoleE2EIT against
// a started demo appliance (see harness.mjs): the admin manages queues, agents, skills, logins,
// flows and plugins, runs reports, and plays recordings; a supervisor is refused.
import assert from 'node:assert/strict';
import { BASE, STEP, run, snap } from './harness.mjs';

const scenarios = {
  'queues-wallboard-reports': queuesWallboardReports, people, flows, plugins, recordings,
};

/** The admin's browser: signed in to the console, confirming every dialog, downloads allowed. */
async function adminPage(browser) {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    httpCredentials: { username: 'admin', password: 'admin' },
    acceptDownloads: true,
  });
  const page = await context.newPage();
  page.setDefaultTimeout(STEP);
  page.on('pageerror', (e) => { throw e; });
  page.on('dialog', (d) => d.accept());
  return { context, page };
}

/** The status line of a page once it says `text`. */
function status(page, id, text) {
  return page.locator(`#${id}`, { hasText: text }).waitFor();
}

/**
 * The admin in the Karaf web console: the Switchboard page shows the queue with today's figures,
 * the Reports page runs the interval report (table, chart, formulas) and downloads it as CSV. A
 * supervisor's credentials do not open the console.
 */
async function queuesWallboardReports({ browser, name }) {
  const queue = process.env.QUEUE;
  const { context, page } = await adminPage(browser);

  // Queues page: create the test's queue (chat, 30 s, 90 %); a bad number is refused with the reason.
  await page.goto(`${BASE}/system/console/switchboard-queues`);
  await page.fill('#sbq-id', queue);
  await page.fill('#sbq-name', 'Console queue');
  await page.uncheck('#sbq-form input[value=voice]');
  await page.check('#sbq-form input[value=chat]');
  await page.fill('#sbq-priority', 'high');
  await page.click('#sbq-create');
  await page.locator('#sbq-status', { hasText: 'whole number' }).waitFor();
  await page.fill('#sbq-priority', '40');
  await page.fill('#sbq-sl', '30');
  await page.fill('#sbq-target', '90');
  await page.click('#sbq-create');
  const row = page.locator(`#sbq-table tr[data-queue="${queue}"]`);
  await row.waitFor();
  assert.match(await row.textContent(), /chat.*40.*30.*90 %/);
  // Edit in place: the form takes the queue's settings, the id stays, the change is saved.
  await page.click(`#sbq-table tr[data-queue="${queue}"] .sbq-edit`);
  assert.equal(await page.inputValue('#sbq-priority'), '40');
  assert.equal(await page.getAttribute('#sbq-id', 'readonly'), '');
  await page.fill('#sbq-skills', 'billing:2');
  await page.fill('#sbq-maxwait', '600');
  await page.fill('#sbq-overflow', 'support');
  await page.click('#sbq-create');
  await page.locator('#sbq-status', { hasText: `Saved queue ${queue}` }).waitFor();
  await page.locator(`#sbq-table tr[data-queue="${queue}"]`, { hasText: 'billing:2' }).waitFor();
  assert.match(await row.textContent(), /billing:2.*600.*support/);
  await page.fill('#sbq-id', `${queue}-tmp`);
  await page.click('#sbq-create');
  await page.locator(`#sbq-table tr[data-queue="${queue}-tmp"]`).waitFor();
  await page.click(`#sbq-table tr[data-queue="${queue}-tmp"] .sbq-delete`);
  await page.locator(`#sbq-table tr[data-queue="${queue}-tmp"]`).waitFor({ state: 'detached' });
  await snap(page, name, 'queues');

  // A customer's chat waits in it (opened over the API as the channel would).
  const opened = await context.request.post(`${BASE}/api/v1/interactions`, {
    data: { channel: 'chat', direction: 'INBOUND', from: 'console-visitor', to: 'web', queue },
  });
  assert.equal(opened.status(), 201, await opened.text());

  // The wallboard shows it waiting and offered today.
  await page.goto(`${BASE}/system/console/switchboard`);
  await page.locator('#sb-queues tr', { hasText: `(${queue})` }).waitFor();
  await page.waitForFunction((q) => {
    const tr = [...document.querySelectorAll('#sb-queues tr')].find((r) => r.textContent.includes(`(${q})`));
    return tr && tr.children[1].textContent === '1' && Number(tr.children[6].textContent) >= 1;
  }, queue, { timeout: STEP });
  await snap(page, name, 'wallboard');

  await page.goto(`${BASE}/system/console/switchboard-reports`);
  await page.locator('#sbr-report option[value=queue-interval]').waitFor({ state: 'attached' });
  await page.selectOption('#sbr-report', 'queue-interval');
  await page.fill('#sbr-p-queue', queue);
  await page.selectOption('#sbr-p-interval', '60');
  await page.click('#sbr-run');
  await page.locator('#sbr-table tbody tr', { hasText: 'Total' }).waitFor();
  const header = await page.locator('#sbr-table thead th').allTextContents();
  assert.ok(header.includes('Service level'), header.join(','));
  assert.ok(await page.locator('#sbr-chart rect').count() >= 1, 'a bar per row');
  assert.match(await page.locator('#sbr-formulas').textContent(), /abandoned \/ \(offered - shortAbandoned\)/);
  await snap(page, name, 'report');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#sbr-csv')]);
  const csv = await (await download.createReadStream()).toArray();
  const text = Buffer.concat(csv).toString('utf8');
  assert.match(text, /^\ufeffQueue,Interval,Offered,Answered/);
  assert.ok(text.includes(`${queue},Total,`), text);
  const [workbook] = await Promise.all([page.waitForEvent('download'), page.click('#sbr-xlsx')]);
  const xlsx = Buffer.concat(await (await workbook.createReadStream()).toArray());
  assert.equal(xlsx.subarray(0, 2).toString('latin1'), 'PK', 'an XLSX (zip) file');
  assert.equal(workbook.suggestedFilename(), 'queue-interval.xlsx');

  await page.fill('#sbr-p-from', 'yesterday');
  await page.click('#sbr-run');
  await page.locator('#sbr-status', { hasText: 'ISO-8601' }).waitFor();
  await context.close();

  const sup = await browser.newContext({ httpCredentials: { username: 'supervisor', password: 'supervisor' } });
  // Chromium gives up navigating on a refused login; ask with the same credentials directly.
  const denied = await sup.request.get(`${BASE}/system/console/switchboard-reports`);
  assert.ok([401, 403].includes(denied.status()), `supervisor got ${denied.status()}`);
  await sup.close();
  return { csvLines: text.trim().split('\n').length };
}


/**
 * Agents and skills, then logins: a skill and an agent are created and edited (teams, capacity); a
 * login is created, gets a new password and another role, and is deleted; agent4's phone gets a new
 * SIP password (the Java test registers a real phone with it).
 */
async function people({ browser, name }) {
  const { context, page } = await adminPage(browser);
  const agent = process.env.AGENT;
  await page.goto(`${BASE}/system/console/switchboard-agents`);
  await page.fill('#sba-skill-id', 'console-skill');
  await page.fill('#sba-skill-description', 'Questions from the console test');
  await page.click('#sba-skill-save');
  await page.locator('#sba-skills-table tr[data-id="console-skill"]').waitFor();

  await page.fill('#sba-id', agent);
  await page.fill('#sba-name', 'Console Agent');
  await page.fill('#sba-skills', 'console-skill:7');
  await page.fill('#sba-teams', 'night, weekend');
  await page.fill('#sba-cap-voice', '1');
  await page.fill('#sba-cap-chat', 'two');
  await page.click('#sba-agent-save');
  await status(page, 'sba-status', 'whole number');
  await page.fill('#sba-cap-chat', '2');
  await page.click('#sba-agent-save');
  const row = page.locator(`#sba-agents tr[data-id="${agent}"]`);
  await row.waitFor();
  assert.match(await row.textContent(), /Console Agent.*console-skill:7.*night, weekend.*chat 2, voice 1.*LOGGED_OUT/);
  await page.click(`#sba-agents tr[data-id="${agent}"] .sba-edit`);
  await page.fill('#sba-cap-chat', '3');
  await page.fill('#sba-teams', 'night');
  await page.click('#sba-agent-save');
  await page.locator(`#sba-agents tr[data-id="${agent}"]`, { hasText: 'chat 3' }).waitFor();
  assert.match(await page.locator('#sba-teams-table tr[data-id="night"]').textContent(), new RegExp(agent));
  await snap(page, name, 'agents');

  await page.goto(`${BASE}/system/console/switchboard-users`);
  await page.locator('#sbu-table tr[data-login="admin"]').waitFor();
  await page.fill('#sbu-name', agent);
  await page.fill('#sbu-password', agent);
  await page.selectOption('#sbu-role', 'agent');
  await page.click('#sbu-create-button');
  await status(page, 'sbu-status', 'must not be the login name');
  await page.fill('#sbu-password', 'first-Secret-1');
  await page.click('#sbu-create-button');
  await page.locator(`#sbu-table tr[data-login="${agent}"]`).waitFor();
  const me = async (password) => {
    const ctx = await browser.newContext({ httpCredentials: { username: agent, password } });
    const answer = await ctx.request.get(`${BASE}/api/v1/me`);
    const body = answer.ok() ? await answer.json() : null;
    await ctx.close();
    return { status: answer.status(), body };
  };
  const first = await me('first-Secret-1');
  assert.equal(first.status, 200);
  assert.deepEqual(first.body.roles, ['agent']);
  assert.equal(first.body.agent.displayName, 'Console Agent');

  await page.selectOption('#sbu-pw-login', agent);
  await page.fill('#sbu-pw-password', 'second-Secret-2');
  await page.click('#sbu-pw-button');
  await status(page, 'sbu-status', `Changed ${agent}`);
  assert.equal((await me('first-Secret-1')).status, 401);
  assert.equal((await me('second-Secret-2')).status, 200);

  await page.selectOption('#sbu-rl-login', agent);
  await page.selectOption('#sbu-rl-role', 'supervisor');
  await page.click('#sbu-rl-button');
  await page.locator(`#sbu-table tr[data-login="${agent}"]`, { hasText: 'supervisor' }).waitFor();
  assert.deepEqual((await me('second-Secret-2')).body.roles, ['supervisor']);

  // The signed-in admin cannot delete their own login.
  await page.click('#sbu-table tr[data-login="admin"] .sbu-delete');
  await status(page, 'sbu-status', 'your own login');

  await page.locator('#sbu-phones').waitFor();
  await page.selectOption('#sbu-ph-login', 'agent4');
  await page.fill('#sbu-ph-password', 'phone-Secret-4');
  await page.click('#sbu-ph-button');
  await status(page, 'sbu-status', 'Changed agent4');
  await snap(page, name, 'users');

  await page.click(`#sbu-table tr[data-login="${agent}"] .sbu-delete`);
  await page.locator(`#sbu-table tr[data-login="${agent}"]`).waitFor({ state: 'detached' });
  assert.equal((await me('second-Secret-2')).status, 401);

  // The agent's profile goes too, from the Agents page.
  await page.goto(`${BASE}/system/console/switchboard-agents`);
  await page.click(`#sba-agents tr[data-id="${agent}"] .sba-delete`);
  await page.locator(`#sba-agents tr[data-id="${agent}"]`).waitFor({ state: 'detached' });
  await context.close();
  return { agent };
}

const FLOW = (text) => `id: console-flow
name: Console flow
start: welcome
nodes:
  welcome:
    type: say
    text: ${text}
    next: wait
  wait:
    type: queue
    queue: support
`;

/**
 * Flows: a broken document is refused with the line of its problem, a good one is deployed, a
 * second version follows, and the first is rolled back to.
 */
async function flows({ browser, name }) {
  const { context, page } = await adminPage(browser);
  await page.goto(`${BASE}/system/console/switchboard-flows`);
  await page.locator('#sbf-table tr[data-flow="demo-ivr"]').waitFor();
  await page.fill('#sbf-id', 'console-flow');
  const broken = FLOW('Hello.').replace('    type: queue', '    type: queue-up');
  await page.fill('#sbf-document', broken);
  await page.click('#sbf-validate');
  const problem = page.locator('#sbf-problems tbody tr').first();
  await problem.waitFor();
  const text = await problem.textContent();
  assert.match(text, /nodes\.wait/);
  assert.match(text, /^\s*10/, `the problem names line 10 of the document: ${text}`);
  await page.click('#sbf-deploy');
  await page.locator('#sbf-problems tbody tr').first().waitFor();
  await snap(page, name, 'refused');

  await page.fill('#sbf-document', FLOW('Hello, version one.'));
  await page.click('#sbf-deploy');
  await page.locator('#sbf-table tr[data-flow="console-flow"]').waitFor();
  await page.fill('#sbf-document', FLOW('Hello, version two.'));
  await page.click('#sbf-deploy');
  await page.locator('#sbf-table tr[data-flow="console-flow"]', { hasText: 'Console flow' }).waitFor();
  await page.click('#sbf-table tr[data-flow="console-flow"] .sbf-open');
  await page.locator('#sbf-history tr[data-version="2"]').waitFor();
  assert.match(await page.locator('#sbf-source').textContent(), /version two/);
  await page.click('#sbf-history tr[data-version="1"] .sbf-rollback');
  await page.locator('#sbf-history tr[data-version="3"]').waitFor();
  await page.waitForFunction(() => /version one/.test(document.getElementById('sbf-source').textContent));
  await snap(page, name, 'rolled-back');
  await context.close();
  return {};
}

/** Runs the report chosen on the Reports page; true when it answered (with any number of rows). */
async function runReport(page) {
  await page.evaluate(() => { document.getElementById('sbr-status').textContent = ''; });
  await page.click('#sbr-run');
  await page.waitForFunction(() => /: \d+ rows$|failed/.test(document.getElementById('sbr-status').textContent),
    null, { timeout: STEP });
  return /: \d+ rows$/.test(await page.locator('#sbr-status').textContent());
}

/** Asks `check` every 200 ms until it answers true; fails after STEP. */
async function until(check, what) {
  const deadline = Date.now() + STEP;
  while (!(await check())) {
    assert.ok(Date.now() < deadline, `timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Clicks one of a plugin's action buttons and waits until its row shows the state wanted. */
async function act(page, symbolicName, action, state) {
  const row = page.locator('#sbp-table tbody tr', { hasText: symbolicName });
  await row.locator(`.sbp-${action}`).click();
  await page.locator('#sbp-table tbody tr', { hasText: symbolicName }).filter({ hasText: state }).waitFor();
}

/**
 * Plugins, the hot swap as a button: while the Reports page is open, the standard reports bundle is
 * updated and the report runs again; stopped, the report is gone; started, it is back. Then a
 * partner's KAR (built by the Java test) is installed from a file and uninstalled.
 */
async function plugins({ browser, name }) {
  const { context, page } = await adminPage(browser);
  const reports = await context.newPage();
  reports.setDefaultTimeout(STEP);
  reports.on('pageerror', (e) => { throw e; });
  await reports.goto(`${BASE}/system/console/switchboard-reports`);
  await reports.locator('#sbr-report option[value=queue-interval]').waitFor({ state: 'attached' });
  await reports.selectOption('#sbr-report', 'queue-interval');
  assert.ok(await runReport(reports), 'the report runs before the update');

  const standard = 'org.switchboard.reports.standard';
  await page.goto(`${BASE}/system/console/switchboard-plugins`);
  await page.locator('#sbp-table tbody tr', { hasText: standard }).waitFor();
  assert.match(await page.locator('#sbp-table tbody tr', { hasText: standard }).textContent(), /report: queue-interval/);
  await snap(page, name, 'plugins');
  await act(page, standard, 'update', 'Active');
  await status(page, 'sbp-status', standard);
  // The open Reports page keeps working: the report runs again once the new bundle has registered it.
  await until(() => runReport(reports), 'the report runs after the update');

  await act(page, standard, 'stop', 'Resolved');
  assert.equal(await runReport(reports), false, 'no queue-interval report while its bundle is stopped');
  await act(page, standard, 'start', 'Active');
  await until(() => runReport(reports), 'the report is back after the start');
  await snap(reports, name, 'report-after-swap');

  // A partner's KAR from a file: its plugin bundle appears; uninstalled, it goes.
  await page.setInputFiles('#sbp-file', process.env.KAR);
  await page.click('#sbp-install');
  await status(page, 'sbp-status', 'com.example.partner');
  const partner = page.locator('#sbp-table tbody tr', { hasText: 'com.example.partner.plugin' });
  await partner.waitFor();
  assert.match(await partner.textContent(), /Partner/i);
  await page.locator('#sbp-kars tbody tr', { hasText: 'partner-plugin' }).waitFor();
  await snap(page, name, 'kar-installed');
  await page.locator('#sbp-kars tbody tr', { hasText: 'partner-plugin' }).locator('.sbp-uninstall').click();
  await page.locator('#sbp-kars tbody tr', { hasText: 'partner-plugin' }).waitFor({ state: 'detached' });
  await partner.waitFor({ state: 'detached' });

  // Not a KAR: refused with the reason.
  await page.setInputFiles('#sbp-file', { name: 'notes.kar', mimeType: 'application/octet-stream', buffer: Buffer.from('hello') });
  await page.click('#sbp-install');
  await status(page, 'sbp-status', 'zip');
  await context.close();
  return {};
}

/**
 * Recordings (in MediaE2EIT, after a recorded call): the admin finds the call's recording, plays it
 * in the browser and downloads it for a stated purpose; the access log shows both.
 */
async function recordings({ browser, name }) {
  const { context, page } = await adminPage(browser);
  const interaction = process.env.INTERACTION;
  await page.goto(`${BASE}/system/console/switchboard-recordings`);
  await page.fill('#sbrec-interaction', interaction);
  await page.click('#sbrec-search-button');
  const row = page.locator('#sbrec-table tbody tr', { hasText: interaction });
  await row.waitFor();
  await row.getByRole('button', { name: /^Play/ }).click();
  await status(page, 'sbrec-status', 'purpose');
  await page.fill('#sbrec-purpose', 'quality review');
  await row.getByRole('button', { name: /^Play/ }).click();
  await page.waitForFunction(() => {
    const a = document.getElementById('sbrec-audio');
    return a.readyState >= 1 && a.duration > 3;
  }, null, { timeout: STEP });
  const seconds = await page.evaluate(() => document.getElementById('sbrec-audio').duration);
  const [download] = await Promise.all([page.waitForEvent('download'), row.getByRole('button', { name: /^Download/ }).click()]);
  const bytes = Buffer.concat(await (await download.createReadStream()).toArray());
  assert.equal(bytes.subarray(0, 4).toString('latin1'), 'RIFF', 'a WAV file');
  await row.getByRole('button', { name: /^Access log/ }).click();
  await page.locator('#sbrec-log-table tbody tr', { hasText: 'quality review' }).first().waitFor();
  const accesses = await page.locator('#sbrec-log-table tbody tr', { hasText: 'quality review' }).count();
  await snap(page, name, 'recordings');
  await context.close();
  return { seconds, bytes: bytes.length, accesses };
}

run(scenarios);
