// The room's as-of slider: drag to any moment between the first event and now; letting go shows
// the incident as it stood then (the server renders it from the events up to that moment).
// Snaps to the nearest event so each step shows a change.
(function () {
  'use strict';
  document.addEventListener('DOMContentLoaded', () => {
    const slider = document.getElementById('asof-slider');
    if (!slider) return;
    const first = +slider.dataset.first, now = +slider.dataset.now;
    const times = Array.from(document.querySelectorAll('#event-times option')).map(o => +o.value);
    slider.min = String(first);
    slider.max = String(now);
    slider.step = '1000';
    slider.value = slider.dataset.value;
    const label = document.getElementById('asof-label');
    const snap = v => times.reduce((best, t) => Math.abs(t - v) < Math.abs(best - v) ? t : best, v);
    slider.addEventListener('input', () => {
      const at = new Date(snap(+slider.value));
      label.textContent = +slider.value >= now ? 'now (live)' : 'as of ' + at.toLocaleString() + ' (release to show)';
    });
    slider.addEventListener('change', () => {
      const v = +slider.value;
      if (v >= now) { location.href = location.pathname; return; }
      // Just after the snapped event, so the event itself is included.
      document.getElementById('asof-value').value = new Date(snap(v) + 1).toISOString();
      document.getElementById('asof-form').submit();
    });
  });
})();

// Live: when this incident changes, show it again, unless the responder is in the middle of a form
// (then say so instead of throwing their typing away) or is reading what their action did.
(function () {
  'use strict';
  document.addEventListener('DOMContentLoaded', () => {
    const id = document.body.dataset.incident;
    if (!id || new URLSearchParams(location.search).has('asOf')) return;
    const stream = new EventSource('/ui/stream');
    let stale = false;
    const busy = () => document.querySelector('details[open]') ||
      (document.activeElement && /^(INPUT|TEXTAREA|SELECT)$/.test(document.activeElement.tagName));
    // A message about what the responder just did ("Acknowledged.") stays readable for a few
    // seconds: its own change arrives within a second and would otherwise reload it away.
    const openedAt = Date.now();
    const FLASH_READABLE_MS = 4000;
    const reloadWhenIdle = () => {
      const flashLeft = document.getElementById('flash') ? openedAt + FLASH_READABLE_MS - Date.now() : 0;
      if (flashLeft > 0) { setTimeout(reloadWhenIdle, flashLeft); return; }
      if (!busy()) { location.reload(); return; }
      if (!stale) {
        stale = true;
        Dashboard.lamp('reconnecting', 'changed since you opened it: reload to see');
      }
    };
    stream.addEventListener('hello', () => Dashboard.lamp('live', 'live'));
    stream.addEventListener('changes', e => { if (JSON.parse(e.data).ids.includes(id)) reloadWhenIdle(); });
    stream.addEventListener('resync', reloadWhenIdle);
    stream.onerror = () => Dashboard.lamp('reconnecting', 'reconnecting…');
  });
})();
