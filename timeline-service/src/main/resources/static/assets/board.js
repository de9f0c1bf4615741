// The live board: its server-sent event stream brings, in batches, the incidents that changed and
// their rows as the server draws them for this board; they are inserted, replaced or removed, and
// the board re-sorted. After a lost connection the server sends what was missed, or asks for the
// whole board again when it cannot know (a restart of the service, a replay).
(function () {
  'use strict';
  const SEVERITY_RANK = { SEV1: 1, SEV2: 2, SEV3: 3, SEV4: 4 };
  const body = () => document.getElementById('board-body');

  // BoardRow.ORDER as the rows stand now: breached first, then the most severe, then the nearest
  // deadline. Sorted here because a row's place changes with time alone, as its clocks run out.
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
  }

  // The cards count every open incident, whatever this board's filters show: the server counts.
  function showCounts(counts) {
    Object.entries(counts || {}).forEach(([card, n]) => {
      const el = document.querySelector('#count-' + card + ' strong');
      if (el) el.textContent = n;
    });
  }

  // A batch of changes: every incident that changed, and the rows of those this board's filters
  // still show; the other changed incidents have left it.
  function apply(ids, html) {
    const template = document.createElement('template');
    template.innerHTML = '<table><tbody>' + html + '</tbody></table>';
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

  // The stream starts after the batch of changes the board was drawn with; the server sends what
  // it missed since, or says to fetch the whole board again. A browser reconnecting by itself
  // names the last batch it saw (Last-Event-ID); so does a stream opened again after a refusal.
  let lastSeen = null;

  function connect() {
    const params = new URLSearchParams(location.search);
    params.set('since', lastSeen || body().dataset.since || '');
    const stream = new EventSource('/ui/board/stream?' + params);
    let lostAt = null;
    stream.addEventListener('hello', () => { Dashboard.lamp('live', 'live'); lostAt = null; });
    stream.addEventListener('changes', e => {
      lastSeen = e.lastEventId;
      const changes = JSON.parse(e.data);
      apply(changes.ids, changes.rows);
      showCounts(changes.counts);
    });
    stream.addEventListener('resync', e => { lastSeen = e.lastEventId; refetchAll(); });
    stream.onerror = () => {
      if (!lostAt) lostAt = new Date();
      Dashboard.lamp(stream.readyState === EventSource.CLOSED ? 'stale' : 'reconnecting',
        'reconnecting since ' + lostAt.toLocaleTimeString());
      // A stream refused outright is not retried by the browser: log in again if the login
      // expired, else open it again.
      if (stream.readyState === EventSource.CLOSED) setTimeout(reconnectOrLogIn, 3000);
    };
  }

  async function reconnectOrLogIn() {
    try {
      const page = await fetch(location.pathname + location.search, { method: 'HEAD', redirect: 'manual', credentials: 'same-origin' });
      if (page.type === 'opaqueredirect' || page.status === 401) { location.reload(); return; }
    } catch (e) {
      // The service is unreachable: keep trying.
    }
    connect();
  }

  document.addEventListener('DOMContentLoaded', () => {
    if (body()) { sortRows(); connect(); }
  });
})();
