// Knowledge page for supervisors: versions with their state and comparison, training progress, restore, import.
(() => {
  'use strict';
  const API = '/api/agent/supervisor/knowledge';
  const STATE_TEXT = {
    queued: '대기 중', training: '학습 중', trained: '학습 완료', evaluating: '평가 중', active: '적용 중',
    refused: '전환 거부', restored: '복원되어 적용 중', retired: '이전 버전', failed: '실패',
  };
  const state = { csrf: null, lastDry: null, timer: null };
  const api = window.ConsoleKit.client(() => state.csrf);
  const $ = (id) => document.getElementById(id);
  const { el } = window.ConsoleKit;
  const pct = (v) => (typeof v === 'number' ? `${(v * 100).toFixed(1)}%` : '–');


  function message(text, ok) {
    const m = $('kn-message');
    m.textContent = text || '';
    m.hidden = !text;
    m.classList.toggle('ok', Boolean(ok));
  }

  async function start() {
    const me = await api('GET', '/api/agent/me');
    if (!me.ok || !me.data) {
      window.location.href = '/agent/';
      return;
    }
    state.csrf = me.data.csrfToken;
    $('agent-name').textContent = me.data.agent.name || '';
    if (me.data.agent.role !== 'supervisor') {
      message('관리자(슈퍼바이저)만 쓸 수 있는 페이지예요.');
      document.querySelectorAll('.kn-card').forEach((c) => { c.hidden = true; });
      return;
    }
    await refresh();
    state.timer = setInterval(refresh, 2000);
  }

  async function refresh() {
    const r = await api('GET', API);
    if (!r.ok || !r.data) {
      if (r.status === 401) window.location.href = '/agent/';
      return;
    }
    renderOverview(r.data);
  }

  function renderOverview(o) {
    $('kn-active').textContent = o.activeVersion ? `지금 적용 중인 버전: ${o.activeVersion}` : '지금은 시작할 때 불러온 knowledge/ 폴더로 답하고 있어요.';
    const job = o.job;
    $('kn-job').hidden = !job;
    $('kn-job-idle').hidden = Boolean(job);
    if (job) {
      $('kn-job-version').textContent = `${job.versionId} (${job.kind === 'restore' ? '복원' : '학습'})`;
      $('kn-job-stage').textContent = job.stage;
      $('kn-job-percent').textContent = `${job.percent}%`;
      $('kn-job-bar').value = job.percent;
    }
    const files = (o.evaluationFiles || []).join(', ') || '없음';
    $('kn-rule').textContent = `평가 파일: ${files} · 전환 기준: 답변 정확도가 ${pct(o.rule.precisionTolerance)}p 넘게 떨어지지 않고 커버리지가 ${o.rule.coverageTolerance > 0 ? `${pct(o.rule.coverageTolerance)}p 넘게 ` : ''}줄지 않을 때`;

    const body = $('kn-versions');
    body.replaceChildren();
    $('kn-versions-empty').hidden = o.versions.length > 0;
    for (const v of o.versions) body.append(versionRow(v, o.activeVersion));
  }

  function versionRow(v, active) {
    const tr = el('tr');
    const name = el('td', null, `${v.id}`);
    name.title = new Date(v.createdAt).toLocaleString('ko-KR');
    const stateCell = el('td');
    const badge = el('span', `kn-state ${v.state}`, STATE_TEXT[v.state] || v.state);
    stateCell.append(badge);
    if (v.stage && v.progress < 100) stateCell.append(el('div', 'kn-muted', `${v.stage} ${v.progress}%`));
    const changes = [];
    if (v.added.length) changes.push(`추가 ${v.added.join(', ')}`);
    if (v.changed.length) changes.push(`수정 ${v.changed.join(', ')}`);
    if (!v.parent) changes.push('처음 버전');
    const c = v.comparison;
    const precision = el('td', null, c ? `${pct(c.old.answerPrecision)} → ${pct(c.new.answerPrecision)}` : '–');
    const coverage = el('td', null, c ? `${pct(c.old.coverage)} → ${pct(c.new.coverage)}` : '–');
    if (c && c.new.answerPrecision < c.old.answerPrecision) precision.classList.add('kn-worse');
    if (c && c.new.coverage < c.old.coverage) coverage.classList.add('kn-worse');
    const actions = el('td');
    if (v.activation !== null && v.id !== active) {
      const button = el('button', 'btn', '이 버전으로 복원');
      button.type = 'button';
      button.addEventListener('click', () => restore(v.id));
      actions.append(button);
    }
    const author = el('td', null, v.author);
    const changed = el('td', null, changes.join(' · ') || '–');
    // Labels for the phone layout, where each row is shown as a card (the table head is hidden there).
    [[name, '버전'], [stateCell, '상태'], [author, '작성자'], [changed, '변경'], [precision, '답변 정확도'], [coverage, '커버리지']]
      .forEach(([cell, label]) => cell.setAttribute('data-label', label));
    tr.append(name, stateCell, author, changed, precision, coverage, actions);
    const rows = [tr];
    if ((c && c.reason) || v.detail) {
      const note = el('tr', 'kn-note-row');
      const cell = el('td', 'kn-reason', [c && c.reason, v.detail].filter(Boolean).join(' · '));
      cell.colSpan = 7;
      note.append(cell);
      rows.push(note);
    }
    const fragment = document.createDocumentFragment();
    fragment.append(...rows);
    return fragment;
  }

  async function restore(id) {
    if (!window.confirm(`${id} 버전으로 되돌릴까요? 지금 답변에 바로 반영돼요.`)) return;
    const r = await api('POST', `${API}/versions/${encodeURIComponent(id)}/restore`);
    message(r.ok ? `${id} 버전을 복원하고 있어요.` : problemText(r), r.ok);
    refresh();
  }

  function problemText(r) {
    if (r.status === 0) return '서버에 연결할 수 없어요.';
    return (r.data && (r.data.detail || r.data.title)) || `요청이 실패했어요 (${r.status}).`;
  }

  async function runImport(dryRun) {
    const content = $('kn-content').value;
    const format = $('kn-format').value;
    const r = await api('POST', `${API}/import`, { format, content, dryRun });
    const result = r.data || {};
    const problems = result.problems || [];
    $('kn-result').hidden = false;
    const list = $('kn-problems');
    list.replaceChildren(...problems.map((p) => el('li', null, p)));
    if (dryRun) {
      const added = result.added || [];
      const changed = result.changed || [];
      $('kn-result-summary').textContent = r.ok
        ? `추가 ${added.length}개${added.length ? ` (${added.join(', ')})` : ''}, 수정 ${changed.length}개${changed.length ? ` (${changed.join(', ')})` : ''}, 문제 ${problems.length}개`
        : problemText(r);
      state.lastDry = r.ok && problems.length === 0 && added.length + changed.length > 0 ? content : null;
      $('kn-apply').disabled = state.lastDry === null;
      return;
    }
    $('kn-apply').disabled = true;
    state.lastDry = null;
    if (r.status === 202) {
      $('kn-result-summary').textContent = `새 버전(${result.versionId})을 저장했어요. 학습과 평가가 끝나면 나빠지지 않은 경우에만 적용돼요.`;
      refresh();
    } else {
      $('kn-result-summary').textContent = r.ok ? '바뀐 내용이 없어요.' : problemText(r);
    }
  }

  $('kn-file').addEventListener('change', async () => {
    const file = $('kn-file').files[0];
    if (!file) return;
    $('kn-content').value = await file.text();
    if (/\.json$/i.test(file.name)) $('kn-format').value = 'json';
    if (/\.csv$/i.test(file.name)) $('kn-format').value = 'csv';
    $('kn-apply').disabled = true;
  });
  $('kn-content').addEventListener('input', () => { $('kn-apply').disabled = true; });
  $('kn-dry-run').addEventListener('click', () => runImport(true));
  $('kn-apply').addEventListener('click', () => runImport(false));
  start();
})();
