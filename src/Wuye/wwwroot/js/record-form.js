// Master-record forms (Pages/MasterData/_RecordForm.cshtml) send JSON to the /api/v1 resource,
// so the page and API clients meet the same validation; field errors come back by name.
(function () {
  function headers() {
    return { 'Content-Type': 'application/json', 'Accept': 'application/json', 'Accept-Language': document.documentElement.lang || 'zh-CN' };
  }

  function body(form) {
    var json = {};
    form.querySelectorAll('[data-field]').forEach(function (el) {
      var type = el.dataset.type;
      if (type === 'bool') { json[el.name] = el.checked; return; }
      var v = el.value.trim();
      if (v === '') {
        if (el.dataset.masked) return; // an empty masked field keeps the stored value
        json[el.name] = null;
        return;
      }
      json[el.name] = type === 'number' ? Number(v) : v;
    });
    return json;
  }

  function showErrors(form, problem) {
    var general = [];
    var errors = (problem && problem.errors) || {};
    Object.keys(errors).forEach(function (key) {
      var name = key.replace(/^\$\./, '');
      var slot = Array.prototype.find.call(form.querySelectorAll('[data-error-for]'), function (e) { return e.dataset.errorFor.toLowerCase() === name.toLowerCase(); });
      var input = slot && form.querySelector('[name="' + slot.dataset.errorFor + '"]');
      if (slot && input) { slot.textContent = errors[key].join(' '); input.classList.add('is-invalid'); }
      else general.push(errors[key].join(' '));
    });
    if (!problem || !problem.errors) general.push((problem && (problem.title || problem.detail)) || '操作失败 / Failed');
    var alert = form.querySelector('[data-form-error]');
    if (general.length) { alert.textContent = general.join(' '); alert.classList.remove('d-none'); }
  }

  document.addEventListener('submit', async function (e) {
    var form = e.target.closest('form[data-api]');
    if (!form) return;
    e.preventDefault();
    form.querySelectorAll('.is-invalid').forEach(function (el) { el.classList.remove('is-invalid'); });
    form.querySelectorAll('[data-error-for]').forEach(function (el) { el.textContent = ''; });
    form.querySelector('[data-form-error]').classList.add('d-none');
    var button = form.querySelector('button[type=submit]');
    if (button) button.disabled = true;
    try {
      var res = await fetch(form.dataset.api, { method: form.dataset.method, headers: headers(), body: JSON.stringify(body(form)), credentials: 'same-origin' });
      var json = res.status === 204 ? null : await res.json().catch(function () { return null; });
      // A secret of the answer (a one-time password) is shown here once, instead of going on.
      var reveal = form.querySelector('[data-revealed]');
      if (res.ok && reveal && json && json[reveal.dataset.revealed]) {
        reveal.querySelector('strong').textContent = json[reveal.dataset.revealed];
        reveal.classList.remove('d-none');
        form.querySelector('fieldset').disabled = true;
        return;
      }
      if (res.ok) { window.location.href = form.dataset.then.replace('{id}', (json && json.id) || ''); return; }
      showErrors(form, json);
    } finally {
      if (button) button.disabled = false;
    }
  });

  document.addEventListener('click', async function (e) {
    var button = e.target.closest('[data-archive]');
    if (!button || !window.confirm(button.dataset.confirm)) return;
    var res = await fetch(button.dataset.archive, { method: button.dataset.method || 'POST', headers: headers(), credentials: 'same-origin' });
    if (res.ok) { window.location.reload(); return; }
    var problem = await res.json().catch(function () { return null; });
    window.alert((problem && problem.title) || res.status);
  });
})();
