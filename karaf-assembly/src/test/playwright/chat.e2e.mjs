// Browser scenarios of the web chat and the agent desktop, driven by WebChatE2EIT and VoiceDeskE2EIT
// (calls between real SIP phones) against a started appliance: each asserts what people see and
// saves a screenshot per step (see harness.mjs).
import assert from 'node:assert/strict';
import { BASE, SHOP, STEP, newPage, run, snap } from './harness.mjs';

/** A 1x1 PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64');

const scenarios = {
  conversation, offline, reconnect, capacity, injection, polling, supervisor, transfer, chinese,
  'voice-agent': voiceAgent, 'voice-supervisor': voiceSupervisor, 'agent-file': agentFile,
};

/** A customer on the shop page, with the widget open. */
async function customer(browser, alerts, query = '') {
  const { context, page } = await newPage(browser, alerts);
  await page.goto(SHOP + query);
  await page.getByTestId('sb-launcher').click();
  return { context, page };
}

async function startChat(page, name, topic) {
  await page.getByTestId('sb-name').fill(name);
  await page.getByTestId('sb-email').fill('li.wei@example.com');
  if (topic) await page.getByTestId('sb-topic').fill(topic);
  await page.getByTestId('sb-start').click();
  await page.waitForFunction(() => window.SwitchboardChat && window.SwitchboardChat.chat, null,
    { timeout: STEP });
  return page.evaluate(() => window.SwitchboardChat.chat);
}

async function say(page, text) {
  await page.getByTestId('sb-input').fill(text);
  await page.getByTestId('sb-send').click();
  // Stored by the server: it has its sequence number (then "sent", soon "read").
  await page.locator('[data-testid=sb-msg][data-party=CUSTOMER]:not([data-seq=""])', { hasText: text })
    .first().waitFor();
}

/** An agent logged in to the desktop and ready. */
async function agentDesk(browser, alerts, user) {
  const { context, page } = await newPage(browser, alerts);
  await page.goto(`${BASE}/desk/`);
  await page.getByTestId('login-user').fill(user);
  await page.getByTestId('login-password').fill(user);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('state-ready').click();
  await page.locator('[data-testid=agent-state][data-state=READY]').waitFor();
  return { context, page };
}

/** The supervisor logged in to the desktop's supervisor view. */
async function supervisorDesk(browser, alerts) {
  const { context, page } = await newPage(browser, alerts);
  await page.goto(`${BASE}/desk/`);
  await page.getByTestId('login-user').fill('supervisor');
  await page.getByTestId('login-password').fill('supervisor');
  await page.getByTestId('login-submit').click();
  await page.getByTestId('supervisor-view').waitFor();
  return { context, page };
}

function offer(page, chatId) {
  return page.locator(`[data-testid=inbox-item][data-interaction="${chatId}"]`);
}

async function acceptChat(page, chatId) {
  const item = offer(page, chatId);
  await item.locator('[data-testid=accept]').click();
  await page.locator(`[data-testid=workspace][data-interaction="${chatId}"]`).waitFor();
}

async function reply(page, text) {
  await page.getByTestId('reply-input').fill(text);
  await page.getByTestId('reply-send').click();
  await page.locator('[data-testid=msg][data-party=AGENT]', { hasText: text }).first().waitFor();
}

async function wrapUp(page, code, note) {
  await page.getByTestId('end-conversation').click();
  await page.getByTestId('wrapup-form').waitFor();
  await page.getByTestId('disposition').selectOption(code);
  await page.getByTestId('wrapup-note').fill(note);
  await page.getByTestId('complete').click();
  await page.getByTestId('wrapup-form').waitFor({ state: 'detached' });
}

async function transcript(page) {
  return page.locator('[data-testid=sb-msg][data-seq]:not([data-seq=""])').evaluateAll((nodes) =>
    nodes.map((n) => ({ seq: Number(n.dataset.seq), party: n.dataset.party,
      text: n.querySelector('[data-testid=sb-msg-text]').textContent })));
}

// ---- scenarios ----

