// Texts of the agent desktop in English and Simplified Chinese.
// Every visible text and aria-label goes through t(); {name} placeholders are filled from params.

const STORAGE_KEY = 'switchboard.desk.lang';

export const LANGUAGES = [
  { code: 'en', label: 'English', htmlLang: 'en' },
  { code: 'zh', label: '简体中文', htmlLang: 'zh-CN' },
];

const en = {
  'app.title': 'Switchboard agent desktop',
  'app.brand': 'Switchboard',
  'app.skip': 'Skip to workspace',

  'login.heading': 'Sign in to the agent desktop',
  'login.user': 'User name',
  'login.password': 'Password',
  'login.language': 'Language',
  'login.submit': 'Sign in',
  'login.checking': 'Signing in…',
  'login.error.unauthorized': 'Wrong user name or password.',
  'login.error.network': 'The server cannot be reached. Check the network and try again.',
  'login.error.role': 'This user has no agent, supervisor or admin role.',
  'login.error.noAgent': 'This user has no agent record. Ask an administrator to create one.',
  'login.error.server': 'Sign-in failed: {message}',
  'login.error.required': 'Enter your user name and password.',
  'login.error.session': 'Your session ended: the credentials were refused. Please sign in again.',

  'header.user': 'Signed in as {user}',
  'header.language': 'Language',
  'header.signout': 'Sign out',
  'header.signoutLabel': 'Sign out of the desktop',
  'header.agentControls': 'Agent state',

  'feed.connecting': 'Connecting…',
  'feed.online': 'Live',
  'feed.offline': 'Reconnecting…',
  'feed.statusLabel': 'Live connection: {status}',

  'state.label': 'Your state',
  'state.READY': 'Ready',
  'state.NOT_READY': 'Not ready',
  'state.BUSY': 'Busy',
  'state.WRAP_UP': 'Wrap-up',
  'state.LOGGED_OUT': 'Logged out',
  'state.unknown': 'Unknown',
  'state.withReason': '{state} ({reason})',
  'state.ready': 'Ready',
  'state.notReady': 'Not ready',
  'state.reason': 'Not-ready reason',
  'state.logout': 'Log out',
  'state.logoutLabel': 'Log out from taking interactions',

  'reason.break': 'Break',
  'reason.lunch': 'Lunch',
  'reason.meeting': 'Meeting',
  'reason.training': 'Training',
  'reason.after-call-work': 'After-call work',
  'reason.no-answer': 'No answer',
  'reason.stale': 'No sign of life',
  'reason.login': 'Just logged in',

  'dial.label': 'Number to call',
  'dial.placeholder': '+49 30 1234567',
  'dial.send': 'Call',
  'dial.sendLabel': 'Call this number',
  'dial.empty': 'Enter a number to call.',

  'inbox.label': 'Inbox',
  'inbox.offers': 'Offered',
  'inbox.active': 'Active',
  'inbox.noOffers': 'No offers right now.',
  'inbox.noActive': 'No active interactions.',
  'inbox.accept': 'Accept',
  'inbox.acceptLabel': 'Accept the {channel} from {name}',
  'inbox.decline': 'Decline',
  'inbox.declineLabel': 'Decline the {channel} from {name}',
  'inbox.ringing': 'Rings for {seconds} s',
  'inbox.ringingShort': '{seconds} s',
  'inbox.answerOnPhone': 'Answer on your phone',
  'inbox.dialling': 'Dialling…',
  'inbox.since': 'for {duration}',
  'inbox.unread': '{count} new',
  'inbox.unreadLabel': '{count} unread messages',
  'inbox.announceOffer': 'New {channel} offered from {name}.',

  'channel.voice': 'Call',
  'channel.chat': 'Chat',
  'channel.email': 'Email',
  'channel.sms': 'SMS',
  'channel.social': 'Social',

  'direction.INBOUND': 'Inbound',
  'direction.OUTBOUND': 'Outbound',

  'istate.NEW': 'New',
  'istate.IN_FLOW': 'In self-service',
  'istate.QUEUED': 'Queued',
  'istate.OFFERED': 'Offered',
  'istate.CONNECTED': 'Connected',
  'istate.HELD': 'On hold',
  'istate.WRAP_UP': 'Wrap-up',
  'istate.CLOSED': 'Closed',
  'istate.ABANDONED': 'Abandoned',

  'party.CUSTOMER': 'Customer',
  'party.AGENT': 'Agent',
  'party.SUPERVISOR': 'Supervisor',
  'party.SYSTEM': 'System',

  'workspace.label': 'Workspace',
  'workspace.empty': 'Select an interaction in the inbox.',
  'workspace.heading': '{channel} with {name}',
  'workspace.controls': 'Interaction controls',
  'workspace.endConversation': 'End conversation',
  'workspace.hold': 'Hold',
  'workspace.resume': 'Resume',
  'workspace.hangup': 'Hang up',
  'workspace.transferTarget': 'Transfer to',
  'workspace.transferChoose': 'Choose a queue or an agent…',
  'workspace.transferQueues': 'Queues',
  'workspace.transferAgents': 'Agents',
  'workspace.transferAgentOption': '{name} ({state})',
  'workspace.transferSend': 'Transfer',
  'workspace.transferEmpty': 'Choose where to transfer first.',
  'workspace.callState': 'Call state',
  'workspace.callRinging': 'Ringing: answer on your phone.',
  'workspace.callDialling': 'Dialling: your phone rings first, then the customer.',
  'workspace.duration': 'Duration',
  'workspace.offeredHint': 'Accept the offer to reply.',

  'chat.transcript': 'Conversation',
  'chat.loading': 'Loading the conversation…',
  'chat.empty': 'No messages yet.',
  'chat.loadFailed': 'The conversation could not be loaded.',
  'chat.retryLoad': 'Try again',
  'chat.reply': 'Reply',
  'chat.replyPlaceholder': 'Type a reply. Enter sends, Shift+Enter adds a line.',
  'chat.send': 'Send',
  'chat.attach': 'Send a file',
  'chat.canned': 'Canned responses',
  'chat.cannedChoose': 'Insert a canned response…',
  'chat.typing': '{name} is typing…',
  'chat.agentTyping': 'The agent is typing…',
  'chat.whisper': 'Whisper: not shown to the customer',
  'chat.sending': 'Sending…',
  'chat.retrying': 'Not sent yet, retrying…',
  'chat.failed': 'Not sent.',
  'chat.retry': 'Retry',
  'chat.sent': 'Sent',
  'chat.delivered': 'Delivered',
  'chat.read': 'Read',
  'chat.attachment': 'Attachment: {name} ({size})',
  'chat.attachmentOpen': 'Download {name}',
  'chat.attachmentPreview': 'Preview of {name}',
  'chat.ended': 'The conversation has ended.',
  'chat.you': 'You',

  'customer.label': 'Customer',
  'customer.name': 'Name',
  'customer.email': 'Email',
  'customer.topic': 'Topic',
  'customer.from': 'From',
  'customer.to': 'To',
  'customer.channel': 'Channel',
  'customer.direction': 'Direction',
  'customer.queue': 'Queue',
  'customer.customerRef': 'Customer record',
  'customer.created': 'Opened',
  'customer.agent': 'Agent',
  'customer.attributes': 'Details',
  'customer.history': 'Previous interactions',
  'customer.historyEmpty': 'No previous interactions.',
  'customer.historyLoading': 'Loading…',
  'customer.historyFailed': 'The history could not be loaded.',
  'customer.historyItem': '{date} · {channel} · {state}',
  'customer.disposition': 'Disposition: {code}',

  'wrapup.heading': 'Wrap-up',
  'wrapup.disposition': 'Disposition',
  'wrapup.note': 'Note',
  'wrapup.complete': 'Complete',
  'wrapup.required': 'Choose a disposition first.',

  'disposition.resolved': 'Resolved',
  'disposition.follow-up': 'Follow-up needed',
  'disposition.escalated': 'Escalated',
  'disposition.complaint': 'Complaint',
  'disposition.no-answer': 'No answer',
  'disposition.wrong-number': 'Wrong number',

  'error.dismiss': 'Dismiss',
  'error.dismissLabel': 'Dismiss this message',
  'error.network': 'The server cannot be reached. Check the network.',
  'error.validation': 'Some input was not accepted: {message}',
  'error.invalid-value': 'A value was not accepted: {message}',
  'error.unknown-property': 'The request was not understood: {message}',
  'error.malformed-json': 'The request was not understood: {message}',
  'error.unauthorized': 'Your credentials were refused.',
  'error.forbidden': 'You may not do this.',
  'error.unsupported-type': 'This file cannot be sent: {message}',
  'error.too-large': 'This file is too large: {message}',
  'error.not-found': 'Not found: it may have ended meanwhile.',
  'error.conflict': 'Not possible right now: {message}',
  'error.internal': 'The server had a problem ({message}).',
  'error.generic': 'Something went wrong: {message}',
  'error.feed': 'Live updates: {message}',

  'sup.view': 'Supervisor view',
  'sup.queues': 'Queues',
  'sup.queue': 'Queue',
  'sup.waiting': 'Waiting',
  'sup.longestWait': 'Longest wait',
  'sup.noQueues': 'No queues.',
  'sup.agents': 'Agents',
  'sup.agent': 'Agent',
  'sup.state': 'State',
  'sup.reason': 'Reason',
  'sup.since': 'In state for',
  'sup.load': 'Load',
  'sup.noAgents': 'No agents.',
  'sup.noChats': 'No chats or calls in progress.',
  'sup.chatOpen': 'Monitor the chat with {name}, handled by {agent}',
  'sup.unassigned': 'no agent',
  'sup.monitor': 'Monitoring',
  'sup.monitorEmpty': 'Select a live chat or call to monitor it.',
  'sup.monitorHeading': 'Chat with {name}, handled by {agent}',
  'sup.silent': 'Silent monitoring: the customer and the agent do not see that you are watching.',
  'sup.whisper': 'Whisper to the agent',
  'sup.whisperPlaceholder': 'Only the agent sees this',
  'sup.whisperSend': 'Whisper',
  'sup.barge': 'Barge in',
  'sup.bargePlaceholder': 'The customer sees this',
  'sup.bargeSend': 'Send to everyone',
  'sup.liveConversations': 'Live chats and calls',
  'sup.callOpen': 'Monitor the call with {name}, handled by {agent}',
  'sup.callHeading': 'Call with {name}, handled by {agent}',
  'sup.callHint': 'Switchboard calls your own SIP phone; answer it to hear the call.',
  'sup.modes': 'How you join the call',
  'sup.mode.listen': 'Listen',
  'sup.mode.whisper': 'Whisper to the agent',
  'sup.mode.barge': 'Barge in',
  'sup.mode.stop': 'Leave the call',
  'sup.mon.idle': 'You are not on this call.',
  'sup.mon.ringing': 'Your phone is ringing: answer it to join.',
  'sup.mon.missed': 'Your phone did not answer. Try again when it is ready.',
  'sup.mon.listen': 'You are listening. Nobody hears you.',
  'sup.mon.whisper': 'You are whispering: only the agent hears you.',
  'sup.mon.barge': 'You are in the conversation: the customer and the agent hear you.',
  'sup.mon.other': '{name} is monitoring this call.',
  'sup.mon.over': 'The call is no longer connected.',

  'time.none': '–',
};

