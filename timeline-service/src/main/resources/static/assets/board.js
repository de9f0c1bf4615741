// The live board: one server-sent event stream says which incident changed; the rows are fetched
// again as the server renders them, inserted or replaced, and the board re-sorted. After a lost
// connection (a restart of the service, a network blip) the whole board is fetched again, since
// changes may have gone by unseen.
(function () {
  'use strict';
  const SEVERITY_RANK = { SEV1: 1, SEV2: 2, SEV3: 3, SEV4: 4 };
  const body = () => document.getElementById('board-body');

  function rowKey(row) {
    const clocks = row.querySelectorAll('td.clock');
    const breached = Array.from(clocks).some(c => c.classList.contains('late') && !+c.dataset.stopped) ? 0 : 1;
    const running = Array.from(clocks).find(c => !+c.dataset.stopped);
    const next = running ? +running.dataset.deadline : Number.MAX_SAFE_INTEGER;
    return [breached, SEVERITY_RANK[row.dataset.severity] || 9, next];
  }

  function sortRows() {
    const rows = Array.from(body().querySelectorAll('tr.row'));
    rows.sort((a, b) => {
      const ka = rowKey(a), kb = rowKey(b);
      for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return ka[i] - kb[i];
      return 0;
    });
    rows.forEach(row => body().appendChild(row));
    const empty = document.getElementById('board-empty');
    if (empty) empty.hidden = rows.length > 0;
    updateCounts();
  }

  function updateCounts() {
    const rows = Array.from(body().querySelectorAll('tr.row'));
    const set = (id, n) => { const el = document.querySelector('#' + id + ' strong'); if (el) el.textContent = n; };
    // The cards count the rows in view, as they now stand; a full reload counts every open incident.
    if (new URLSearchParams(location.search).toString() === '') {
      set('count-unacknowledged', rows.filter(r => r.dataset.status === 'OPEN').length);
      set('count-breaching', rows.filter(r => r.querySelector('td.clock.amber:not(.stopped), td.clock.late:not(.stopped)')).length);
      set('count-rollbacks', rows.filter(r => r.dataset.rollback === 'true').length);
      set('count-escalated', rows.filter(r => +r.dataset.level >= 2).length);
    }
  }

  // Changes are gathered for a second and fetched in one request, however many there were:
  // an alert storm costs each open board one request a second, not one per event.
  const changed = new Set();
  let flushing = null;

  function rowChanged(id) {
    changed.add(id);
    if (!flushing) flushing = setTimeout(flush, 1000);
  }

  async function flush() {
    const ids = Array.from(changed).slice(0, 200);
    ids.forEach(id => changed.delete(id));
    const params = new URLSearchParams(location.search);
    ids.forEach(id => params.append('ids', id));
    try {
      const response = await fetch('/ui/board/rows?' + params, { headers: { Accept: 'text/html' }, credentials: 'same-origin' });
      if (response.status === 401) { location.reload(); return; }
      if (response.ok) apply(ids, await response.text());
    } finally {
      flushing = changed.size ? setTimeout(flush, 1000) : null;
    }
  }

  function apply(ids, html) {
    const template = document.createElement('template');
    template.innerHTML = html;
    const fresh = new Map(Array.from(template.content.querySelectorAll('tr.row')).map(row => [row.dataset.id, row]));
    ids.forEach(id => {
      const existing = document.getElementById('row-' + id);
      const row = fresh.get(id);
      if (!row) { if (existing) existing.remove(); return; }
      row.classList.add('fresh');
      if (existing) {
        existing.replaceWith(row);
      } else {
        body().appendChild(row);
        if (row.dataset.severity === 'SEV1' || row.dataset.severity === 'SEV2') {
          const announce = document.getElementById('announce');
          const title = row.querySelector('.title a');
          if (announce && title) announce.textContent = 'New ' + row.dataset.severity + ': ' + title.textContent;
        }
      }
      Dashboard.refresh(row);
    });
    sortRows();
  }

  async function refetchAll() {
    const response = await fetch(location.pathname + location.search, { credentials: 'same-origin' });
    if (!response.ok) return;
    const page = new DOMParser().parseFromString(await response.text(), 'text/html');
    const fresh = page.getElementById('board-body');
    if (fresh) body().innerHTML = fresh.innerHTML;
    ['count-unacknowledged', 'count-breaching', 'count-rollbacks', 'count-escalated'].forEach(id => {
      const now = page.querySelector('#' + id + ' strong'), here = document.querySelector('#' + id + ' strong');
      if (now && here) here.textContent = now.textContent;
    });
    Dashboard.refresh(body());
  }

  function connect() {
    let lostAt = null;
    const stream = new EventSource('/ui/stream');
    stream.addEventListener('hello', () => {
      Dashboard.lamp('live', 'live');
      if (lostAt) { refetchAll(); lostAt = null; }
    });
    stream.addEventListener('change', e => rowChanged(e.data));
    stream.addEventListener('resync', () => refetchAll());
    stream.onerror = () => {
      if (!lostAt) lostAt = new Date();
      Dashboard.lamp(stream.readyState === EventSource.CLOSED ? 'stale' : 'reconnecting',
        'reconnecting since ' + lostAt.toLocaleTimeString());
      // A stream refused outright (e.g. the login expired) is not retried by the browser.
      if (stream.readyState === EventSource.CLOSED) setTimeout(connect, 3000);
    };
  }

  document.addEventListener('DOMContentLoaded', () => {
    if (body()) { sortRows(); connect(); }
  });
})();
