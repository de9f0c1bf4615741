// The on-call page's "at" field in the viewer's own time, as the other times show (unless the
// "local time / UTC" switch says UTC). Without this script the field is sent as it is, read as UTC.
(function () {
  'use strict';
  const UTC_KEY = 'incidents.utc';
  const showUtc = () => localStorage.getItem(UTC_KEY) === 'true';
  const pad = n => String(n).padStart(2, '0');
  const localInput = d => d.getFullYear() + '-' + pad(d.getMonth() + 1) + '-' + pad(d.getDate()) + 'T'
    + pad(d.getHours()) + ':' + pad(d.getMinutes()) + ':' + pad(d.getSeconds());
  const utcInput = d => d.toISOString().slice(0, 19);
  // A datetime-local value as a moment: in UTC, or in the browser's time zone (how JS reads a date-time without offset).
  const read = (value, utc) => new Date(utc ? value + 'Z' : value);

  document.addEventListener('DOMContentLoaded', () => {
    const form = document.getElementById('oncall-at-form');
    const field = document.getElementById('oncall-at');
    const zone = document.getElementById('oncall-at-zone');
    if (!form || !field || !zone) return;

    function show(wasUtc) {
      const utc = showUtc();
      zone.textContent = utc ? '(UTC)' : '(your time)';
      if (!field.value) return;
      const at = read(field.value, wasUtc);
      if (!isNaN(at)) field.value = utc ? utcInput(at) : localInput(at);
    }
    show(true); // the server writes the field in UTC
    const toggle = document.getElementById('zone-toggle');
    if (toggle) toggle.addEventListener('click', () => show(!showUtc())); // app.js has switched it already

    form.addEventListener('submit', () => {
      if (!field.value) return;
      const at = read(field.value, showUtc());
      if (isNaN(at)) return;
      const sent = document.createElement('input');
      sent.type = 'hidden';
      sent.name = 'at';
      sent.value = at.toISOString();
      field.removeAttribute('name');
      form.appendChild(sent);
    });
    // Back to this page from the browser's cache: the field is the form's again.
    window.addEventListener('pageshow', () => {
      field.name = 'at';
      form.querySelectorAll('input[type=hidden][name=at]').forEach(input => input.remove());
    });
  });
})();
