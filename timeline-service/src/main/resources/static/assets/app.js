// Small helpers every dashboard page uses: local times with UTC on hover, SLA countdowns that tick,
// keyboard shortcuts, and fetch() that carries the CSRF token. Pages work without this script;
// it only makes them live.
(function () {
  'use strict';
  const UTC_KEY = 'incidents.utc';
  const showUtc = () => localStorage.getItem(UTC_KEY) === 'true';

  function formatTime(el) {
    const iso = el.getAttribute('datetime');
    if (!iso) return;
    const at = new Date(iso);
    if (isNaN(at)) return;
    el.title = at.toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC');
    if (showUtc()) {
      el.textContent = el.title;
    } else {
      // Compact: today's times alone, this year's without the year.
      const today = new Date();
      const sameDay = at.toDateString() === today.toDateString();
      const options = sameDay ? { hour: '2-digit', minute: '2-digit' }
        : at.getFullYear() === today.getFullYear() ? { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' }
        : { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' };
      el.textContent = at.toLocaleString(undefined, options);
    }
  }

  function human(ms) {
    const s = Math.floor(Math.abs(ms) / 1000);
    if (s < 60) return s + ' s';
    const m = Math.floor(s / 60);
    if (m < 60) return m + ' min' + (m < 10 && s % 60 ? ' ' + (s % 60) + ' s' : '');
    const h = Math.floor(m / 60);
    if (h < 48) return h + ' h' + (m % 60 ? ' ' + (m % 60) + ' min' : '');
    return Math.floor(h / 24) + ' d' + (h % 24 ? ' ' + (h % 24) + ' h' : '');
  }

  // Mirrors Countdown.java: green, amber under a quarter of the allowed time left, red once breached.
  function tickClock(cell, now) {
    const start = +cell.dataset.start, deadline = +cell.dataset.deadline, stopped = +cell.dataset.stopped;
    if (!deadline || stopped) { cell.classList.add('stopped'); return; }
    const left = deadline - now, allowed = Math.max(1, deadline - start);
    const fraction = Math.max(0, Math.min(1, left / allowed));
    const state = left < 0 ? 'late' : fraction < 0.25 ? 'amber' : 'ok';
    cell.classList.remove('ok', 'amber', 'late');
    cell.classList.add(state);
    const fill = cell.querySelector('.fill');
    if (fill) fill.style.width = (fraction * 100).toFixed(1) + '%';
    const text = cell.querySelector('.clock-text');
    if (text) text.textContent = left < 0 ? 'breached ' + human(left) + ' ago' : human(left) + ' left';
  }

  function tickRollback(el, now) {
    const started = +el.dataset.started, max = +el.dataset.max * 1000;
    if (!started) return;
    const ran = now - started;
    const elapsed = el.querySelector('.elapsed');
    if (elapsed) elapsed.textContent = human(ran) + ' of ' + human(max);
    if (ran > max && !el.classList.contains('overrun')) {
      el.classList.add('overrun');
      // The row may carry a mark already, for another of the incident's rollbacks: one is enough.
      if (el.parentElement && el.parentElement.querySelector('.overrun-mark')) return;
      const mark = document.createElement('strong');
      mark.className = 'overrun-mark';
      mark.textContent = 'overrun';
      el.appendChild(mark);
    }
  }

  function tick(root) {
    const now = Date.now();
    (root || document).querySelectorAll('td.clock, .clock[data-deadline]').forEach(cell => tickClock(cell, now));
    (root || document).querySelectorAll('.rollback[data-started]').forEach(el => tickRollback(el, now));
  }

  function refresh(root) {
    (root || document).querySelectorAll('time[datetime]').forEach(formatTime);
    tick(root);
  }

  window.Dashboard = {
    refresh,
    csrfHeaders() {
      const token = document.querySelector('meta[name=csrf-token]');
      const header = document.querySelector('meta[name=csrf-header]');
      return token && header ? { [header.content]: token.content } : {};
    },
    lamp(state, text) {
      const lamp = document.getElementById('live');
      if (!lamp) return;
      lamp.hidden = false;
      lamp.className = 'lamp ' + state;
      lamp.textContent = text;
    }
  };

  document.addEventListener('DOMContentLoaded', () => {
    refresh(document);
    setInterval(() => tick(document), 1000);
    const toggle = document.getElementById('zone-toggle');
    if (toggle) {
      const label = () => { toggle.textContent = showUtc() ? 'UTC' : 'local time'; };
      label();
      toggle.addEventListener('click', () => {
        localStorage.setItem(UTC_KEY, String(!showUtc()));
        label();
        document.querySelectorAll('time[datetime]').forEach(formatTime);
      });
    }
    // Single keys, no modifiers, never while typing: g b board, g s SLA, g o on call, / filter, j/k move, Enter open.
    let pendingG = false;
    document.addEventListener('keydown', e => {
      const t = e.target;
      if (e.ctrlKey || e.metaKey || e.altKey || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName)) return;
      if (pendingG) {
        pendingG = false;
        if (e.key === 'b') { location.href = '/'; return; }
        if (e.key === 's') { location.href = '/sla'; return; }
        if (e.key === 'o') { location.href = '/oncall'; return; }
      }
      if (e.key === 'g') { pendingG = true; return; }
      if (e.key === '/') {
        const filter = document.getElementById('filter-service');
        if (filter) { e.preventDefault(); filter.focus(); }
        return;
      }
      if (e.key === 'j' || e.key === 'k') {
        const rows = Array.from(document.querySelectorAll('tr.row'));
        if (!rows.length) return;
        const i = rows.indexOf(document.activeElement);
        const next = e.key === 'j' ? Math.min(rows.length - 1, i + 1) : Math.max(0, i - 1);
        rows[i < 0 ? 0 : next].focus();
        return;
      }
      if (e.key === 'Enter' && t.classList && t.classList.contains('row') && t.dataset.href) {
        location.href = t.dataset.href;
      }
    });
  });
})();