/** Customer starts a chat; the agent is offered it, accepts, replies; wrap-up with disposition. */
async function conversation({ browser, name, alerts }) {
  const desk = await agentDesk(browser, alerts, 'agent1');
  await snap(desk.page, name, 'agent-ready');
  const shop = await customer(browser, alerts);
  await snap(shop.page, name, 'prechat');
  const chatId = await startChat(shop.page, 'Li Wei', 'Order 1001 is late');
  await shop.page.locator('[data-testid=sb-status][data-state=queued], [data-testid=sb-status][data-state=offered]').waitFor();
  await say(shop.page, 'Hello, where is my order 1001?');
  await snap(shop.page, name, 'customer-waiting');

  await offer(desk.page, chatId).waitFor();
  await desk.page.locator(`[data-testid=inbox-item][data-interaction="${chatId}"] [data-testid=ring-timer]`).waitFor();
  await snap(desk.page, name, 'offered');
  await acceptChat(desk.page, chatId);
  await desk.page.locator('[data-testid=msg][data-party=CUSTOMER]', { hasText: 'where is my order 1001' }).waitFor();
  await desk.page.getByTestId('customer-panel').getByText('Li Wei').first().waitFor();
  // The screen pop: the CRM knows the visitor by the email of the pre-chat form.
  await desk.page.locator('[data-testid=screen-pop] [data-crm=builtin]', { hasText: 'li.wei@example.com' }).waitFor();
  // Beside it the customer's orders from the order system (the customer-orders data dip), and an
  // order looked up by number (the order-status dip).
  await desk.page.locator('[data-testid=customer-orders] tr', { hasText: '1001' }).filter({ hasText: 'shipped' }).waitFor();
  await desk.page.getByTestId('order-number').fill('1002');
  await desk.page.getByTestId('order-number').press('Enter');
  await desk.page.locator('[data-testid=order-result]', { hasText: '2026-12-10' }).waitFor();
  await snap(desk.page, name, 'orders');
  // A note about the customer for the next agent, read back from the CRM.
  await desk.page.getByTestId('note-text').fill('Prefers email; order 1001 was late.');
  await desk.page.getByTestId('note-save').click();
  await desk.page.locator('[data-testid=customer-notes] li', { hasText: 'order 1001 was late' }).filter({ hasText: 'agent1' }).waitFor();
  await reply(desk.page, 'Hi Li, it left our warehouse today.');
  await snap(desk.page, name, 'agent-replied');

  await shop.page.locator('[data-testid=sb-status][data-state=connected]').waitFor();
  await shop.page.locator('[data-testid=sb-msg][data-party=AGENT]', { hasText: 'it left our warehouse today' }).waitFor();
  // The customer read it: the agent sees the read mark of their message.
  await desk.page.locator('[data-testid=msg][data-party=AGENT] [data-testid=msg-receipt]').first().waitFor();
  await say(shop.page, 'Thank you!');
  await desk.page.locator('[data-testid=msg][data-party=CUSTOMER]', { hasText: 'Thank you!' }).waitFor();
  await snap(shop.page, name, 'customer-sees-reply');

  // The customer sends a photo; the agent sees it (fetched through the role-checked REST API).
  await shop.page.getByTestId('sb-file').setInputFiles({ name: 'receipt.png', mimeType: 'image/png', buffer: PNG });
  await shop.page.locator('[data-testid=sb-msg][data-party=CUSTOMER]', { hasText: 'receipt.png' }).waitFor();
  const thumb = desk.page.locator('[data-testid=workspace] img.msg-thumb').first();
  await thumb.waitFor();
  await desk.page.waitForFunction((img) => img.complete && img.naturalWidth === 1, await thumb.elementHandle(),
    { timeout: STEP });
  await snap(desk.page, name, 'attachment');

  await wrapUp(desk.page, 'resolved', 'told the customer the order shipped');
  await snap(desk.page, name, 'wrapped-up');
  await shop.page.locator('[data-testid=sb-status][data-state=ended]').waitFor();
  await shop.page.getByTestId('sb-rate-5').click();
  await shop.page.getByTestId('sb-rate-send').click();
  await shop.page.getByTestId('sb-rated').waitFor();
  await snap(shop.page, name, 'rated');
  return { chat: chatId, customerSaw: await transcript(shop.page) };
}

