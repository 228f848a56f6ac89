// Phrasing suggestions for supervisors (질문 문구 제안): choose an FAQ entry, ask the model for seller phrasings,
// tick the ones to keep and save them through the knowledge changes. Every value from the server is put into the
// page with textContent only. Nothing here reaches a seller.
(() => {
  'use strict';

  const API = '/api/agent';
  const $ = (id) => document.getElementById(id);
  const { el } = window.ConsoleKit;
  const state = { csrf: null, entries: [], busy: false };
  const api = window.ConsoleKit.client(() => state.csrf);



  function reason(r, fallback) {
    if (r.data && typeof r.data.detail === 'string' && /[가-힣]/.test(r.data.detail)) return r.data.detail;
    return r.status === 0 ? '서버에 연결할 수 없어요. 네트워크를 확인해 주세요.' : fallback;
  }

  function status(id, text, kind) {
    const node = $(id);
    node.textContent = text || '';
    node.classList.toggle('is-error', kind === 'error');
    node.classList.toggle('is-ok', kind === 'ok');
  }

  function pageMessage(text) {
    $('page-message').textContent = text;
    $('page-message').hidden = !text;
  }

  function current() {
    return state.entries.find((e) => e.id === $('entry').value) || null;
  }

  function setBusy(busy) {
    state.busy = busy;
    for (const id of ['suggest-button', 'save-button', 'discard-button', 'entry']) $(id).disabled = busy;
  }

  function renderExisting() {
    const entry = current();
    const questions = entry && Array.isArray(entry.questions) ? entry.questions : [];
    $('existing-count').textContent = `(${questions.length}개)`;
    $('existing').replaceChildren(...questions.map((q) => el('li', '', q)));
    clearSuggestions();
  }

  function clearSuggestions() {
    $('suggestions').replaceChildren();
    $('review').hidden = true;
    status('save-status', '');
  }

  async function suggest() {
    const entry = current();
    if (!entry || state.busy) return;
    const messages = $('messages').value.split('\n').map((m) => m.trim()).filter(Boolean);
    const count = Math.min(20, Math.max(1, parseInt($('count').value, 10) || 8));
    setBusy(true);
    clearSuggestions();
    status('suggest-status', '제안을 받는 중이에요…');
    const r = await api('POST', `${API}/supervisor/faq/${encodeURIComponent(entry.id)}/phrasings/suggest`, { count, messages });
    setBusy(false);
    if (!r.ok || !r.data || !Array.isArray(r.data.phrasings)) {
      status('suggest-status', reason(r, '제안을 받지 못했어요. 잠시 후 다시 시도해 주세요.'), 'error');
      return;
    }
    const dropped = (r.data.duplicates || 0) + (r.data.rejected || 0);
    status('suggest-status', `${r.data.phrasings.length}개 제안${dropped ? ` · 이미 있거나 쓸 수 없는 ${dropped}개는 뺐어요` : ''}`);
    if (!r.data.phrasings.length) return;
    $('suggestions').replaceChildren(...r.data.phrasings.map((text, i) => {
      const item = el('li', 'suggestion');
      const box = el('input');
      box.type = 'checkbox';
      box.id = `s-${i}`;
      box.setAttribute('aria-label', `${i + 1}번 제안 저장`);
      const input = el('input');
      input.type = 'text';
      input.value = text;
      input.maxLength = 100;
      input.setAttribute('aria-label', `${i + 1}번 제안 문장`);
      item.append(box, input);
      return item;
    }));
    $('review').hidden = false;
  }

  async function save() {
    const entry = current();
    if (!entry || state.busy) return;
    const chosen = [...$('suggestions').querySelectorAll('.suggestion')]
      .filter((item) => item.querySelector('input[type="checkbox"]').checked)
      .map((item) => item.querySelector('input[type="text"]').value.trim())
      .filter(Boolean);
    if (!chosen.length) {
      status('save-status', '저장할 질문에 체크해 주세요.', 'error');
      return;
    }
    setBusy(true);
    const r = await api('POST', `${API}/supervisor/faq/${encodeURIComponent(entry.id)}/phrasings/accept`, { phrasings: chosen });
    setBusy(false);
    if (!r.ok || !r.data) {
      status('save-status', reason(r, '저장하지 못했어요. 잠시 후 다시 시도해 주세요.'), 'error');
      return;
    }
    entry.questions = [...entry.questions, ...r.data.phrasings];
    renderExisting();
    status('suggest-status', `${r.data.phrasings.length}개 질문을 저장했어요${r.data.versionId ? ` (버전 ${r.data.versionId})` : ''}.`, 'ok');
  }

  async function boot() {
    const me = await api('GET', `${API}/me`);
    if (me.status === 401) {
      window.location.href = '/agent/';
      return;
    }
    if (!me.ok || !me.data || !me.data.agent) {
      pageMessage(reason(me, '정보를 불러오지 못했어요. 새로 고쳐 주세요.'));
      return;
    }
    state.csrf = me.data.csrfToken;
    $('agent-name').textContent = me.data.agent.name || '';
    if (me.data.agent.role !== 'supervisor') {
      pageMessage('관리자(슈퍼바이저)만 쓸 수 있는 페이지예요.');
      return;
    }
    const entries = await api('GET', `${API}/supervisor/phrasings/entries`);
    if (!entries.ok || !Array.isArray(entries.data)) {
      pageMessage(reason(entries, '항목을 불러오지 못했어요.'));
      return;
    }
    state.entries = entries.data;
    $('entry').replaceChildren(...state.entries.map((e) => {
      const option = el('option', '', `${e.title} (${e.id})`);
      option.value = e.id;
      return option;
    }));
    $('pick').hidden = false;
    $('ask').hidden = false;
    renderExisting();
  }

  $('entry').addEventListener('change', renderExisting);
  $('suggest-button').addEventListener('click', suggest);
  $('save-button').addEventListener('click', save);
  $('discard-button').addEventListener('click', () => {
    clearSuggestions();
    status('suggest-status', '제안을 모두 버렸어요.');
  });
  boot();
})();
