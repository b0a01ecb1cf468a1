// Upload progress for long files: htmx reports the XHR's progress; once the bytes are up,
// the server is checking rows, which is said in words.
document.addEventListener('htmx:xhr:progress', function (e) {
  var bar = document.getElementById('upload-progress');
  if (!bar || !e.detail.lengthComputable) return;
  bar.classList.remove('d-none');
  bar.value = Math.round(e.detail.loaded / e.detail.total * 100);
  if (e.detail.loaded >= e.detail.total) document.getElementById('checking').classList.remove('d-none');
});
document.addEventListener('submit', function (e) {
  var button = e.target.querySelector('[data-disable-on-submit]');
  if (button) { button.disabled = true; button.nextElementSibling && button.nextElementSibling.classList.remove('d-none'); }
});
