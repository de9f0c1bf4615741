// The SLA page works without this: it only picks "from – to" in the period list once a day is changed.
(function () {
  'use strict';
  document.addEventListener('DOMContentLoaded', () => {
    const days = document.getElementById('sla-days');
    if (!days) return;
    ['sla-from', 'sla-to'].forEach(id => {
      const input = document.getElementById(id);
      if (input) input.addEventListener('change', () => { days.value = 'custom'; });
    });
  });
})();