/** Nobody is logged in: the widget offers the offline form, which becomes a queued interaction. */
async function offline({ browser, name, alerts }) {
  const shop = await customer(browser, alerts);
  await shop.page.getByTestId('sb-offline-form').waitFor();
  await snap(shop.page, name, 'offline-form');
  await shop.page.getByTestId('sb-offline-name').fill('Zhang San');
  await shop.page.getByTestId('sb-offline-email').fill('zhang.san@example.com');
  await shop.page.getByTestId('sb-offline-text').fill('Please call me about my invoice.');
  await shop.page.getByTestId('sb-offline-send').click();
  await shop.page.getByTestId('sb-offline-done').waitFor();
  await snap(shop.page, name, 'offline-sent');
  return {};
}

/**
 * Mid-chat the customer's page goes away; the agent writes meanwhile; the customer comes back (same
 * browser storage) and sees every message once, and a message typed while offline is delivered.
 */
async function reconnect({ browser, name, alerts }) {
  const desk = await agentDesk(browser, alerts, 'agent1');
  const shop = await customer(browser, alerts);
  const chatId = await startChat(shop.page, 'Li Wei');
  await say(shop.page, 'first');
  await offer(desk.page, chatId).waitFor();
  await acceptChat(desk.page, chatId);
  await reply(desk.page, 'agent one');
  await shop.page.locator('[data-testid=sb-msg][data-party=AGENT]', { hasText: 'agent one' }).waitFor();

  // The customer's tab closes; the agent goes on writing.
  await shop.page.close();
  await reply(desk.page, 'agent two');
  await reply(desk.page, 'agent three');
  const back = await shop.context.newPage();
  back.setDefaultTimeout(STEP);
  back.on('dialog', async (d) => { alerts.push(d.message()); await d.dismiss(); });
  await back.goto(SHOP);
  await back.getByTestId('sb-launcher').click();
  await back.locator('[data-testid=sb-msg][data-party=AGENT]', { hasText: 'agent three' }).waitFor();
  await say(back, 'second');
  await desk.page.locator('[data-testid=msg][data-party=CUSTOMER]', { hasText: 'second' }).waitFor();
  await snap(back, name, 'resumed');
  const seen = await transcript(back);
  const seqs = seen.map((m) => m.seq);
  assert.equal(new Set(seqs).size, seqs.length, `no message twice: ${JSON.stringify(seen)}`);
  for (const text of ['first', 'agent one', 'agent two', 'agent three', 'second']) {
    assert.equal(seen.filter((m) => m.text === text).length, 1, `${text} shown once`);
  }
  return { chat: chatId, customerSaw: seen };
}

/** agent1 (chat capacity 3) gets three chats at once, not a fourth. */
async function capacity({ browser, name, alerts }) {
  const desk = await agentDesk(browser, alerts, 'agent1');
  const chats = [];
  for (let k = 1; k <= 4; k += 1) {
    const shop = await customer(browser, alerts);
    chats.push(await startChat(shop.page, `Customer ${k}`));
    await say(shop.page, `question ${k}`);
  }
  for (const id of chats.slice(0, 3)) {
    await offer(desk.page, id).waitFor();
    await acceptChat(desk.page, id);
  }
  await snap(desk.page, name, 'three-chats');
  return { chats };
}