const zh = {
  'app.title': 'Switchboard 坐席工作台',
  'app.brand': 'Switchboard',
  'app.skip': '跳到工作区',

  'login.heading': '登录坐席工作台',
  'login.user': '用户名',
  'login.password': '密码',
  'login.language': '语言',
  'login.submit': '登录',
  'login.checking': '正在登录…',
  'login.error.unauthorized': '用户名或密码错误。',
  'login.error.network': '无法连接服务器。请检查网络后重试。',
  'login.error.role': '该用户没有坐席、主管或管理员角色。',
  'login.error.noAgent': '该用户没有坐席档案。请联系管理员创建。',
  'login.error.server': '登录失败：{message}',
  'login.error.required': '请输入用户名和密码。',
  'login.error.session': '会话已结束：凭据被拒绝。请重新登录。',

  'header.user': '当前用户：{user}',
  'header.language': '语言',
  'header.signout': '退出',
  'header.signoutLabel': '退出工作台',
  'header.agentControls': '坐席状态',

  'feed.connecting': '正在连接…',
  'feed.online': '实时',
  'feed.offline': '正在重新连接…',
  'feed.statusLabel': '实时连接：{status}',

  'state.label': '您的状态',
  'state.READY': '就绪',
  'state.NOT_READY': '未就绪',
  'state.BUSY': '忙碌',
  'state.WRAP_UP': '话后处理',
  'state.LOGGED_OUT': '已签出',
  'state.unknown': '未知',
  'state.withReason': '{state}（{reason}）',
  'state.ready': '就绪',
  'state.notReady': '未就绪',
  'state.reason': '未就绪原因',
  'state.logout': '签出',
  'state.logoutLabel': '签出，不再接收会话',

  'reason.break': '休息',
  'reason.lunch': '午餐',
  'reason.meeting': '会议',
  'reason.training': '培训',
  'reason.after-call-work': '话后工作',
  'reason.no-answer': '未应答',
  'reason.stale': '无活动迹象',
  'reason.login': '刚刚签入',

  'dial.label': '拨打号码',
  'dial.placeholder': '+86 10 12345678',
  'dial.send': '呼叫',
  'dial.sendLabel': '拨打此号码',
  'dial.empty': '请输入要拨打的号码。',

  'inbox.label': '收件箱',
  'inbox.offers': '待接入',
  'inbox.active': '进行中',
  'inbox.noOffers': '暂无待接入会话。',
  'inbox.noActive': '暂无进行中的会话。',
  'inbox.accept': '接受',
  'inbox.acceptLabel': '接受来自 {name} 的{channel}',
  'inbox.decline': '拒绝',
  'inbox.declineLabel': '拒绝来自 {name} 的{channel}',
  'inbox.ringing': '还剩 {seconds} 秒',
  'inbox.ringingShort': '{seconds} 秒',
  'inbox.answerOnPhone': '请在电话上接听',
  'inbox.dialling': '正在拨号…',
  'inbox.since': '已持续 {duration}',
  'inbox.unread': '{count} 条新消息',
  'inbox.unreadLabel': '{count} 条未读消息',
  'inbox.announceOffer': '新的{channel}：来自 {name}。',

  'channel.voice': '通话',
  'channel.chat': '在线聊天',
  'channel.email': '邮件',
  'channel.sms': '短信',
  'channel.social': '社交媒体',

  'direction.INBOUND': '呼入',
  'direction.OUTBOUND': '呼出',

  'istate.NEW': '新建',
  'istate.IN_FLOW': '自助服务中',
  'istate.QUEUED': '排队中',
  'istate.OFFERED': '待接入',
  'istate.CONNECTED': '已接通',
  'istate.HELD': '保持中',
  'istate.WRAP_UP': '话后处理',
  'istate.CLOSED': '已关闭',
  'istate.ABANDONED': '已放弃',

  'party.CUSTOMER': '客户',
  'party.AGENT': '坐席',
  'party.SUPERVISOR': '主管',
  'party.SYSTEM': '系统',

  'workspace.label': '工作区',
  'workspace.empty': '请在收件箱中选择一个会话。',
  'workspace.heading': '与 {name} 的{channel}',
  'workspace.controls': '会话操作',
  'workspace.endConversation': '结束会话',
  'workspace.hold': '保持',
  'workspace.resume': '恢复',
  'workspace.hangup': '挂断',
  'workspace.transferTarget': '转接到',
  'workspace.transferChoose': '选择队列或坐席…',
  'workspace.transferQueues': '队列',
  'workspace.transferAgents': '坐席',
  'workspace.transferAgentOption': '{name}（{state}）',
  'workspace.transferSend': '转接',
  'workspace.transferEmpty': '请先选择转接目标。',
  'workspace.callState': '通话状态',
  'workspace.callRinging': '振铃中：请在电话上接听。',
  'workspace.callDialling': '拨号中：先振铃您的电话，再呼叫客户。',
  'workspace.duration': '时长',
  'workspace.offeredHint': '接受后即可回复。',

  'chat.transcript': '对话',
  'chat.loading': '正在加载对话…',
  'chat.empty': '暂无消息。',
  'chat.loadFailed': '无法加载对话。',
  'chat.retryLoad': '重试',
  'chat.reply': '回复',
  'chat.replyPlaceholder': '输入回复。回车发送，Shift+回车换行。',
  'chat.send': '发送',
  'chat.attach': '发送文件',
  'chat.canned': '快捷回复',
  'chat.cannedChoose': '插入快捷回复…',
  'chat.typing': '{name} 正在输入…',
  'chat.agentTyping': '坐席正在输入…',
  'chat.whisper': '悄悄话：客户看不到',
  'chat.sending': '正在发送…',
  'chat.retrying': '尚未发送，正在重试…',
  'chat.failed': '发送失败。',
  'chat.retry': '重试',
  'chat.sent': '已发送',
  'chat.delivered': '已送达',
  'chat.read': '已读',
  'chat.attachment': '附件：{name}（{size}）',
  'chat.attachmentOpen': '下载 {name}',
  'chat.attachmentPreview': '{name} 的预览',
  'chat.ended': '对话已结束。',
  'chat.you': '我',

  'customer.label': '客户',
  'customer.name': '姓名',
  'customer.email': '邮箱',
  'customer.topic': '主题',
  'customer.from': '来自',
  'customer.to': '目标',
  'customer.channel': '渠道',
  'customer.direction': '方向',
  'customer.queue': '队列',
  'customer.customerRef': '客户档案',
  'customer.created': '创建时间',
  'customer.agent': '坐席',
  'customer.attributes': '详细信息',
  'customer.history': '历史会话',
  'customer.historyEmpty': '没有历史会话。',
  'customer.historyLoading': '正在加载…',
  'customer.historyFailed': '无法加载历史记录。',
  'customer.historyItem': '{date} · {channel} · {state}',
  'customer.disposition': '处理结果：{code}',

  'wrapup.heading': '话后处理',
  'wrapup.disposition': '处理结果',
  'wrapup.note': '备注',
  'wrapup.complete': '完成',
  'wrapup.required': '请先选择处理结果。',

  'disposition.resolved': '已解决',
  'disposition.follow-up': '需跟进',
  'disposition.escalated': '已升级',
  'disposition.complaint': '投诉',
  'disposition.no-answer': '无人接听',
  'disposition.wrong-number': '打错电话',

  'error.dismiss': '关闭',
  'error.dismissLabel': '关闭此提示',
  'error.network': '无法连接服务器。请检查网络。',
  'error.validation': '部分输入未被接受：{message}',
  'error.invalid-value': '某个值未被接受：{message}',
  'error.unknown-property': '请求无法识别：{message}',
  'error.malformed-json': '请求无法识别：{message}',
  'error.unauthorized': '您的凭据被拒绝。',
  'error.forbidden': '您无权执行此操作。',
  'error.unsupported-type': '无法发送此文件：{message}',
  'error.too-large': '文件过大：{message}',
  'error.not-found': '未找到：可能已经结束。',
  'error.conflict': '当前无法执行：{message}',
  'error.internal': '服务器出现问题（{message}）。',
  'error.generic': '出现错误：{message}',
  'error.feed': '实时更新：{message}',

  'sup.view': '主管视图',
  'sup.queues': '队列',
  'sup.queue': '队列',
  'sup.waiting': '等待数',
  'sup.longestWait': '最长等待',
  'sup.noQueues': '没有队列。',
  'sup.agents': '坐席',
  'sup.agent': '坐席',
  'sup.state': '状态',
  'sup.reason': '原因',
  'sup.since': '状态持续',
  'sup.load': '负载',
  'sup.noAgents': '没有坐席。',
  'sup.noChats': '暂无进行中的聊天或通话。',
  'sup.chatOpen': '监听与 {name} 的聊天（坐席：{agent}）',
  'sup.unassigned': '无坐席',
  'sup.monitor': '监听',
  'sup.monitorEmpty': '选择一个进行中的聊天或通话进行监听。',
  'sup.monitorHeading': '与 {name} 的聊天，坐席：{agent}',
  'sup.silent': '静默监听：客户和坐席都看不到您在旁听。',
  'sup.whisper': '对坐席悄悄话',
  'sup.whisperPlaceholder': '只有坐席能看到',
  'sup.whisperSend': '悄悄话',
  'sup.barge': '插话',
  'sup.bargePlaceholder': '客户会看到',
  'sup.bargeSend': '发送给所有人',
  'sup.liveConversations': '进行中的聊天和通话',
  'sup.callOpen': '监听与 {name} 的通话（坐席：{agent}）',
  'sup.callHeading': '与 {name} 的通话，坐席：{agent}',
  'sup.callHint': 'Switchboard 会呼叫您自己的 SIP 话机；接听即可听到通话。',
  'sup.modes': '加入通话的方式',
  'sup.mode.listen': '监听',
  'sup.mode.whisper': '对坐席耳语',
  'sup.mode.barge': '强插',
  'sup.mode.stop': '退出通话',
  'sup.mon.idle': '您未加入此通话。',
  'sup.mon.ringing': '您的话机正在振铃：接听即可加入。',
  'sup.mon.missed': '您的话机未接听。准备好后请重试。',
  'sup.mon.listen': '您正在监听，没有人能听到您。',
  'sup.mon.whisper': '您正在耳语：只有坐席能听到您。',
  'sup.mon.barge': '您已加入对话：客户和坐席都能听到您。',
  'sup.mon.other': '{name} 正在监听此通话。',
  'sup.mon.over': '通话已不再接通。',

  'time.none': '–',
};

