// Admin pages: the replay bar follows a running replay (polling /admin/replay/progress every
// second), and a new API token's Copy button. Both pages work without this script: the bar is
// drawn by the server, and the token can be selected and copied by hand.
(function () {
  'use strict';

  function followReplay(section) {
    const bar = document.getElementById('replay-bar');
    const text = (id, value) => { const el = document.getElementById(id); if (el) el.textContent = value; };
    const live = document.getElementById('replay-live');
    if (live) live.hidden = false;
    let failures = 0;
    const poll = () => {
      fetch('/admin/replay/progress', { headers: { Accept: 'application/json' }, redirect: 'error' })
        .then(response => { if (!response.ok) throw new Error('HTTP ' + response.status); return response.json(); })
        .then(p => {
          failures = 0;
          Dashboard.lamp('live', 'live');
          if (p.indeterminate) bar.removeAttribute('value'); else bar.value = p.percent;
          bar.textContent = p.percent + ' %';
          text('replay-position', p.positionText);
          text('replay-rate', p.rateText);
          text('replay-left', p.leftText);
          text('replay-state-text', p.stateText);
          const state = document.getElementById('replay-state');
          state.textContent = p.state.toLowerCase();
          state.className = 'state ' + p.state.toLowerCase();
          if (p.state === 'RUNNING') { setTimeout(poll, 1000); return; }
          // Finished: the finish time, and the start form again.
          const finished = document.getElementById('replay-finished');
          if (p.finishedAt) {
            const time = document.createElement('time');
            time.setAttribute('datetime', p.finishedAt);
            finished.replaceChildren(time);
            Dashboard.refresh(finished);
          }
          const note = document.getElementById('replay-running-note');
          if (note) note.hidden = true;
          const confirm = document.getElementById('replay-confirm');
          if (confirm) confirm.hidden = false;
          if (live) live.hidden = true;
        })
        .catch(() => {
          failures += 1;
          Dashboard.lamp(failures > 3 ? 'stale' : 'reconnecting',
            failures > 3 ? 'progress unavailable: reload the page' : 'reconnecting…');
          if (failures <= 30) setTimeout(poll, 2000);
        });
    };
    setTimeout(poll, 1000);
  }

  function copyButton(button) {
    const source = document.getElementById(button.dataset.copy);
    if (!source || !navigator.clipboard) return;
    button.hidden = false;
    button.addEventListener('click', () => {
      navigator.clipboard.writeText(source.textContent.trim()).then(
        () => { document.getElementById('copy-done').textContent = 'Copied.'; },
        () => { document.getElementById('copy-done').textContent = 'Could not copy: select the token and copy it by hand.'; });
    });
  }

  document.addEventListener('DOMContentLoaded', () => {
    const replay = document.getElementById('replay');
    if (replay && replay.dataset.state === 'RUNNING') followReplay(replay);
    document.querySelectorAll('button[data-copy]').forEach(copyButton);
  });
})();