/** Markup and script in a name and a message are shown as text on both sides. */
async function injection({ browser, name, alerts }) {
  const desk = await agentDesk(browser, alerts, 'agent1');
  const shop = await customer(browser, alerts);
  const evil = '<img src=x onerror=alert(1)><script>alert(2)</script>';
  const chatId = await startChat(shop.page, `Mallory ${evil}`);
  await say(shop.page, `hi ${evil}`);
  await offer(desk.page, chatId).waitFor();
  await acceptChat(desk.page, chatId);
  const shown = desk.page.locator('[data-testid=msg][data-party=CUSTOMER] [data-testid=msg-text]').first();
  await shown.waitFor();
  assert.equal(await shown.textContent(), `hi ${evil}`);
  assert.equal(await desk.page.locator('[data-testid=workspace] img[src=x], [data-testid=workspace] script').count(), 0);
  await reply(desk.page, `<b>bold?</b> ${evil}`);
  const there = shop.page.locator('[data-testid=sb-msg][data-party=AGENT] [data-testid=sb-msg-text]').first();
  await there.waitFor();
  assert.equal(await there.textContent(), `<b>bold?</b> ${evil}`);
  assert.equal(await shop.page.locator('[data-testid=sb-transcript] b, [data-testid=sb-transcript] img').count(), 0);

  // A script disguised as a picture is refused.
  await shop.page.getByTestId('sb-file').setInputFiles({ name: 'photo.png', mimeType: 'image/png',
    buffer: Buffer.from('<script>alert(3)</script>') });
  await shop.page.getByTestId('sb-error').waitFor({ state: 'visible' });
  assert.equal(await shop.page.locator('[data-testid=sb-msg]', { hasText: 'photo.png' }).count(), 0);

  // An oversized message is refused with a clear error and does not reach the agent.
  await shop.page.getByTestId('sb-input').fill('x'.repeat(2500));
  await shop.page.getByTestId('sb-send').click();
  await shop.page.locator('[data-testid=sb-msg][data-status=failed]').waitFor();
  await shop.page.getByTestId('sb-error').waitFor({ state: 'visible' });
  await snap(shop.page, name, 'too-long');
  await snap(desk.page, name, 'inert');
  return { chat: chatId };
}

/** The same conversation over HTTP long-polling (WebSockets blocked). */
async function polling({ browser, name, alerts }) {
  const desk = await agentDesk(browser, alerts, 'agent1');
  const shop = await customer(browser, alerts, '?transport=poll');
  const chatId = await startChat(shop.page, 'Poll User');
  assert.equal(await shop.page.evaluate(() => window.SwitchboardChat.transport), 'poll');
  await say(shop.page, 'over long-polling');
  await offer(desk.page, chatId).waitFor();
  await acceptChat(desk.page, chatId);
  await reply(desk.page, 'polled reply');
  await shop.page.locator('[data-testid=sb-msg][data-party=AGENT]', { hasText: 'polled reply' }).waitFor();
  await snap(shop.page, name, 'polled');
  return { chat: chatId, customerSaw: await transcript(shop.page) };
}

/** A supervisor monitors a live chat, whispers to the agent (the customer does not see it), barges in. */
async function supervisor({ browser, name, alerts }) {
  const desk = await agentDesk(browser, alerts, 'agent1');
  const shop = await customer(browser, alerts);
  const chatId = await startChat(shop.page, 'Li Wei');
  await say(shop.page, 'I want to cancel');
  await offer(desk.page, chatId).waitFor();
  await acceptChat(desk.page, chatId);

  const sup = await supervisorDesk(browser, alerts);
  await sup.page.locator('[data-testid=queue-row][data-queue=support]').waitFor();
  await sup.page.locator('[data-testid=agent-row][data-agent=agent1]').waitFor();
  await sup.page.locator(`[data-testid=live-chat][data-interaction="${chatId}"]`).click();
  await sup.page.locator('[data-testid=msg][data-party=CUSTOMER]', { hasText: 'I want to cancel' }).waitFor();
  await snap(sup.page, name, 'monitoring');

  await sup.page.getByTestId('whisper-input').fill('Offer the 10% voucher');
  await sup.page.getByTestId('whisper-send').click();
  await desk.page.locator('[data-testid=msg][data-visibility=AGENTS]', { hasText: 'Offer the 10% voucher' }).waitFor();
  await snap(desk.page, name, 'agent-sees-whisper');
  await sup.page.getByTestId('barge-input').fill('Hello, I am the team lead.');
  await sup.page.getByTestId('barge-send').click();
  await shop.page.locator('[data-testid=sb-msg]', { hasText: 'Hello, I am the team lead.' }).waitFor();
  assert.equal(await shop.page.locator('[data-testid=sb-msg]', { hasText: 'voucher' }).count(), 0,
    'the customer never sees a whisper');
  await snap(shop.page, name, 'customer-sees-barge-in');
  return { chat: chatId };
}