export const DICTIONARIES = { en, zh };

let current = initialLanguage();

function initialLanguage() {
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    if (stored && DICTIONARIES[stored]) return stored;
  } catch (e) {
    // storage may be disabled; fall through to the browser's language
  }
  const nav = (navigator.language || 'en').toLowerCase();
  return nav.startsWith('zh') ? 'zh' : 'en';
}

/** The current UI language code, 'en' or 'zh'. */
export function lang() {
  return current;
}

/** Switches the language, remembers it in localStorage and updates <html lang>. */
export function setLang(code) {
  if (!DICTIONARIES[code]) return;
  current = code;
  try {
    window.localStorage.setItem(STORAGE_KEY, code);
  } catch (e) {
    // not remembered, still applied
  }
  applyDocumentLanguage();
}

export function applyDocumentLanguage() {
  const info = LANGUAGES.find((l) => l.code === current) || LANGUAGES[0];
  document.documentElement.lang = info.htmlLang;
  document.title = t('app.title');
}

/** Translates a key; unknown keys fall back to English, then to the key itself. */
export function t(key, params) {
  let text = DICTIONARIES[current][key];
  if (text === undefined) text = en[key];
  if (text === undefined) return key;
  if (params) {
    text = text.replace(/\{(\w+)\}/g, (m, name) =>
      Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : m);
  }
  return text;
}

/** Translates "prefix.value" when the dictionary has it, otherwise shows the value itself. */
export function tOr(prefix, value) {
  if (value === null || value === undefined || value === '') return '';
  const key = prefix + '.' + value;
  return DICTIONARIES[current][key] ?? en[key] ?? String(value);
}

/** A locale for Intl formatters. */
export function locale() {
  return current === 'zh' ? 'zh-CN' : 'en-GB';
}
