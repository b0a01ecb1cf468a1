// Progress for long files. htmx reports the upload's bytes; after that the server reads the
// file, checks (or writes) every row and says how far it has got at /api/v1/imports/progress,
// which the element marked data-progress shows until the page moves on.
function wuyeWatchImport(el) {
  if (!el || el.dataset.watching) return;
  el.dataset.watching = '1';
  el.classList.remove('d-none');
  var timer = setInterval(async function () {
    try {
      var res = await fetch('/api/v1/imports/progress/' + el.dataset.progress, { credentials: 'same-origin' });
      if (!res.ok) return;
      var p = await res.json();
      el.textContent = p.total > 0 ? p.phase + ' ' + p.done.toLocaleString() + ' / ' + p.total.toLocaleString() : p.phase + '…';
      el.dataset.done = p.done;
      el.dataset.total = p.total;
      if (p.finished) clearInterval(timer);
    } catch (_) { /* the page is being replaced */ }
  }, 300);
}
document.addEventListener('htmx:xhr:progress', function (e) {
  var bar = document.getElementById('upload-progress');
  if (!bar || !e.detail.lengthComputable) return;
  bar.classList.remove('d-none');
  bar.value = Math.round(e.detail.loaded / e.detail.total * 100);
  if (e.detail.loaded >= e.detail.total) wuyeWatchImport(document.getElementById('checking'));
});
document.addEventListener('submit', function (e) {
  var button = e.target.querySelector('[data-disable-on-submit]');
  if (button) button.disabled = true;
  wuyeWatchImport(e.target.querySelector('[data-progress]'));
});