/**
 * The agent sends the customer a PDF from the desktop; the customer downloads it from the chat. A
 * script named like a picture is refused with a message that says why.
 */
async function agentFile({ browser, name, alerts }) {
  const desk = await agentDesk(browser, alerts, 'agent1');
  const shop = await customer(browser, alerts);
  const chatId = await startChat(shop.page, 'Li Wei', 'Return label');
  await say(shop.page, 'Can you send me the return label?');
  await offer(desk.page, chatId).waitFor();
  await acceptChat(desk.page, chatId);
  const pdf = Buffer.from('%PDF-1.4\n% return label for order 1001\n', 'utf8');
  await desk.page.getByTestId('attach-input').setInputFiles({ name: 'Return label.pdf', mimeType: 'application/pdf', buffer: pdf });
  await desk.page.locator('[data-testid=msg][data-party=AGENT]', { hasText: 'Return label.pdf' }).waitFor();
  await snap(desk.page, name, 'agent-sent-file');

  const file = shop.page.locator('[data-testid=sb-msg][data-party=AGENT] button.file', { hasText: 'Return label.pdf' });
  await file.waitFor();
  await snap(shop.page, name, 'customer-sees-file');
  const [download] = await Promise.all([shop.page.waitForEvent('download'), file.click()]);
  assert.equal(download.suggestedFilename(), 'Return label.pdf');
  const saved = await download.path();
  const { readFileSync } = await import('node:fs');
  assert.deepEqual(readFileSync(saved), pdf, 'the customer got the file as sent');

  await desk.page.getByTestId('attach-input').setInputFiles({ name: 'cat.png', mimeType: 'image/png', buffer: Buffer.from('<script>alert(1)</script>') });
  await desk.page.getByTestId('error-banner').getByText('This file cannot be sent').waitFor();
  await snap(desk.page, name, 'disguised-file-refused');
  return { chat: chatId };
}

/** agent1 hands the chat to agent2 from the desktop; the customer goes on with agent2. */
async function transfer({ browser, name, alerts }) {
  const first = await agentDesk(browser, alerts, 'agent1');
  const shop = await customer(browser, alerts);
  const chatId = await startChat(shop.page, 'Li Wei');
  await say(shop.page, 'a billing question');
  await offer(first.page, chatId).waitFor();
  await acceptChat(first.page, chatId);
  const second = await agentDesk(browser, alerts, 'agent2');
  await first.page.getByTestId('transfer-target').selectOption('agent:agent2');
  await first.page.getByTestId('transfer-send').click();
  await offer(second.page, chatId).waitFor();
  await snap(second.page, name, 'offered-to-agent2');
  await acceptChat(second.page, chatId);
  await second.page.locator('[data-testid=msg][data-party=CUSTOMER]', { hasText: 'a billing question' }).waitFor();
  await reply(second.page, 'Agent 2 here, I can help with billing.');
  await shop.page.locator('[data-testid=sb-msg][data-party=AGENT]', { hasText: 'Agent 2 here' }).waitFor();
  await shop.page.locator('[data-testid=sb-status][data-state=connected]', { hasText: 'Agent 2' }).waitFor();
  await snap(shop.page, name, 'customer-with-agent2');
  return { chat: chatId };
}

