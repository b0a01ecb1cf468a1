// Progress for long files. htmx reports the upload's bytes; after that the server reads the
// file, checks (or writes) every row and says how far it has got at /api/v1/imports/progress,
// which the element marked data-progress shows while that request runs. The page opens idle:
// nothing is shown and nothing is polled until the user sends a file (other htmx requests on
// the page, like the bell's count, are not an upload), and polling stops when the request ends.
function wuyeWatchImport(el) {
  if (!el || el.dataset.watching) return;
  el.dataset.watching = '1';
  el.classList.remove('d-none');
  var timer = setInterval(async function () {
    if (!document.body.contains(el)) { clearInterval(timer); return; }
    try {
      var res = await fetch('/api/v1/imports/progress/' + el.dataset.progress, { credentials: 'same-origin' });
      if (!res.ok) return; // not started yet on the server
      var p = await res.json();
      el.textContent = p.total > 0 ? p.phase + ' ' + p.done.toLocaleString() + ' / ' + p.total.toLocaleString() : p.phase + '…';
      el.dataset.done = p.done;
      el.dataset.total = p.total;
      if (p.finished) clearInterval(timer);
    } catch (_) { /* the page is being replaced */ }
  }, 300);
  el.wuyeStop = function () { clearInterval(timer); };
}
function wuyeImportForm(e) {
  var elt = e.target;
  return elt && elt.matches && elt.matches('[data-testid=import-form]') ? elt : null;
}
document.addEventListener('htmx:xhr:progress', function (e) {
  var form = wuyeImportForm(e);
  var bar = form && form.querySelector('#upload-progress');
  if (!bar || !e.detail.lengthComputable) return;
  bar.classList.remove('d-none');
  bar.value = Math.round(e.detail.loaded / e.detail.total * 100);
  if (e.detail.loaded >= e.detail.total) wuyeWatchImport(form.querySelector('[data-progress]'));
});
document.addEventListener('htmx:afterRequest', function (e) {
  var form = wuyeImportForm(e);
  var el = form && form.querySelector('[data-progress]');
  if (el && el.wuyeStop) el.wuyeStop();
});
document.addEventListener('submit', function (e) {
  var button = e.target.querySelector('[data-disable-on-submit]');
  if (button) button.disabled = true;
  var el = e.target.querySelector('[data-progress]');
  // An htmx upload is watched once its bytes are sent (htmx:xhr:progress above).
  if (!el || e.target.hasAttribute('hx-post')) return;
  var file = e.target.querySelector('input[type=file]');
  if (file && file.files && file.files.length === 0) return; // nothing sent: nothing to watch
  wuyeWatchImport(el);
});
