// Review queue (검토 목록) for supervisors: the learning loop's page over /api/agent/supervisor/review.
// Every value from the server is put into the page with textContent only (no innerHTML).
(() => {
  'use strict';

  const API = '/api/agent';
  const REVIEW = `${API}/supervisor/review`;
  const SHOWN = 5;
  const TOAST_MS = 4000;

  const REASON_TEXT = {
    clarify: '되물음',
    decline: '거절',
    'no-answer': '답 없음',
    disliked: '도움 안 됨',
    'agent-answered': '상담원 답변',
  };

  const $ = (id) => document.getElementById(id);
  const { el } = window.ConsoleKit;
  const state = { csrf: null, days: 30, categories: [] };
  const api = window.ConsoleKit.client(() => state.csrf);


  function button(text, className, onClick) {
    const b = el('button', `btn ${className || ''}`.trim(), text);
    b.type = 'button';
    b.addEventListener('click', onClick);
    return b;
  }


  function errorText(r) {
    const detail = r.data && typeof r.data.detail === 'string' ? r.data.detail : '';
    if (/[가-힣]/.test(detail)) return detail;
    if (r.status === 0) return '서버에 연결할 수 없어요. 네트워크를 확인해 주세요.';
    return '요청을 처리하지 못했어요. 잠시 후 다시 시도해 주세요.';
  }

  function toast(text) {
    const t = el('div', 'toast', text);
    $('toasts').append(t);
    setTimeout(() => t.remove(), TOAST_MS);
  }

  function showPageError(text) {
    $('page-error').textContent = text || '';
    $('page-error').hidden = !text;
  }

  // ---------------------------------------------------------------- queue

  async function boot() {
    const me = await api('GET', `${API}/me`);
    if (!me.ok || !me.data || !me.data.agent) return;
    state.csrf = me.data.csrfToken;
    $('agent-name').textContent = me.data.agent.name || '';
    $('period').addEventListener('change', () => {
      state.days = Number($('period').value) || 30;
      load();
    });
    $('reload').addEventListener('click', load);
    if (me.data.agent.role !== 'supervisor') {
      $('loading').hidden = true;
      showPageError('관리자(슈퍼바이저)만 쓸 수 있는 페이지예요.');
      return;
    }
    load();
  }

  async function load() {
    $('loading').hidden = false;
    const r = await api('GET', `${REVIEW}?days=${state.days}`);
    $('loading').hidden = true;
    if (!r.ok || !r.data) {
      showPageError(errorText(r));
      return;
    }
    showPageError('');
    state.categories = r.data.categories || [];
    $('summary').textContent = `메시지 ${r.data.messages}건 · 묶음 ${r.data.groupCount}개`;
    $('groups').replaceChildren(...r.data.groups.map(renderGroup));
    $('empty').hidden = r.data.groups.length > 0;
  }

  function reasonBadges(reasons) {
    const box = el('span', 'rv-reasons');
    for (const [reason, count] of Object.entries(reasons || {})) {
      const badge = el('span', `badge rv-reason rv-reason-${reason}`, `${REASON_TEXT[reason] || reason} ${count}`);
      box.append(badge);
    }
    return box;
  }

  function renderGroup(group) {
    const card = el('li', 'rv-group');
    card.dataset.group = group.id;

    const head = el('div', 'rv-group-head');
    const count = el('strong', 'rv-count', `${group.count}건`);
    const title = el('h2', 'rv-title', group.examples[0] || '');
    head.append(count, title, reasonBadges(group.reasons));
    card.append(head);

    // Messages, each selectable; the first few show, the rest on request.
    const list = el('ul', 'rv-messages');
    group.messages.forEach((m, i) => {
      const li = el('li', 'rv-message');
      if (i >= SHOWN) li.hidden = true;
      const label = el('label', 'rv-check');
      const box = document.createElement('input');
      box.type = 'checkbox';
      box.checked = true;
      box.value = m.key;
      label.append(box, el('span', 'rv-text', m.text));
      if (m.count > 1) label.append(el('span', 'rv-times', `×${m.count}`));
      li.append(label);
      list.append(li);
    });
    card.append(list);
    if (group.messages.length > SHOWN) {
      const more = button(`${group.messages.length - SHOWN}개 더 보기`, 'btn-ghost rv-more', () => {
        list.querySelectorAll('li[hidden]').forEach((li) => { li.hidden = false; });
        more.remove();
      });
      card.append(more);
    }

    if (group.agentReply) {
      const reply = el('p', 'rv-agent-reply');
      reply.append(el('span', 'rv-label', '상담원 답변'), document.createTextNode(` ${group.agentReply}`));
      card.append(reply);
    }

    const selected = () => [...list.querySelectorAll('input[type=checkbox]:checked')].map((b) => b.value);
    const status = el('div', 'rv-status');
    status.setAttribute('role', 'alert');

    const likely = el('div', 'rv-likely');
    likely.append(el('h3', 'rv-subtitle', group.likely.length ? '가능성 높은 항목' : '비슷한 항목을 찾지 못했어요'));
    for (const entry of group.likely) {
      const row = el('div', 'rv-entry');
      const name = el('span', 'rv-entry-name');
      name.append(el('span', 'rv-entry-title', entry.title), el('span', 'badge', entry.categoryLabel));
      row.dataset.faq = entry.faqId;
      row.append(name, button('이 항목의 질문으로 추가', 'rv-add', () => add(card, entry, selected(), status)));
      likely.append(row);
    }
    card.append(likely);

    const actions = el('div', 'rv-actions');
    const form = el('form', 'rv-form');
    form.hidden = true;
    form.addEventListener('submit', (e) => e.preventDefault());
    actions.append(
      button('올바른 거절로 표시', 'rv-decline', () => mark(card, 'decline', selected(), status, '올바른 거절로 표시했어요.')),
      button('새 항목 만들기', 'rv-new', () => openDraft(form, selected(), status)),
      button('숨기기', 'btn-ghost rv-dismiss', () => mark(card, 'dismiss', selected(), status, '목록에서 숨겼어요.')));
    card.append(actions, form, status);
    return card;
  }

  function showStatus(status, text, problems) {
    status.replaceChildren();
    if (!text) return;
    status.append(el('p', 'rv-error', text));
    if (problems && problems.length) {
      const ul = el('ul', 'rv-problems');
      for (const p of problems) ul.append(el('li', '', p));
      status.append(ul);
    }
  }

  function needsSelection(keys, status) {
    if (keys.length) return false;
    showStatus(status, '메시지를 하나 이상 선택해 주세요.');
    return true;
  }

  async function withBusy(card, action) {
    const buttons = [...card.querySelectorAll('button')];
    buttons.forEach((b) => { b.disabled = true; });
    try {
      return await action();
    } finally {
      buttons.forEach((b) => { b.disabled = false; });
    }
  }

  async function mark(card, action, keys, status, done) {
    if (needsSelection(keys, status)) return;
    const r = await withBusy(card, () => api('POST', `${REVIEW}/${action}`, { keys, days: state.days }));
    if (!r.ok) {
      showStatus(status, errorText(r));
      return;
    }
    toast(done);
    await load();
  }

  async function add(card, entry, keys, status) {
    if (needsSelection(keys, status)) return;
    const r = await withBusy(card, () => api('POST', `${REVIEW}/add`, { keys, faqId: entry.faqId, days: state.days }));
    if (!r.ok) {
      showStatus(status, errorText(r), r.data && r.data.problems);
      return;
    }
    toast(`'${entry.title}' 항목에 질문 ${r.data.reviewed}개를 추가했어요.`);
    await load();
  }

  // ---------------------------------------------------------------- new entry

  function field(form, name, labelText, control) {
    const id = `${name}-${Math.random().toString(36).slice(2, 8)}`;
    control.id = id;
    control.name = name;
    const label = el('label', 'rv-field-label', labelText);
    label.htmlFor = id;
    form.append(label, control);
    return control;
  }

  async function openDraft(form, keys, status) {
    if (needsSelection(keys, status)) return;
    const r = await api('POST', `${REVIEW}/draft`, { keys, days: state.days });
    if (!r.ok || !r.data) {
      showStatus(status, errorText(r));
      return;
    }
    showStatus(status, '');
    const d = r.data.entry;
    form.replaceChildren(el('h3', 'rv-subtitle', '새 항목'));
    const id = field(form, 'id', '항목 ID (영문 소문자·숫자·하이픈)', el('input'));
    id.value = d.id;
    const category = field(form, 'category', '분류', el('select'));
    for (const c of state.categories) {
      const option = el('option', '', c.label);
      option.value = c.id;
      category.append(option);
    }
    category.value = d.category;
    const title = field(form, 'title', '제목', el('input'));
    title.value = d.title;
    const answer = field(form, 'answer', '답변', el('textarea'));
    answer.rows = 5;
    answer.value = d.answer;
    answer.placeholder = '판매자에게 보일 답변을 써 주세요.';
    const questions = field(form, 'questions', '질문 (한 줄에 하나)', el('textarea'));
    questions.rows = Math.min(8, Math.max(3, d.questions.length + 1));
    questions.value = d.questions.join('\n');
    const facts = field(form, 'facts', '사실 (한 줄에 하나, 선택)', el('textarea'));
    facts.rows = 2;
    facts.value = (d.facts || []).join('\n');

    const lines = (text) => text.split('\n').map((s) => s.trim()).filter(Boolean);
    const entry = () => ({
      id: id.value.trim(), category: category.value, title: title.value.trim(), answer: answer.value.trim(),
      facts: lines(facts.value), questions: lines(questions.value),
    });
    const bar = el('div', 'rv-actions');
    const save = async (dryRun) => {
      const res = await withBusy(form, () => api('POST', `${REVIEW}/entry`, { keys, entry: entry(), dryRun, days: state.days }));
      if (!res.ok) {
        showStatus(status, errorText(res), res.data && res.data.problems);
        return;
      }
      if (dryRun) {
        showStatus(status, '');
        toast('검증을 통과했어요. 저장하면 반영 준비가 시작돼요.');
        return;
      }
      toast(`'${entry().title}' 항목을 저장했어요.`);
      await load();
    };
    bar.append(
      button('검증만 하기', '', () => save(true)),
      button('저장', 'btn-primary rv-save', () => save(false)),
      button('취소', 'btn-ghost', () => { form.hidden = true; }));
    form.append(bar);
    form.hidden = false;
    title.focus();
  }

  document.addEventListener('DOMContentLoaded', boot);
})();
