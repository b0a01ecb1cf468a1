// Inspection pages talk to the same /api/v1 the apps use (the sign-in cookie authenticates).
// A form with data-api is sent as JSON: field names are paths ("results[0].findings[0].type"),
// data-type="number|bool|guids|list" converts, empty optional fields are left out. Each send
// carries one Idempotency-Key per form, so a retry on a slow network cannot record twice.
(function () {
  function key() {
    return (window.crypto && crypto.randomUUID) ? crypto.randomUUID() : Date.now() + "-" + Math.random().toString(16).slice(2);
  }

  function set(obj, path, value) {
    var parts = path.replace(/\]/g, "").split(/\.|\[/);
    var cur = obj;
    for (var i = 0; i < parts.length - 1; i++) {
      var p = parts[i], nextIsIndex = /^\d+$/.test(parts[i + 1]);
      if (cur[p] === undefined) cur[p] = nextIsIndex ? [] : {};
      cur = cur[p];
    }
    cur[parts[parts.length - 1]] = value;
  }

  function compact(v) {
    if (Array.isArray(v)) return v.filter(function (x) { return x !== undefined && x !== null; }).map(compact);
    if (v && typeof v === "object") { Object.keys(v).forEach(function (k) { v[k] = compact(v[k]); }); }
    return v;
  }

  function collect(form) {
    var body = {};
    form.querySelectorAll("[name]").forEach(function (el) {
      if (el.matches(":disabled") || el.type === "file") return;
      var type = el.dataset.type, name = el.name, v;
      if (el.type === "checkbox" && type === "list") {
        var list = (function get(o, path) { try { return path.split(".").reduce(function (a, k) { return a[k]; }, o); } catch (e) { return undefined; } })(body, name) || [];
        if (el.checked) list.push(el.value);
        set(body, name, list);
        return;
      }
      if (el.type === "checkbox") v = el.checked;
      else if (el.type === "radio") { if (!el.checked) return; v = el.value; }
      else v = el.value.trim();
      if (v === "" && type !== "guids") return;
      if (type === "number") v = Number(v);
      // A datetime-local field is China wall-clock time: send it with its offset.
      if (type === "china-time") v = v.length === 16 ? v + ":00+08:00" : v + "+08:00";
      if (type === "bool") v = v === true || v === "true";
      if (type === "guids") v = v ? v.split(",").filter(Boolean) : [];
      set(body, name, v);
    });
    return compact(body);
  }

  function showErrors(form, problem) {
    var box = form.querySelector("[data-errors]");
    form.querySelectorAll(".is-invalid").forEach(function (el) { el.classList.remove("is-invalid"); });
    var lines = [];
    if (problem.errors) {
      Object.keys(problem.errors).forEach(function (field) {
        var el = form.querySelector('[name="' + field + '"]');
        if (el) el.classList.add("is-invalid");
        lines.push(problem.errors[field].join(" "));
      });
    } else lines.push(problem.title || "Error");
    box.textContent = "";
    lines.forEach(function (l) { var d = document.createElement("div"); d.textContent = l; box.appendChild(d); });
    box.classList.remove("d-none");
    box.scrollIntoView({ block: "nearest" });
  }

  document.addEventListener("submit", async function (e) {
    var form = e.target;
    if (!form.dataset.api) return;
    e.preventDefault();
    var button = form.querySelector("[type=submit]");
    if (button) button.disabled = true;
    form.dataset.key = form.dataset.key || key();
    try {
      var res = await fetch(form.dataset.api, {
        method: form.dataset.method || "POST",
        headers: { "Content-Type": "application/json", "Accept": "application/json", "Idempotency-Key": form.dataset.key },
        body: JSON.stringify(collect(form)),
        credentials: "same-origin"
      });
      var text = await res.text();
      var json = text ? JSON.parse(text) : {};
      if (!res.ok) { delete form.dataset.key; showErrors(form, json); return; }
      // A follow-up call with the new record's id (e.g. counting an inspection for a wave slot). On failure the
      // key is kept, so sending again replays the first call instead of recording twice.
      if (form.dataset.thenApi) {
        var then = await fetch(form.dataset.thenApi, {
          method: "POST",
          headers: { "Content-Type": "application/json", "Accept": "application/json", "Idempotency-Key": form.dataset.key + "-then" },
          body: JSON.stringify({ inspectionId: json.id }),
          credentials: "same-origin"
        });
        var thenText = await then.text();
        if (!then.ok) { showErrors(form, thenText ? JSON.parse(thenText) : {}); return; }
        location.href = form.dataset.thenRedirect;
        return;
      }
      var next = form.dataset.redirect;
      if (next) location.href = next.replace("{id}", json.id || ""); else location.reload();
    } catch (err) {
      showErrors(form, { title: form.dataset.offline || "Network error; try again" });
    } finally {
      if (button) button.disabled = false;
    }
  });

  // Photos upload as soon as they are chosen, so the final send is small; their ids go in a hidden field.
  document.addEventListener("change", async function (e) {
    var input = e.target;
    if (input.type !== "file" || !input.dataset.photoFor) return;
    var hidden = document.querySelector('[name="' + input.dataset.photoFor + '"]');
    var status = input.parentElement.querySelector("[data-photo-status]");
    for (var i = 0; i < input.files.length; i++) {
      var fd = new FormData();
      fd.append("file", input.files[i]);
      if (status) status.textContent = "…";
      var res = await fetch("/api/v1/files?projectId=" + input.dataset.projectId, { method: "POST", body: fd, credentials: "same-origin" });
      var json = await res.json();
      if (!res.ok) { if (status) status.textContent = (json.errors && json.errors.file) ? json.errors.file.join(" ") : json.title; continue; }
      hidden.value = hidden.value ? hidden.value + "," + json.id : json.id;
      if (status) status.textContent = status.dataset.done.replace("{n}", hidden.value.split(",").length);
    }
  });

  // Points are asked only for a deduction.
  document.addEventListener("change", function (e) {
    var sel = e.target;
    if (!sel.hasAttribute || !sel.hasAttribute("data-finding-type")) return;
    var card = sel.closest("[data-finding]");
    card.querySelectorAll("[data-when]").forEach(function (el) {
      var show = el.dataset.when.split(" ").indexOf(sel.value) >= 0;
      el.classList.toggle("d-none", !show);
      el.querySelectorAll("input,textarea,select").forEach(function (i) { i.disabled = !show; });
    });
  });
})();