/** The widget and the desktop in Chinese. */
async function chinese({ browser, name, alerts }) {
  const { page } = await newPage(browser, alerts);
  await page.goto(`${BASE}/desk/`);
  await page.getByTestId('login-language').selectOption('zh');
  await page.getByTestId('login-submit').getByText('登录').waitFor();
  await page.getByTestId('login-user').fill('agent1');
  await page.getByTestId('login-password').fill('agent1');
  await page.getByTestId('login-submit').click();
  await page.getByTestId('state-ready').getByText('就绪').click();
  await page.locator('[data-testid=agent-state][data-state=READY]').waitFor();
  await snap(page, name, 'desktop-zh');
  const shop = await customer(browser, alerts, '?lang=zh');
  await shop.page.getByTestId('sb-start').getByText('开始咨询').waitFor();
  await snap(shop.page, name, 'widget-zh');
  return {};
}


// ---- calls: the Java test runs the SIP phones (baresip), the browser the desktop ----

/** The call's workspace shows this state. */
async function callState(page, state) {
  await page.locator(`[data-testid=interaction-state][data-state=${state}]`).waitFor();
}

/** The call goes on for this long: a step of the scenario, not a wait for something to happen. */
function talk(page, millis) {
  return page.waitForTimeout(millis);
}

/**
 * agent4 goes ready on the desktop; a call arrives on their SIP phone (which answers it); they hold
 * it, resume it, hang up from the desktop and wrap up with a disposition.
 */
async function voiceAgent({ browser, name, alerts }) {
  const desk = await agentDesk(browser, alerts, 'agent4');
  const call = desk.page.locator('[data-testid=inbox-item][data-channel=voice][data-state=CONNECTED]');
  await call.waitFor({ timeout: 60_000 }); // the Java test dials once agent4 is ready
  const id = await call.getAttribute('data-interaction');
  await call.locator('.item-open').click();
  await desk.page.locator(`[data-testid=workspace][data-interaction="${id}"]`).waitFor();
  await callState(desk.page, 'CONNECTED');
  await talk(desk.page, 1500);
  await snap(desk.page, name, 'connected');
  await desk.page.getByTestId('hold').click();
  await callState(desk.page, 'HELD');
  await snap(desk.page, name, 'held');
  await talk(desk.page, 2000);
  await desk.page.getByTestId('resume').click();
  await callState(desk.page, 'CONNECTED');
  await talk(desk.page, 1500);
  await desk.page.getByTestId('hangup').click();
  await desk.page.getByTestId('wrapup-form').waitFor();
  await desk.page.getByTestId('disposition').selectOption('resolved');
  await desk.page.getByTestId('wrapup-note').fill('Held once to look up the order');
  await snap(desk.page, name, 'wrap-up');
  await desk.page.getByTestId('complete').click();
  await desk.page.getByTestId('wrapup-form').waitFor({ state: 'detached' });
  return { call: id };
}

/**
 * The supervisor picks the live call in the desktop, listens with their own phone (which the Java
 * test runs and which answers), whispers to the agent, then leaves the call.
 */
async function voiceSupervisor({ browser, name, alerts }) {
  const sup = await supervisorDesk(browser, alerts);
  const call = sup.page.locator('[data-testid=live-chat][data-channel=voice][data-state=CONNECTED]');
  await call.click();
  const id = await call.getAttribute('data-interaction');
  const status = sup.page.getByTestId('monitor-status');
  await sup.page.locator('[data-testid=monitor-status][data-mode=none]').waitFor();
  await sup.page.getByTestId('monitor-listen').click();
  await sup.page.locator('[data-testid=monitor-status][data-mode=listen]').waitFor({ timeout: 30_000 });
  assert.equal(await sup.page.getByTestId('monitor-listen').getAttribute('aria-pressed'), 'true');
  await snap(sup.page, name, 'listening');
  await talk(sup.page, 2000);
  await sup.page.getByTestId('monitor-whisper').click();
  await sup.page.locator('[data-testid=monitor-status][data-mode=whisper]').waitFor();
  assert.match(await status.textContent(), /only the agent hears you/);
  await snap(sup.page, name, 'whispering');
  await talk(sup.page, 2500);
  await sup.page.getByTestId('monitor-stop').click();
  await sup.page.locator('[data-testid=monitor-status][data-mode=none]').waitFor();
  await snap(sup.page, name, 'left');
  return { call: id };
}

run(scenarios);
