// Supervisor dashboard (대시보드) over GET /api/agent/supervisor/dashboard.
// As in agent.js, every value from the server goes into the page with textContent only (no innerHTML).
(() => {
  'use strict';

  const API = '/api/agent';
  const $ = (id) => document.getElementById(id);
  const { el } = window.ConsoleKit;
  const charts = {};
  let seq = 0;

  const COLORS = {
    answer: '#1b8a5a', clarify: '#2f5be0', decline: '#8a93a6', handoff: '#d1362b', other: '#c9ced8',
    bar: '#2f5be0', late: '#d1362b', none: '#c9ced8',
  };

  const pct = (v) => (v === null || v === undefined ? '—' : `${(v * 100).toFixed(1)}%`);
  const num = (v) => Number(v || 0).toLocaleString('ko-KR');

  /** Minutes as people say them: "45분", "2시간 5분", "3일 4시간". */
  function duration(minutes) {
    if (minutes === null || minutes === undefined) return '—';
    const m = Math.round(minutes);
    if (m < 60) return `${m}분`;
    const h = Math.floor(m / 60);
    if (h < 24) return m % 60 ? `${h}시간 ${m % 60}분` : `${h}시간`;
    const d = Math.floor(h / 24);
    return h % 24 ? `${d}일 ${h % 24}시간` : `${d}일`;
  }

  function iso(date) {
    const y = date.getFullYear();
    const m = String(date.getMonth() + 1).padStart(2, '0');
    const d = String(date.getDate()).padStart(2, '0');
    return `${y}-${m}-${d}`;
  }


  async function get(path) {
    try {
      const res = await fetch(path, { credentials: 'same-origin', cache: 'no-store', headers: { Accept: 'application/json' } });
      let data = null;
      try { data = await res.json(); } catch { data = null; }
      return { ok: res.ok, status: res.status, data };
    } catch {
      return { ok: false, status: 0, data: null };
    }
  }

  function showMessage(text, linkToConsole) {
    const box = $('dash-message');
    box.replaceChildren(document.createTextNode(text));
    if (linkToConsole) {
      box.append(' ');
      const a = el('a', null, '상담 콘솔로 가기');
      a.href = '/agent/';
      box.append(a);
    }
    box.hidden = false;
  }

  // ---------------------------------------------------------------- filters

  function readFilters() {
    const params = new URLSearchParams(location.search);
    const today = new Date();
    const weekAgo = new Date(today);
    weekAgo.setDate(today.getDate() - 6);
    $('from').value = params.get('from') || iso(weekAgo);
    $('to').value = params.get('to') || iso(today);
    return params.get('channel') || '';
  }

  function query() {
    const params = new URLSearchParams({ from: $('from').value, to: $('to').value });
    if ($('channel').value) params.set('channel', $('channel').value);
    return params.toString();
  }

  function setChannels(options, chosen) {
    const select = $('channel');
    const keep = chosen !== undefined ? chosen : select.value;
    select.replaceChildren(new Option('전체 채널', ''));
    for (const c of options || []) select.append(new Option(c.name, c.id));
    select.value = keep || '';
  }

  function quick(days) {
    const to = new Date();
    const from = new Date(to);
    from.setDate(to.getDate() - (days - 1));
    $('from').value = iso(from);
    $('to').value = iso(to);
    load();
  }

  // ---------------------------------------------------------------- render

  function tile(id, value, sub) {
    const node = $(id);
    node.querySelector('.kpi-value').textContent = value;
    node.querySelector('.kpi-sub').textContent = sub || '';
  }

  function render(r) {
    const m = r.messages;
    const c = r.conversations;
    const t = r.tickets;
    const f = t.firstResponse;
    const share = (n) => (m.total ? ` · ${pct(n / m.total)}` : '');
    $('period-text').textContent = `${r.from} ~ ${r.to} · ${r.channel ? channelName(r) : '전체 채널'} · 메시지 ${num(m.total)}건`;

    tile('kpi-conversations', num(c.total), `메시지 ${num(m.total)}건`);
    tile('kpi-resolution', pct(c.resolutionRate), `${num(c.resolvedByAssistant)}건 해결 · ${num(c.returned)}건 같은 주제로 재문의`);
    tile('kpi-containment', pct(c.containmentRate), `${num(c.contained)}건이 상담원 없이 끝남`);
    tile('kpi-promise', pct(f.withinPromiseRate), `약속 내 ${num(f.withinPromise)} · 지연 ${num(f.late)} · 대기 ${num(f.pending)}`);
    tile('kpi-answered', num(m.answered), `메시지${share(m.answered)} · 대화 ${num(c.answered)}`);
    tile('kpi-clarified', num(m.clarified), `메시지${share(m.clarified)} · 대화 ${num(c.clarified)}`);
    tile('kpi-declined', num(m.declined), `메시지${share(m.declined)} · 대화 ${num(c.declined)}`);
    tile('kpi-handoff', num(m.handedOff), `메시지${share(m.handedOff)} · 대화 ${num(c.handedOff)}`);
    tile('kpi-first-response', duration(f.medianMinutes), `90%: ${duration(f.p90Minutes)} · 배정까지 ${duration(f.medianMinutesToClaim)}`);
    tile('kpi-resolution-time', duration(t.resolution.medianMinutes),
      `완료 ${num(t.resolution.resolved)} · 봇 전환 ${num(t.resolution.handedBack)} · 진행 중 ${num(t.resolution.open)} · 약속 내 ${pct(t.resolution.withinPromiseRate)}`);
    tile('kpi-tickets', num(t.total), `긴급 ${num(t.urgent)}건`);
    tile('kpi-solved', num(r.handBack.solved), `"해결 안 됐어요" ${num(r.handBack.notSolved)}건`);

    renderFaqs(r.faqs);
    renderCharts(r);
    $('definitions').textContent =
      `대화: 기간 안에 판매자 메시지가 있는 채널별 대화. 상담 없이 끝난 비율: 상담 연결·상담원 응대·티켓이 없는 대화. ` +
      `봇 해결: 상담 없이 끝났고 답변을 받았으며, 같은 판매자가 ${r.returnWindowDays}일 안에 같은 FAQ나 같은 유형으로 다시 묻지 않았고 "해결 안 됐어요"라고 하지 않은 대화. ` +
      `첫 응답: 티켓 접수 후 상담원의 첫 메시지, 판매자에게 약속한 시간(영업일 기준)과 비교. 시간대: ${r.timeZone}.`;
  }

  function channelName(r) {
    const found = (r.channels || []).find((c) => c.id === r.channel);
    return found ? found.name : r.channel;
  }

  function renderFaqs(rows) {
    const body = $('faq-rows');
    body.replaceChildren();
    for (const row of rows) {
      const tr = el('tr');
      tr.dataset.faq = row.faqId;
      const name = el('th', 'faq-title');
      name.scope = 'row';
      name.append(el('span', null, row.title), el('span', 'faq-id', row.faqId));
      tr.append(name, el('td', 'num', num(row.answers)), el('td', 'num up', num(row.helpful)), el('td', 'num down', num(row.notHelpful)), el('td', 'num', num(row.comments)));
      if (row.notHelpful > row.helpful) tr.classList.add('is-bad');
      body.append(tr);
    }
    $('faq-empty').hidden = rows.length > 0;
  }

  function draw(id, config) {
    if (charts[id]) charts[id].destroy();
    charts[id] = new window.Chart($(id), config);
  }

  function renderCharts(r) {
    if (!window.Chart) {
      showMessage('차트 라이브러리를 불러오지 못했어요. 수치는 위에 표시돼요.');
      return;
    }
    window.Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
    window.Chart.defaults.color = '#677186';
    const phone = window.matchMedia('(max-width: 600px)').matches;
    const labels = r.daily.map((d) => d.date.slice(5).replace('-', '/'));
    const series = [
      ['answered', '답변', COLORS.answer], ['clarified', '되묻기', COLORS.clarify], ['declined', '거절', COLORS.decline],
      ['handedOff', '상담 연결', COLORS.handoff], ['other', '기타', COLORS.other],
    ];
    draw('daily-chart', {
      type: 'bar',
      data: { labels, datasets: series.map(([key, label, color]) => ({ label, data: r.daily.map((d) => d[key]), backgroundColor: color })) },
      options: {
        responsive: true, maintainAspectRatio: false, animation: false,
        plugins: { legend: { position: 'bottom', labels: { boxWidth: 12 } } },
        scales: { x: { stacked: true, ticks: { maxRotation: 0, autoSkip: true } }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } },
      },
    });
    const categories = r.tickets.byCategory;
    draw('category-chart', {
      type: 'bar',
      data: {
        labels: categories.map((c) => c.label),
        datasets: [
          { label: '일반', data: categories.map((c) => c.count - c.urgent), backgroundColor: COLORS.bar },
          { label: '긴급', data: categories.map((c) => c.urgent), backgroundColor: COLORS.late },
        ],
      },
      options: {
        indexAxis: 'y', responsive: true, maintainAspectRatio: false, animation: false,
        plugins: { legend: { position: 'bottom', labels: { boxWidth: 12 } } },
        scales: { x: { stacked: true, beginAtZero: true, ticks: { precision: 0 } }, y: { stacked: true, ticks: { autoSkip: false, font: { size: phone ? 11 : 12 } } } },
      },
    });
    const buckets = r.tickets.firstResponse.distribution;
    draw('response-chart', {
      type: 'bar',
      data: {
        labels: buckets.map((b) => b.label),
        datasets: [{ label: '티켓', data: buckets.map((b) => b.count), backgroundColor: buckets.map((b) => (b.key === 'none' ? COLORS.none : COLORS.bar)) }],
      },
      options: {
        responsive: true, maintainAspectRatio: false, animation: false,
        plugins: { legend: { display: false } },
        scales: { x: { ticks: { maxRotation: phone ? 45 : 0, autoSkip: false, font: { size: phone ? 10 : 12 } } }, y: { beginAtZero: true, ticks: { precision: 0 } } },
      },
    });
  }

  // ---------------------------------------------------------------- load

  async function load() {
    const mine = ++seq;
    $('apply').disabled = true;
    const q = query();
    const r = await get(`${API}/supervisor/dashboard?${q}`);
    if (mine !== seq) return;
    $('apply').disabled = false;
    if (r.status === 401) { showMessage('로그인이 필요해요.', true); $('dashboard').hidden = true; return; }
    if (!r.ok || !r.data) {
      showMessage(r.data && r.data.detail ? r.data.detail : '대시보드를 불러오지 못했어요. 잠시 후 다시 시도해 주세요.');
      return;
    }
    $('dash-message').hidden = true;
    history.replaceState(null, '', `?${q}`);
    setChannels(r.data.channels, r.data.channel || '');
    render(r.data);
    document.body.dataset.loaded = String(mine);
  }

  async function boot() {
    const me = await get(`${API}/me`);
    if (!me.ok || !me.data || !me.data.agent) {
      showMessage('로그인이 필요해요.', true);
      return;
    }
    $('agent-name').textContent = me.data.agent.name || '';
    if (me.data.agent.role !== 'supervisor') {
      showMessage('관리자(슈퍼바이저)만 쓸 수 있는 페이지예요.', true);
      return;
    }
    const channel = readFilters();
    setChannels(channel ? [{ id: channel, name: channel }] : [], channel);
    $('dashboard').hidden = false;
    $('filters').addEventListener('submit', (e) => { e.preventDefault(); load(); });
    $('channel').addEventListener('change', load);
    for (const b of document.querySelectorAll('[data-days]')) b.addEventListener('click', () => quick(Number(b.dataset.days)));
    await load();
  }

  boot();
})();
