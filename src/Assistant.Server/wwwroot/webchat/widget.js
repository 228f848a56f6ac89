/*
 * Assistant web chat widget. One tag on any seller-center page:
 *   <script src="https://ASSISTANT-HOST/webchat/widget.js" defer></script>
 * Optional attributes: data-title (panel title), data-websocket="false" (poll instead of WebSocket).
 *
 * The page never sees the Direct Line secret: it asks this server for a conversation-bound token.
 * The conversation resumes after a reload while its token is valid (kept in localStorage). A later
 * conversation is the same user's (the server's signed user key, kept apart), so the seller can ask
 * about a ticket filed earlier.
 * Answers are Markdown: rendered here by a small renderer that escapes everything first (no HTML
 * from a message is ever rendered) and then builds paragraphs, lists, bold and links.
 * An agent's messages (channelData.assistant.action "agent") carry the agent's name and look different;
 * while an agent is connected the "상담원 연결" button is hidden.
 */
(function () {
  'use strict';

  var script = document.currentScript;
  var origin = new URL(script.src, location.href).origin;
  var title = script.getAttribute('data-title') || '판매자센터 도우미';
  var useWebSocket = script.getAttribute('data-websocket') !== 'false';
  var STORAGE_KEY = 'assistant.webchat.v1';
  var USER_KEY = 'assistant.webchat.user.v1';
  var HANDOFF_TEXT = '상담원 연결';
  var ACCENT = '#03c75a';

  var AVATAR = 'data:image/svg+xml;utf8,' + encodeURIComponent(
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 40"><circle cx="20" cy="20" r="20" fill="' + ACCENT + '"/>' +
    '<rect x="10" y="12" width="20" height="14" rx="5" fill="#fff"/><circle cx="16" cy="19" r="2" fill="' + ACCENT + '"/>' +
    '<circle cx="24" cy="19" r="2" fill="' + ACCENT + '"/><path d="M17 26l3 4 3-4z" fill="#fff"/></svg>');

  var css = [
    '#assistant-chat-button{position:fixed;right:20px;bottom:20px;z-index:2147483000;width:60px;height:60px;border-radius:50%;border:0;',
    'background:' + ACCENT + ';color:#fff;box-shadow:0 6px 20px rgba(0,0,0,.25);cursor:pointer;display:flex;align-items:center;justify-content:center}',
    '#assistant-chat-button:focus-visible{outline:3px solid #1a73e8;outline-offset:3px}',
    '#assistant-chat-button svg{width:30px;height:30px}',
    '#assistant-chat-panel{position:fixed;right:20px;bottom:92px;z-index:2147483001;width:380px;height:min(640px,calc(100vh - 112px));',
    'background:#fff;border-radius:16px;box-shadow:0 12px 40px rgba(0,0,0,.28);display:none;flex-direction:column;overflow:hidden;',
    "font-family:'Noto Sans KR','NanumGothic','Apple SD Gothic Neo','Malgun Gothic',sans-serif}",
    '#assistant-chat-panel.open{display:flex}',
    '#assistant-chat-panel > header{display:flex;align-items:center;gap:10px;padding:12px 14px;background:' + ACCENT + ';color:#fff}',
    '#assistant-chat-panel > header img{width:32px;height:32px;border-radius:50%;background:#fff}',
    '#assistant-chat-panel > header .assistant-title{flex:1;font-weight:700;font-size:15px;line-height:1.2}',
    '#assistant-chat-panel > header .assistant-subtitle{display:block;font-weight:400;font-size:12px;opacity:.9}',
    '#assistant-chat-panel > header button{border:1px solid rgba(255,255,255,.7);background:transparent;color:#fff;border-radius:14px;',
    'padding:5px 10px;font-size:13px;cursor:pointer;white-space:nowrap}',
    '#assistant-chat-panel > header button.assistant-close{border:0;font-size:22px;line-height:1;padding:2px 6px}',
    '#assistant-chat-webchat{flex:1;min-height:0}',
    '#assistant-chat-status{padding:24px;color:#555;font-size:14px;text-align:center}',
    '#assistant-chat-panel.assistant-agent-connected #assistant-handoff-button{display:none}',
    // Korean wraps between words, never inside one; only an overlong run (a URL) may break anywhere.
    '#assistant-chat-panel .webchat__bubble__content,#assistant-chat-panel .webchat__render-markdown{word-break:keep-all;overflow-wrap:anywhere}',
    '#assistant-chat-panel .webchat__render-markdown p{margin:0 0 .6em}',
    '#assistant-chat-panel .webchat__render-markdown p:last-child,#assistant-chat-panel .webchat__render-markdown ul:last-child,#assistant-chat-panel .webchat__render-markdown ol:last-child{margin-bottom:0}',
    '#assistant-chat-panel .webchat__render-markdown ul,#assistant-chat-panel .webchat__render-markdown ol{margin:0 0 .6em;padding-left:1.3em;list-style:disc outside}',
    '#assistant-chat-panel .webchat__render-markdown ol{list-style-type:decimal}',
    '#assistant-chat-panel .webchat__render-markdown li+li{margin-top:.3em}',
    '#assistant-chat-panel .webchat__render-markdown a{color:#0b57d0;text-decoration:underline}',
    // Like/dislike: 40x40 touch targets with a visible icon.
    '#assistant-chat-panel .webchat__thumb-button{min-width:40px;min-height:40px;width:40px;height:40px;padding:0;display:inline-flex;align-items:center;justify-content:center;border-radius:20px}',
    '#assistant-chat-panel .webchat__thumb-button:hover{background:#f1f3f4}',
    '#assistant-chat-panel .webchat__thumb-button__image{width:20px;height:20px}',
    // An agent's message: the agent's name above a bubble of its own colour.
    '#assistant-chat-panel .assistant-agent-message .webchat__bubble__content{background:#eef3ff;border-color:#6b8de3}',
    '#assistant-chat-panel .assistant-agent-name{display:inline-flex;align-items:center;gap:4px;margin:0 0 4px 52px;font-size:12px;font-weight:700;color:#2a4fb0}',
    '#assistant-chat-panel .assistant-agent-name::before{content:"";width:8px;height:8px;border-radius:50%;background:#2a4fb0}',
    '@media (max-width:600px){#assistant-chat-panel{right:0;bottom:0;width:100vw;height:100%;border-radius:0}',
    '#assistant-chat-panel.open ~ #assistant-chat-button{display:none}}'
  ].join('');

  var panel, button, host, status, subtitle, started = false;
  var SUBTITLE = '배송·정산·수수료 무엇이든 물어보세요';

  // ---- Markdown: escape first, then the small subset the knowledge base uses. ----

  function escapeHtml(text) {
    return text.replace(/[&<>"']/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
    });
  }

  // URLs are ASCII (a Korean particle right after one is not part of it); trailing punctuation is not either.
  var LINK = /\[([^\]\n]+)\]\((https?:\/\/[!#-'*-;=?-~]+)\)|(https?:\/\/[!#-;=?-~]*[A-Za-z0-9\/#=_~-])/g;

  function link(href, label) {
    return '<a href="' + href + '" target="_blank" rel="noopener noreferrer">' + label + '</a>';
  }

  function bold(html) { return html.replace(/\*\*(?=\S)([\s\S]*?\S)\*\*/g, '<strong>$1</strong>'); }

  /** One line of already escaped text: links ([label](url) and bare http(s) URLs) and **bold**. */
  function inline(escaped) {
    var out = '', last = 0, m;
    LINK.lastIndex = 0;
    while ((m = LINK.exec(escaped))) {
      out += bold(escaped.slice(last, m.index));
      out += m[2] ? link(m[2], bold(m[1])) : link(m[3], m[3]);
      last = LINK.lastIndex;
    }
    return out + bold(escaped.slice(last));
  }

  /** Markdown to HTML for Web Chat's renderMarkdown: paragraphs, "- "/"1. " lists, **bold**, links. No raw HTML passes. */
  function renderMarkdown(markdown) {
    var lines = escapeHtml(String(markdown || '')).replace(/\r\n?/g, '\n').split('\n');
    var html = [], paragraph = [], list = null;
    function flushParagraph() {
      if (paragraph.length) html.push('<p>' + paragraph.map(inline).join('<br>') + '</p>');
      paragraph = [];
    }
    function flushList() {
      if (list) html.push('<' + list.tag + '>' + list.items.map(function (i) { return '<li>' + inline(i) + '</li>'; }).join('') + '</' + list.tag + '>');
      list = null;
    }
    lines.forEach(function (line) {
      var bullet = /^\s*[-*•]\s+(.*)$/.exec(line), numbered = /^\s*\d+[.)]\s+(.*)$/.exec(line);
      var item = bullet || numbered;
      if (item) {
        var tag = bullet ? 'ul' : 'ol';
        flushParagraph();
        if (list && list.tag !== tag) flushList();
        list = list || { tag: tag, items: [] };
        list.items.push(item[1]);
      } else if (/^\s*$/.test(line)) {
        flushParagraph();
        flushList();
      } else if (list && /^\s{2,}\S/.test(line)) {
        list.items[list.items.length - 1] += ' ' + line.trim();
      } else {
        flushList();
        paragraph.push(line);
      }
    });
    flushParagraph();
    flushList();
    return html.join('');
  }

  // ---- Agent messages ----

  function assistantInfo(activity) {
    return (activity && activity.channelData && activity.channelData.assistant) || null;
  }

  /** A message an agent wrote (not the bot's notices about the agent). */
  function agentName(activity) {
    var info = assistantInfo(activity);
    return info && info.action === 'agent' && info.intent === 'agent.reply' ? (info.agent || '상담원') : null;
  }

  // Web Chat's bundle keeps React to itself; an element is a plain object, so build the few we need.
  var REACT_ELEMENT = typeof Symbol === 'function' && Symbol['for'] ? Symbol['for']('react.element') : 0xeac7;
  function h(type, key, props, children) {
    return { $$typeof: REACT_ELEMENT, type: type, key: key, ref: null, props: Object.assign({}, props, { children: children }), _owner: null, _store: {} };
  }

  /** Wraps an agent's message with the agent's name and a class of its own. */
  var activityMiddleware = function () {
    return function (next) {
      return function () {
        var args = arguments, render = next.apply(null, args);
        var name = render && agentName(args[0] && args[0].activity);
        if (!name) return render;
        return function () {
          return h('div', null, { className: 'assistant-agent-message' }, [
            h('div', 'name', { className: 'assistant-agent-name' }, name + ' 상담원'),
            h('div', 'body', {}, render.apply(null, arguments))
          ]);
        };
      };
    };
  };

  /** Follows the conversation: an agent joined or wrote (connected), anything else the bot says (not connected). */
  function track(activity, userId) {
    if (!activity || activity.type !== 'message' || !activity.from || activity.from.id === userId || activity.from.role === 'user') return;
    var info = assistantInfo(activity);
    var connected = !!info && info.action === 'agent' && (info.intent === 'agent.joined' || info.intent === 'agent.reply');
    panel.classList.toggle('assistant-agent-connected', connected);
    subtitle.textContent = connected ? (info.agent ? info.agent + ' 상담원과 대화 중이에요' : '상담원과 대화 중이에요') : SUBTITLE;
  }

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    (children || []).forEach(function (c) { node.appendChild(typeof c === 'string' ? document.createTextNode(c) : c); });
    return node;
  }

  function build() {
    var style = el('style');
    style.textContent = css;
    document.head.appendChild(style);

    var img = el('img', { src: AVATAR, alt: '' });
    subtitle = el('span', { 'class': 'assistant-subtitle', 'aria-live': 'polite' }, [SUBTITLE]);
    var heading = el('span', { 'class': 'assistant-title' }, [title, subtitle]);
    var handoff = el('button', { type: 'button', id: 'assistant-handoff-button', title: '사람 상담원에게 연결합니다' }, [HANDOFF_TEXT]);
    var close = el('button', { type: 'button', 'class': 'assistant-close', 'aria-label': '채팅 닫기' }, ['×']);
    status = el('div', { id: 'assistant-chat-status', role: 'status' }, ['채팅을 불러오는 중이에요…']);
    host = el('div', { id: 'assistant-chat-webchat' }, [status]);
    panel = el('section', { id: 'assistant-chat-panel', role: 'dialog', 'aria-label': title }, [el('header', {}, [img, heading, handoff, close]), host]);

    button = el('button', { type: 'button', id: 'assistant-chat-button', 'aria-label': title + ' 열기', 'aria-expanded': 'false' });
    button.innerHTML = '<svg viewBox="0 0 24 24" fill="currentColor" aria-hidden="true"><path d="M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z"/></svg>';

    document.body.appendChild(panel);
    document.body.appendChild(button);
    button.addEventListener('click', function () { setOpen(!panel.classList.contains('open')); });
    close.addEventListener('click', function () { setOpen(false); });
    handoff.addEventListener('click', function () { send(HANDOFF_TEXT); });
    document.addEventListener('keydown', function (e) { if (e.key === 'Escape' && panel.classList.contains('open')) setOpen(false); });
    if (sessionStorage.getItem(STORAGE_KEY + '.open') === '1') setOpen(true);
  }

  function setOpen(open) {
    panel.classList.toggle('open', open);
    button.setAttribute('aria-expanded', String(open));
    sessionStorage.setItem(STORAGE_KEY + '.open', open ? '1' : '0');
    if (open && !started) start();
  }

  var store;
  function send(text) {
    if (!panel.classList.contains('open')) setOpen(true);
    if (store) store.dispatch({ type: 'WEB_CHAT/SEND_MESSAGE', payload: { text: text } });
  }

  function loadScript(src) {
    return new Promise(function (resolve, reject) {
      if (window.WebChat) return resolve();
      var s = el('script', { src: src });
      s.onload = resolve;
      s.onerror = function () { reject(new Error('Web Chat을 불러오지 못했어요.')); };
      document.head.appendChild(s);
    });
  }

  function saved() {
    try {
      var s = JSON.parse(localStorage.getItem(STORAGE_KEY) || 'null');
      return s && s.expiresAt > Date.now() + 60000 ? s : null;
    } catch (e) { return null; }
  }

  function save(session) { localStorage.setItem(STORAGE_KEY, JSON.stringify(session)); }

  function newSession() {
    var userKey = null;
    try { userKey = localStorage.getItem(USER_KEY); } catch (e) { /* storage unavailable: a new user */ }
    return fetch(origin + '/api/webchat/token', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(userKey ? { userKey: userKey } : {})
    }).then(function (r) {
      if (!r.ok) throw new Error('토큰 발급 실패 (' + r.status + ')');
      return r.json();
    }).then(function (t) {
      if (t.userKey) localStorage.setItem(USER_KEY, t.userKey);
      var session = { token: t.token, conversationId: t.conversationId, userId: t.userId, expiresAt: Date.now() + t.expires_in * 1000 };
      save(session);
      return session;
    });
  }

  function start() {
    started = true;
    Promise.all([loadScript(origin + '/webchat/lib/webchat-minimal.js'), Promise.resolve(saved()).then(function (s) { return s || newSession(); })])
      .then(function (results) { render(results[1]); })
      .catch(function (err) {
        started = false;
        status.textContent = '채팅을 시작하지 못했어요. 잠시 후 다시 시도해 주세요. (' + err.message + ')';
      });
  }

  // An answer taller than the transcript is shown from its start, whatever Web Chat's own scrolling did.
  function showStartOfLongAnswer() {
    var scroller = host.querySelector('.webchat__basic-transcript__scrollable');
    var items = host.querySelectorAll('.webchat__basic-transcript__activity');
    var last = items[items.length - 1];
    if (!scroller || !last || last.offsetHeight <= scroller.clientHeight - 16) return;
    var top = last.getBoundingClientRect().top - scroller.getBoundingClientRect().top + scroller.scrollTop;
    scroller.scrollTop = Math.max(0, top - 8);
  }

  function render(session) {
    var directLine = window.WebChat.createDirectLine({
      domain: origin + '/v3/directline',
      token: session.token,
      conversationId: session.conversationId,
      webSocket: useWebSocket,
      pollingInterval: 1000
    });
    // Direct Line refreshes its token every 15 minutes; keep the newest for the next page load.
    setInterval(function () {
      if (directLine.token && directLine.token !== session.token) {
        session.token = directLine.token;
        session.expiresAt = Date.now() + 30 * 60 * 1000;
        save(session);
      }
    }, 60000);

    store = window.WebChat.createStore({}, function () {
      return function (next) {
        return function (action) {
          if (action.type === 'DIRECT_LINE/CONNECT_REJECTED') localStorage.removeItem(STORAGE_KEY);
          if (action.type === 'DIRECT_LINE/INCOMING_ACTIVITY') {
            var activity = action.payload && action.payload.activity;
            track(activity, session.userId);
            // After Web Chat has rendered the message and finished its own scroll.
            if (activity && activity.type === 'message' && activity.from && activity.from.role === 'bot') setTimeout(showStartOfLongAnswer, 700);
          }
          return next(action);
        };
      };
    });

    host.removeChild(status);
    window.WebChat.renderWebChat({
      directLine: directLine,
      store: store,
      userID: session.userId,
      username: '판매자',
      locale: 'ko-KR',
      renderMarkdown: renderMarkdown,
      activityMiddleware: activityMiddleware,
      styleOptions: {
        // A new answer stops the scroll at its start: its first sentence stays in view however long it is.
        autoScrollSnapOnActivity: true,
        autoScrollSnapOnActivityOffset: 0,
        accent: ACCENT,
        botAvatarImage: AVATAR,
        botAvatarInitials: '도우미',
        hideUploadButton: true,
        suggestedActionLayout: 'flow',
        suggestedActionBorderRadius: 16,
        suggestedActionBorderColor: ACCENT,
        suggestedActionTextColor: '#1b5e20',
        bubbleBorderRadius: 12,
        bubbleFromUserBackground: '#e8f8ee',
        bubbleFromUserBorderRadius: 12,
        sendBoxTextWrap: true,
        primaryFont: "'Noto Sans KR','NanumGothic','Apple SD Gothic Neo','Malgun Gothic',sans-serif"
      }
    }, host);
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', build);
  else build();
})();
