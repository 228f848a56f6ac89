// Agent console for Assistant (상담원 콘솔).
// Security rule for this file: every value that comes from the server is put into the page
// with textContent / createTextNode only. There is no innerHTML anywhere: the Markdown of bot
// answers (bold, lists, links) is built element by element, so nothing in a message becomes markup.
(() => {
  'use strict';

  const API = '/api/agent';
  const LOGIN_PATH = `${API}/login`;
  const ME_PATH = `${API}/me`;
  const TITLE = '상담 콘솔 · Assistant';
  const RECONNECT_DELAY_MS = 5000;
  const HIGHLIGHT_MS = 3000;
  const TOAST_MS = 5000;
  const MAX_TOASTS = 3;
  const CLOCK_TICK_MS = 30000;

  const STATUS_TEXT = { queued: '대기', handedBack: '봇으로 전환됨', resolved: '해결됨' };
  const ROLE_TEXT = { seller: '판매자', bot: '봇', agent: '상담원', system: '시스템' };
  const CHANNEL_TEXT = { web: '웹', kakao: '카카오톡', kakaotalk: '카카오톡', app: '앱', email: '이메일', phone: '전화', cli: 'CLI' };

  const $ = (id) => document.getElementById(id);

  const state = {};
  resetState();

  function resetState() {
    Object.assign(state, {
      agent: null,
      csrf: null,
      tickets: new Map(),   // number -> TicketSummary
      unread: new Set(),    // numbers with messages the agent has not opened yet
      freshAt: new Map(),   // number -> time it arrived, for the highlight
      eventAt: new Map(),   // number -> eventCount when it was last updated outside a queue load
      eventCount: 0,
      drafts: new Map(),    // number -> unsent reply text
      assist: false,        // LLM help is on (GET /api/agent/assist)
      assistBusy: false,
      summaries: new Map(), // number -> AI summary shown for it
      openNumber: null,
      open: null,           // TicketDetail of the open ticket, null while loading
      pending: [],          // messages that arrived while the open ticket was loading
      seen: new Set(),      // keys of messages already in #transcript
      scrollToEnd: false,
      busy: false,
      events: null,
      reconnectTimer: null,
      disconnected: false,
      // Sequence numbers let late responses be recognised and dropped.
      queueSeq: (state.queueSeq || 0) + 1,
      openSeq: (state.openSeq || 0) + 1,
    });
  }

  // ---------------------------------------------------------------- helpers

  const { el } = window.ConsoleKit;

  function dash(value) {
    return value === null || value === undefined || value === '' ? '—' : String(value);
  }

  // Every time is shown on the service's clock (Handoff:TimeZone, sent with each ticket's promise), the one the
  // seller was told, whatever the agent's own computer is set to.
  let zone = 'Asia/Seoul';

  function useZoneOf(ticket) {
    if (ticket && ticket.promise && ticket.promise.timeZone) zone = ticket.promise.timeZone;
  }

  /** The calendar day of a time on the service's clock, as "2026-12-02". */
  function dayKey(t) {
    return new Date(t).toLocaleDateString('en-CA', { timeZone: zone });
  }

  /** Hour, minute, month, day and weekday of a time on the service's clock. */
  function zoned(t) {
    const parts = {};
    for (const p of new Intl.DateTimeFormat('en-US', {
      timeZone: zone, hourCycle: 'h23', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', weekday: 'short',
    }).formatToParts(new Date(t))) parts[p.type] = p.value;
    return {
      month: Number(parts.month), day: Number(parts.day), hour: Number(parts.hour) % 24, minute: Number(parts.minute),
      weekday: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(parts.weekday),
    };
  }

  function toTime(iso) {
    const t = Date.parse(iso);
    return Number.isNaN(t) ? 0 : t;
  }

  function relativeTime(iso) {
    const t = toTime(iso);
    if (!t) return '';
    const minutes = Math.floor(Math.max(0, Date.now() - t) / 60000);
    if (minutes < 1) return '방금 전';
    if (minutes < 60) return `${minutes}분 전`;
    const hours = Math.floor(minutes / 60);
    if (hours < 24) return `${hours}시간 전`;
    const days = Math.floor(hours / 24);
    if (days < 7) return `${days}일 전`;
    return new Date(t).toLocaleDateString('ko-KR', { timeZone: zone, month: 'long', day: 'numeric' });
  }

  function fullTime(iso) {
    const t = toTime(iso);
    if (!t) return '';
    return new Date(t).toLocaleString('ko-KR', {
      timeZone: zone, year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: '2-digit',
    });
  }

  function clockTime(iso) {
    const t = toTime(iso);
    if (!t) return '';
    const d = new Date(t);
    if (dayKey(t) === dayKey(Date.now())) {
      return d.toLocaleTimeString('ko-KR', { timeZone: zone, hour: 'numeric', minute: '2-digit' });
    }
    return d.toLocaleString('ko-KR', { timeZone: zone, month: 'numeric', day: 'numeric', hour: 'numeric', minute: '2-digit' });
  }

  function timeElement(iso, className, relative) {
    const node = el('time', className, relative ? relativeTime(iso) : clockTime(iso));
    if (iso) {
      node.dateTime = iso;
      node.title = fullTime(iso);
    }
    if (relative) node.dataset.relative = '';
    return node;
  }

  function refreshRelativeTimes() {
    for (const node of document.querySelectorAll('time[data-relative]')) {
      node.textContent = relativeTime(node.dateTime);
    }
    for (const node of document.querySelectorAll('[data-due]')) {
      const left = timeLeft(node.dataset.due);
      node.textContent = left.text;
      node.classList.toggle('is-overdue', left.overdue);
    }
    if (state.open) renderPromise(state.open);
  }

  function statusLabel(t) {
    if (t.status === 'claimed') return `상담 중 (${t.owner && t.owner.name ? t.owner.name : '알 수 없음'})`;
    return STATUS_TEXT[t.status] || t.status || '';
  }

  function statusClass(status) {
    return `status-${Object.hasOwn(STATUS_TEXT, status) || status === 'claimed' ? status : 'other'}`;
  }

  function channelLabel(t) {
    if (t.channelName) return t.channelName;
    if (!t.channel) return '—';
    return CHANNEL_TEXT[String(t.channel).toLowerCase()] || String(t.channel);
  }

  // ---------------------------------------------------------------- promised response

  /** "오전 9시", "오후 3시 30분"; noon and midnight as "낮 12시" and "밤 12시", never the ambiguous "오전 12시". */
  function hourText(z) {
    const h = z.hour;
    const part = h === 0 ? '밤' : h === 12 ? '낮' : h < 12 ? '오전' : '오후';
    return `${part} ${h % 12 === 0 ? 12 : h % 12}시${z.minute ? ` ${z.minute}분` : ''}`;
  }

  function dueLabel(iso) {
    const t = toTime(iso);
    if (!t) return '';
    const z = zoned(t);
    let day;
    if (dayKey(t) === dayKey(Date.now())) day = '오늘';
    else if (dayKey(t) === dayKey(Date.now() + 86400000)) day = '내일';
    else day = `${z.month}월 ${z.day}일(${'일월화수목금토'[z.weekday]})`;
    return `${day} ${hourText(z)}까지`;
  }

  function spanText(ms) {
    const minutes = Math.max(1, Math.floor(ms / 60000));
    if (minutes < 60) return `${minutes}분`;
    const hours = Math.floor(minutes / 60);
    if (hours < 24) return minutes % 60 ? `${hours}시간 ${minutes % 60}분` : `${hours}시간`;
    const days = Math.floor(hours / 24);
    return hours % 24 ? `${days}일 ${hours % 24}시간` : `${days}일`;
  }

  /** "42분 남음" before the promised time, "12분 지남" after it; `overdue` for the style. */
  function timeLeft(iso) {
    const t = toTime(iso);
    if (!t) return { text: '', overdue: false };
    const left = t - Date.now();
    return left >= 0 ? { text: `${spanText(left)} 남음`, overdue: false } : { text: `${spanText(-left)} 지남`, overdue: true };
  }

  function renderPromise(t) {
    useZoneOf(t);
    const due = t.promise && t.promise.due;
    $('ticket-promise').hidden = !due;
    $('ticket-promise-text').hidden = !(t.promise && t.promise.text);
    if (!due) return;
    const left = timeLeft(due);
    $('ticket-promise-due').textContent = dueLabel(due);
    $('ticket-promise-left').textContent = left.text;
    $('ticket-promise').classList.toggle('is-overdue', left.overdue && t.status !== 'resolved');
    $('ticket-promise-text').textContent = `판매자 안내: ${t.promise.text}`;
  }

  // ---------------------------------------------------------------- safe Markdown

  const URL_PATTERN = /\[([^\]\n]+)\]\((https?:\/\/[^\s)]+)\)|(https?:\/\/[^\s<>()]*[^\s<>().,!?'"])/g;

  function link(href, text) {
    const a = el('a', '', text);
    a.href = href;
    a.target = '_blank';
    a.rel = 'noopener noreferrer';
    return a;
  }

  /** Text with **bold**, [label](https://…) and bare https:// links, as nodes; everything else stays text. */
  function inline(text) {
    const nodes = [];
    text.split(/(\*\*[^*\n]+?\*\*)/).forEach((part, i) => {
      if (i % 2 === 1) {
        nodes.push(el('strong', '', part.slice(2, -2)));
        return;
      }
      let last = 0;
      for (const m of part.matchAll(URL_PATTERN)) {
        if (m.index > last) nodes.push(document.createTextNode(part.slice(last, m.index)));
        nodes.push(m[1] ? link(m[2], m[1]) : link(m[3], m[3]));
        last = m.index + m[0].length;
      }
      if (last < part.length) nodes.push(document.createTextNode(part.slice(last)));
    });
    return nodes;
  }

  /** Paragraphs, "- " / "1. " lists, bold and links; blank lines between list items keep one list. */
  function markdown(text) {
    const box = el('div', 'msg-text md');
    let para = null;
    let list = null;
    for (const line of String(text).split('\n')) {
      const item = /^\s*(?:([-*•])|(\d+)[.)])\s+(.*)$/.exec(line);
      if (item) {
        const tag = item[1] ? 'ul' : 'ol';
        if (!list || list.tagName.toLowerCase() !== tag) {
          list = el(tag);
          box.append(list);
        }
        const li = el('li');
        li.append(...inline(item[3]));
        list.append(li);
        para = null;
      } else if (!line.trim()) {
        para = null;
      } else {
        if (!para) {
          para = el('p');
          box.append(para);
          list = null;
        } else {
          para.append(el('br'));
        }
        para.append(...inline(line));
      }
    }
    return box;
  }

  function isMine(t) {
    return Boolean(state.agent && t && t.owner && String(t.owner.id) === String(state.agent.id));
  }

  function isOwnMessage(m) {
    return Boolean(state.agent && m.role === 'agent' && m.author === state.agent.name);
  }

  function toSummary(detail) {
    const { transcript, faqShown, disliked, description, ...summary } = detail;
    return summary;
  }

  function messageKey(m) {
    return `${m.role}|${m.at}|${m.text}`;
  }

  function ticketPath(number, action) {
    return `${API}/tickets/${encodeURIComponent(number)}${action ? `/${action}` : ''}`;
  }

  // ---------------------------------------------------------------- API

  async function api(method, path, body, retried = false) {
    const headers = { Accept: 'application/json' };
    const init = { method, headers, credentials: 'same-origin', cache: 'no-store' };
    if (method !== 'GET') {
      headers['Content-Type'] = 'application/json';
      if (path !== LOGIN_PATH) headers['X-CSRF-TOKEN'] = state.csrf || '';
      init.body = JSON.stringify(body || {});
    }

    let res;
    try {
      res = await fetch(path, init);
    } catch {
      return { ok: false, status: 0, data: null };
    }
    const data = await readJson(res);

    if (res.status === 401 && path !== LOGIN_PATH && path !== ME_PATH) {
      sessionExpired();
    } else if (res.status === 400 && method === 'POST' && path !== LOGIN_PATH && !retried && await refreshCsrf()) {
      // ASP.NET Core rejects a stale antiforgery token with 400; get a fresh token and try once more.
      return api(method, path, body, true);
    }
    return { ok: res.ok, status: res.status, data };
  }

  async function readJson(res) {
    if (res.status === 204) return null;
    try {
      const text = await res.text();
      return text ? JSON.parse(text) : null;
    } catch {
      return null;
    }
  }

  async function refreshCsrf() {
    const r = await api('GET', ME_PATH);
    if (r.ok && r.data && r.data.csrfToken) {
      state.csrf = r.data.csrfToken;
      return true;
    }
    return false;
  }

  function errorText(action, status, data) {
    // Errors are RFC 9457 problems: the reason is in `detail`.
    const fromServer = data && typeof data.detail === 'string' ? data.detail : '';
    if (/[가-힣]/.test(fromServer)) return fromServer;
    switch (status) {
      case 0: return '서버에 연결할 수 없어요. 네트워크를 확인한 뒤 다시 시도해 주세요.';
      case 401: return '로그인이 만료되었어요. 다시 로그인해 주세요.';
      case 403: return '내가 맡은 문의가 아니라서 처리할 수 없어요.';
      case 404: return '문의를 찾을 수 없어요.';
      case 409:
        return action === 'claim'
          ? '다른 상담원이 이미 이 문의를 맡았어요.'
          : '문의 상태가 바뀌어 처리하지 못했어요. 최신 내용을 확인해 주세요.';
      default:
        return action === 'load'
          ? '문의를 불러오지 못했어요. 잠시 후 다시 시도해 주세요.'
          : '요청을 처리하지 못했어요. 잠시 후 다시 시도해 주세요.';
    }
  }

  // ---------------------------------------------------------------- session

  async function boot() {
    bindEvents();
    const r = await api('GET', ME_PATH);
    $('app-loading').hidden = true;
    if (r.ok && r.data && r.data.agent) {
      startConsole(r.data);
    } else {
      showLogin(r.status === 0 ? errorText('login', 0) : '');
    }
  }

  function showLogin(message) {
    stopEvents();
    resetState();
    clearConsole();
    $('console-view').hidden = true;
    $('login-view').hidden = false;
    $('login-error').textContent = message || '';
    $('password').value = '';
    $('login-button').disabled = false;
    document.title = TITLE;
    $('username').focus();
  }

  function sessionExpired() {
    if (state.agent) showLogin('로그인이 만료되었어요. 다시 로그인해 주세요.');
  }

  async function onLoginSubmit(event) {
    event.preventDefault();
    const username = $('username').value.trim();
    const password = $('password').value;
    const error = $('login-error');
    if (!username || !password) {
      error.textContent = '아이디와 비밀번호를 입력해 주세요.';
      return;
    }

    const button = $('login-button');
    button.disabled = true;
    error.textContent = '';
    const r = await api('POST', LOGIN_PATH, { username, password });
    button.disabled = false;

    if (r.ok && r.data && r.data.agent) {
      $('password').value = '';
      startConsole(r.data);
      return;
    }
    if (r.status === 401) error.textContent = '아이디 또는 비밀번호가 올바르지 않아요.';
    else if (r.status === 429) error.textContent = '로그인 시도가 너무 많아요. 잠시 후 다시 시도해 주세요.';
    else if (r.status === 0) error.textContent = errorText('login', 0);
    else error.textContent = '로그인하지 못했어요. 잠시 후 다시 시도해 주세요.';
    $('password').focus();
  }

  function startConsole(session) {
    state.agent = session.agent;
    state.csrf = session.csrfToken || null;
    $('agent-name').textContent = session.agent.name || '';
    $('review-link').hidden = session.agent.role !== 'supervisor';
    $('agent-name').title = session.agent.role ? `${session.agent.name} · ${session.agent.role}` : '';
    // Supervisor pages (dashboard, …) are linked only for supervisors; the API refuses everyone else anyway.
    for (const link of document.querySelectorAll('[data-supervisor]')) link.hidden = session.agent.role !== 'supervisor';
    $('knowledge-link').hidden = session.agent.role !== 'supervisor';
    $('login-view').hidden = true;
    $('console-view').hidden = false;
    setView('queue');
    loadQueue();
    connectEvents();
    loadAssist();
  }

  async function logout() {
    const button = $('logout-button');
    button.disabled = true;
    stopEvents();
    await api('POST', `${API}/logout`);
    button.disabled = false;
    showLogin('');
  }

  function clearConsole() {
    $('queue').replaceChildren();
    $('queue-empty').hidden = true;
    $('queue-count').textContent = '';
    $('agent-name').textContent = '';
    $('review-link').hidden = true;
    $('ticket').hidden = true;
    $('ticket-placeholder').hidden = false;
    $('transcript').replaceChildren();
    $('reply-text').value = '';
    $('toasts').replaceChildren();
    showTicketError('');
    setDisconnected(false);
  }

  // ---------------------------------------------------------------- queue

  async function loadQueue() {
    const seq = ++state.queueSeq;
    const eventsBefore = state.eventCount;
    const r = await api('GET', `${API}/tickets`);
    if (seq !== state.queueSeq || !state.agent || !r.ok || !Array.isArray(r.data)) return;

    const next = new Map();
    for (const t of r.data) {
      const known = state.tickets.get(t.number);
      // A live event may have landed while this request was in flight; keep whichever is newer.
      next.set(t.number, known && toTime(known.updatedAt) > toTime(t.updatedAt) ? known : t);
    }
    // A ticket that a live event brought while the request was in flight may be missing from its answer: keep it.
    for (const [number, at] of state.eventAt) {
      if (at > eventsBefore && !next.has(number) && state.tickets.has(number)) next.set(number, state.tickets.get(number));
    }
    state.tickets = next;
    for (const number of state.unread) {
      if (!next.has(number)) state.unread.delete(number);
    }
    renderQueue();
  }

  function upsertTicket(ticket) {
    state.tickets.set(ticket.number, toSummary(ticket));
    state.eventAt.set(ticket.number, ++state.eventCount);
  }

  function sortedTickets() {
    const urgentFirst = (t) => (t.urgency === 'urgent' ? 0 : 1);
    return [...state.tickets.values()].sort((a, b) =>
      urgentFirst(a) - urgentFirst(b)
      || toTime(b.createdAt) - toTime(a.createdAt)
      || String(b.number).localeCompare(String(a.number)));
  }

  function renderQueue() {
    const list = $('queue');
    const pane = list.closest('.queue-pane');
    const scrollTop = pane.scrollTop;
    const focused = list.contains(document.activeElement) ? document.activeElement.dataset.ticket : null;

    const now = Date.now();
    for (const [number, at] of state.freshAt) {
      if (now - at >= HIGHLIGHT_MS) state.freshAt.delete(number);
    }

    const tickets = sortedTickets();
    // Rebuild only what changed: an unchanged row keeps its element (and whatever the agent is pointing at).
    const old = new Map([...list.querySelectorAll('[data-ticket]')].map((row) => [row.dataset.ticket, row]));
    list.replaceChildren(...tickets.map((t) => {
      const row = buildRow(t, now);
      const previous = old.get(t.number);
      return previous && previous.outerHTML === row.outerHTML ? previous : row;
    }));
    $('queue-empty').hidden = tickets.length > 0;
    pane.scrollTop = scrollTop;

    if (focused) {
      const again = findRow(focused);
      if (again) again.focus({ preventScroll: true });
    }
    updateCounts(tickets);
  }

  function findRow(number) {
    for (const row of $('queue').querySelectorAll('[data-ticket]')) {
      if (row.dataset.ticket === number) return row;
    }
    return null;
  }

  function buildRow(t, now) {
    const row = el('button', 'row');
    row.type = 'button';
    row.dataset.ticket = t.number;
    if (t.urgency === 'urgent') row.classList.add('is-urgent');
    if (state.unread.has(t.number)) row.classList.add('is-unread');
    if (t.number === state.openNumber) row.setAttribute('aria-current', 'true');
    if (state.freshAt.has(t.number)) {
      row.classList.add('is-new');
      // Rows are rebuilt on every update; a negative delay resumes the highlight where it was.
      row.style.animationDelay = `-${now - state.freshAt.get(t.number)}ms`;
    }

    const top = el('span', 'row-top');
    if (t.urgency === 'urgent') top.append(urgentBadge(t));
    top.append(el('span', 'row-number', t.number));
    if (state.unread.has(t.number)) {
      const dot = el('span', 'unread-dot');
      dot.title = '새 메시지';
      top.append(dot, el('span', 'sr-only', '새 메시지'));
    }
    top.append(el('span', `badge row-status ${statusClass(t.status)}`, statusLabel(t)));
    useZoneOf(t);
    top.append(timeElement(t.createdAt, 'row-time', true));

    const meta = [t.channelName, t.sellerId].filter(Boolean).join(' · ');
    const bottom = el('span', 'row-meta', meta || '—');
    if (t.promise && t.promise.due && t.status !== 'resolved') {
      const left = timeLeft(t.promise.due);
      const due = el('span', left.overdue ? 'row-due is-overdue' : 'row-due', left.text);
      due.dataset.due = t.promise.due;
      due.title = `약속한 응답: ${dueLabel(t.promise.due)}`;
      bottom.append(' · ', due);
    }
    row.append(top, el('span', 'row-summary', t.summary || ''), bottom);
    return row;
  }

  function urgentBadge(t) {
    const badge = el('span', 'badge badge-urgent', '긴급');
    badge.title = t.urgencyReason || '긴급 문의';
    return badge;
  }

  function updateCounts(tickets) {
    const waiting = tickets.filter((t) => t.status === 'queued').length;
    const active = tickets.filter((t) => t.status === 'claimed').length;
    $('queue-count').textContent = `대기 ${waiting}건 · 상담 중 ${active}건`;
    document.title = waiting ? `(${waiting}) ${TITLE}` : TITLE;
  }

  // ---------------------------------------------------------------- ticket view

  function setView(view) {
    $('console').dataset.view = view;
  }

  function openTicket(number) {
    if (!number || !state.agent) return;
    if (state.openNumber !== number) {
      state.openNumber = number;
      state.open = null;
      state.pending = [];
      state.scrollToEnd = true;
      showTicketError('');
      $('reply-text').value = state.drafts.get(number) || '';
      showSummary(state.summaries.get(number) || '');
      showDraftNote('');
      renderLoading(state.tickets.get(number) || { number });
    }
    state.unread.delete(number);
    $('ticket-placeholder').hidden = true;
    $('ticket').hidden = false;
    setView('ticket');
    renderQueue();
    if (window.matchMedia('(max-width: 1023.98px)').matches) window.scrollTo(0, 0);
    loadOpen(number, !state.open);
  }

  async function loadOpen(number, firstLoad) {
    const seq = ++state.openSeq;
    const r = await api('GET', ticketPath(number));
    if (seq !== state.openSeq || state.openNumber !== number) return;
    if (r.ok && r.data) {
      applyDetail(r.data);
    } else if (firstLoad) {
      $('transcript').replaceChildren();
      showTicketError(errorText('load', r.status, r.data));
    }
  }

  function applyDetail(detail) {
    state.open = detail;
    upsertTicket(detail);
    renderFields(detail, false);
    renderTranscript(Array.isArray(detail.transcript) ? detail.transcript : []);
    const pending = state.pending;
    state.pending = [];
    pending.forEach(appendMessage);
    renderActions();
    renderQueue();
  }

  function renderLoading(summary) {
    renderFields(summary, true);
    state.seen = new Set();
    $('transcript').replaceChildren(el('li', 'transcript-empty', '불러오는 중…'));
    renderActions();
  }

  function renderFields(t, loading) {
    $('ticket-number').textContent = t.number || '';

    const status = $('ticket-status');
    status.textContent = statusLabel(t);
    status.className = `badge ${statusClass(t.status)}`;

    const urgent = t.urgency === 'urgent';
    const urgency = $('ticket-urgency');
    urgency.textContent = urgent ? '긴급' : '일반';
    urgency.className = urgent ? 'badge badge-urgent' : 'badge';
    urgency.title = urgent ? t.urgencyReason || '긴급 문의' : '';
    $('ticket-urgency-reason').textContent = t.urgencyReason || '';
    $('ticket-urgency-reason-row').hidden = !(urgent && t.urgencyReason);

    $('ticket-category').textContent = dash(t.categoryLabel || t.category);
    $('ticket-seller-id').textContent = dash(t.sellerId);
    $('ticket-order-number').textContent = t.orderNumberUnknown ? '모름' : dash(t.orderNumber);
    $('ticket-product').textContent = dash(t.productName);
    $('ticket-channel').textContent = channelLabel(t);
    $('ticket-summary-line').textContent = t.summary || '';
    const banner = $('ticket-urgent-banner');
    banner.textContent = urgent ? `긴급 문의${t.urgencyReason ? ` · ${t.urgencyReason}` : ''}` : '';
    banner.hidden = !urgent;
    renderPromise(t);
    $('ticket-created').textContent = t.createdAt ? `접수 ${fullTime(t.createdAt)}` : '';
    $('ticket-description').textContent = loading ? '불러오는 중…' : dash(t.description);
    renderFaq(loading ? [] : t.faqShown);
    renderDislikes(loading ? [] : t.disliked);
  }

  function renderDislikes(faqs) {
    const items = (Array.isArray(faqs) ? faqs : []).map((faq) => {
      const item = el('li', '', faq.title || faq.faqId || '');
      if (faq.faqId) item.dataset.faqId = faq.faqId;
      return item;
    });
    $('ticket-dislikes').replaceChildren(...(items.length ? items : [el('li', 'faq-empty', '도움 안 됨으로 표시한 답변이 없어요.')]));
  }

  function renderFaq(faqs) {
    const list = $('faq-shown');
    const items = (Array.isArray(faqs) ? faqs : []).map((faq) => {
      const item = el('li', '', faq.title || faq.faqId || '');
      if (faq.faqId) item.dataset.faqId = faq.faqId;
      return item;
    });
    list.replaceChildren(...(items.length ? items : [el('li', 'faq-empty', '안내한 답변이 없어요.')]));
  }

  function renderTranscript(messages) {
    const box = $('transcript');
    const stick = state.scrollToEnd || isNearBottom(box);
    const previousTop = box.scrollTop;

    state.seen = new Set();
    const nodes = [];
    for (const m of messages) {
      const key = messageKey(m);
      if (state.seen.has(key)) continue;
      state.seen.add(key);
      nodes.push(buildMessage(m));
    }
    box.replaceChildren(...(nodes.length ? nodes : [el('li', 'transcript-empty', '아직 대화가 없어요.')]));
    box.scrollTop = stick ? box.scrollHeight : previousTop;
    state.scrollToEnd = false;
  }

  function appendMessage(m) {
    if (!m) return;
    if (!state.open) {
      state.pending.push(m);
      return;
    }
    const key = messageKey(m);
    if (state.seen.has(key)) return;
    state.seen.add(key);
    if (Array.isArray(state.open.transcript)) state.open.transcript.push(m);

    const box = $('transcript');
    const stick = isNearBottom(box) || isOwnMessage(m);
    const placeholder = box.querySelector('.transcript-empty');
    if (placeholder) placeholder.remove();
    box.append(buildMessage(m));
    if (stick) box.scrollTop = box.scrollHeight;
  }

  function isNearBottom(box) {
    return box.scrollHeight - box.scrollTop - box.clientHeight < 80;
  }

  function buildMessage(m) {
    const role = Object.hasOwn(ROLE_TEXT, m.role) ? m.role : 'system';
    const item = el('li', `msg ${role}`);
    const meta = el('div', 'msg-meta');
    const author = role === 'agent' && m.author ? m.author : ROLE_TEXT[role];
    meta.append(el('span', 'msg-author', author), timeElement(m.at, 'msg-time', false));
    // Bot answers and agent replies are Markdown; sellers' words are shown exactly as written.
    item.append(meta, role === 'bot' || role === 'agent' ? markdown(m.text || '') : el('div', 'msg-text', m.text || ''));
    return item;
  }

  function renderActions() {
    const t = state.open;
    const claim = $('claim-button');
    const form = $('reply-form');
    const note = $('ticket-note');

    const mine = Boolean(t) && t.status === 'claimed' && isMine(t);
    const takenByOther = Boolean(t) && t.status === 'claimed' && !mine;

    claim.hidden = !t || !(t.status === 'queued' || takenByOther);
    claim.disabled = takenByOther || state.busy;
    claim.textContent = takenByOther ? '다른 상담원이 응대 중' : '이 문의 맡기';

    form.hidden = !mine;
    for (const id of ['reply-button', 'handback-button', 'resolve-button']) $(id).disabled = state.busy;
    $('reply-text').readOnly = state.busy;

    let noteText = '';
    if (t && t.status === 'handedBack') noteText = '봇에게 돌려보낸 문의예요. 봇이 판매자에게 해결 여부를 묻고 있어요.';
    if (t && t.status === 'resolved') noteText = '해결 완료된 문의예요.';
    note.textContent = noteText;
    note.hidden = !noteText;

    $('ticket-actions').hidden = claim.hidden && form.hidden && note.hidden;
    renderAssist();
  }

  function showTicketError(text) {
    const box = $('ticket-error');
    box.textContent = text || '';
    box.hidden = !text;
  }

  function setBusy(busy) {
    state.busy = busy;
    renderActions();
  }

  // ---------------------------------------------------------------- actions

  async function runAction(action) {
    const number = state.openNumber;
    if (!number || state.busy) return;
    setBusy(true);
    showTicketError('');
    const r = await api('POST', ticketPath(number, action));
    setBusy(false);
    if (!state.agent) return;

    if (r.ok && r.data) {
      if (state.openNumber === number) {
        state.openSeq++; // a detail request started before this action would now be stale
        applyDetail(r.data);
        if (action === 'claim' && !$('reply-form').hidden) $('reply-text').focus();
      } else {
        upsertTicket(r.data);
        renderQueue();
      }
      return;
    }
    if (state.openNumber !== number) return;
    showTicketError(errorText(action, r.status, r.data));
    if ([403, 404, 409].includes(r.status)) loadOpen(number, false);
  }

  async function sendReply() {
    const number = state.openNumber;
    const box = $('reply-text');
    const text = box.value.trim();
    if (!number || state.busy) return;
    if (!text) {
      box.focus();
      return;
    }

    setBusy(true);
    showTicketError('');
    const r = await api('POST', ticketPath(number, 'reply'), { text });
    setBusy(false);
    if (!state.agent) return;

    if (r.ok && r.data) {
      state.drafts.delete(number);
      if (state.openNumber === number) {
        box.value = '';
        showDraftNote('');
        appendMessage(r.data);
        box.focus();
      }
      return;
    }
    if (state.openNumber !== number) return;
    showTicketError(errorText('reply', r.status, r.data));
    if (r.status === 403 || r.status === 409) loadOpen(number, false);
  }

  function onReplyKeydown(event) {
    // While a Korean IME is composing, Enter only commits the syllable; it must not send.
    if (event.isComposing || event.keyCode === 229) return;
    // Enter sends only where there is a physical keyboard; on a phone it is a new line and the button sends.
    if (event.key === 'Enter' && !event.shiftKey && window.matchMedia('(hover: hover) and (pointer: fine)').matches) {
      event.preventDefault();
      sendReply();
    }
  }

  // ---------------------------------------------------------------- AI help (optional: Llm:Enabled)
  // The summary is a note for the agent; the draft only fills the reply box. Neither is ever sent from here:
  // the seller gets a draft only when the agent presses 보내기.

  async function loadAssist() {
    const r = await api('GET', `${API}/assist`);
    state.assist = Boolean(r.ok && r.data && r.data.enabled);
    $('assist-link').hidden = !(state.assist && state.agent && state.agent.role === 'supervisor');
    renderAssist();
  }

  function renderAssist() {
    $('assist-summary').hidden = !state.assist || !state.openNumber;
    $('draft-button').hidden = !state.assist;
    $('summary-button').disabled = state.assistBusy;
    $('draft-button').disabled = state.assistBusy || state.busy;
  }

  function showSummary(text, error) {
    const box = $('summary-text');
    box.textContent = text || '';
    box.classList.toggle('is-error', Boolean(error));
    box.hidden = !text;
  }

  function showDraftNote(text, error) {
    const note = $('draft-note');
    note.textContent = text || '';
    note.classList.toggle('is-error', Boolean(error));
    note.hidden = !text;
  }

  async function assistCall(action) {
    const number = state.openNumber;
    if (!number || state.assistBusy) return null;
    state.assistBusy = true;
    renderAssist();
    const r = await api('POST', ticketPath(number, action));
    state.assistBusy = false;
    renderAssist();
    return state.openNumber === number ? r : null;
  }

  async function requestSummary() {
    showSummary('요약하는 중…');
    const r = await assistCall('summary');
    if (!r) return;
    if (r.ok && r.data && r.data.summary) {
      state.summaries.set(state.openNumber, r.data.summary);
      showSummary(r.data.summary);
    } else {
      showSummary(errorText('assist', r.status, r.data), true);
    }
  }

  async function requestDraft() {
    showDraftNote('답변 초안을 만드는 중…');
    const r = await assistCall('draft');
    if (!r) return;
    if (!(r.ok && r.data && r.data.text)) {
      showDraftNote(errorText('assist', r.status, r.data), true);
      return;
    }
    const box = $('reply-text');
    box.value = r.data.text;
    state.drafts.set(state.openNumber, box.value);
    const cited = (Array.isArray(r.data.cited) && r.data.cited.length ? r.data.cited : r.data.sources || []).map((f) => f.title || f.faqId);
    showDraftNote(`AI 초안이에요. 근거: ${cited.join(', ') || '없음'} · 확인하고 고친 뒤 직접 보내 주세요.`);
    box.focus();
  }

  // ---------------------------------------------------------------- live events

  function connectEvents() {
    stopEvents();
    const source = new EventSource(`${API}/events`);
    state.events = source;

    source.addEventListener('ticket', onTicketEvent);
    source.onopen = () => {
      if (state.events !== source) return;
      const wasDown = state.disconnected;
      setDisconnected(false);
      // Events sent while we were not listening are lost, so catch up from the API.
      loadQueue();
      if (wasDown && state.openNumber) loadOpen(state.openNumber, false);
    };
    source.onerror = () => {
      if (state.events !== source) return;
      setDisconnected(true);
      // EventSource retries by itself unless the server answered with an error status.
      if (source.readyState === EventSource.CLOSED) scheduleReconnect();
    };
  }

  function stopEvents() {
    clearTimeout(state.reconnectTimer);
    state.reconnectTimer = null;
    if (state.events) {
      state.events.close();
      state.events = null;
    }
  }

  function scheduleReconnect() {
    stopEvents();
    state.reconnectTimer = setTimeout(async () => {
      if (!state.agent) return;
      const r = await api('GET', ME_PATH);
      if (!state.agent) return;
      if (r.status === 401) {
        sessionExpired();
        return;
      }
      if (r.ok && r.data && r.data.csrfToken) state.csrf = r.data.csrfToken;
      connectEvents();
    }, RECONNECT_DELAY_MS);
  }

  function setDisconnected(down) {
    state.disconnected = down;
    $('connection-status').hidden = !down;
  }

  function onTicketEvent(event) {
    let payload;
    try {
      payload = JSON.parse(event.data);
    } catch {
      return;
    }
    const ticket = payload && payload.ticket;
    if (!ticket || !ticket.number || !state.agent) return;
    const number = ticket.number;
    const isOpen = number === state.openNumber;

    upsertTicket(ticket);

    if (payload.type === 'created') {
      state.freshAt.set(number, Date.now());
      showToast(`새 문의 ${number}`, number, ticket.urgency === 'urgent');
    }

    if (payload.type === 'message' && payload.message) {
      if (isOpen) appendMessage(payload.message);
      else if (!isOwnMessage(payload.message)) state.unread.add(number);
    }

    if (isOpen) {
      if (state.open) {
        state.open = { ...state.open, ...toSummary(ticket) };
        renderFields(state.open, false);
        renderActions();
      } else {
        renderFields(ticket, true);
      }
    }
    renderQueue();
  }

  function showToast(text, number, urgent) {
    const box = $('toasts');
    const toast = el('button', urgent ? 'toast toast-urgent' : 'toast', text);
    toast.type = 'button';
    toast.addEventListener('click', () => {
      toast.remove();
      openTicket(number);
    });
    box.append(toast);
    while (box.childElementCount > MAX_TOASTS) box.firstElementChild.remove();
    setTimeout(() => toast.remove(), TOAST_MS);
  }

  // ---------------------------------------------------------------- wiring

  function bindEvents() {
    $('login-form').addEventListener('submit', onLoginSubmit);
    $('logout-button').addEventListener('click', logout);

    $('queue').addEventListener('click', (event) => {
      const row = event.target.closest('[data-ticket]');
      if (row) openTicket(row.dataset.ticket);
    });

    $('back-button').addEventListener('click', () => {
      setView('queue');
      const row = state.openNumber && findRow(state.openNumber);
      if (row) row.focus();
    });

    $('claim-button').addEventListener('click', () => runAction('claim'));
    $('handback-button').addEventListener('click', () => runAction('handback'));
    $('summary-button').addEventListener('click', requestSummary);
    $('draft-button').addEventListener('click', requestDraft);
    $('resolve-button').addEventListener('click', () => runAction('resolve'));

    $('reply-form').addEventListener('submit', (event) => {
      event.preventDefault();
      sendReply();
    });
    $('reply-text').addEventListener('keydown', onReplyKeydown);
    $('reply-text').addEventListener('input', (event) => {
      if (state.openNumber) state.drafts.set(state.openNumber, event.target.value);
    });

    setInterval(refreshRelativeTimes, CLOCK_TICK_MS);
  }

  boot();
})();
