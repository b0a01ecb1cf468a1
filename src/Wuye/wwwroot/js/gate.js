// The gate console: the camera reads a pass's QR code where the browser can (BarcodeDetector), the typed code otherwise. With the
// network down, a scanned pass is checked here with the project's public key (ECDSA P-256, WebCrypto): signature, project and window;
// the scan is kept on the phone and sent when the network is back.
(function () {
  var form = document.getElementById("gate-scan");
  if (!form) return;
  var out = document.getElementById("gate-offline");
  var payload = document.getElementById("gate-payload");
  var code = document.getElementById("gate-code");
  var queueKey = "wuye-gate-queue-" + form.dataset.project;
  function b64u(s) {
    s = s.replace(/-/g, "+").replace(/_/g, "/");
    while (s.length % 4) s += "=";
    return Uint8Array.from(atob(s), function (c) { return c.charCodeAt(0); });
  }
  function show(ok, text) {
    out.className = "alert " + (ok ? "alert-success" : "alert-danger");
    out.dataset.ok = ok ? "true" : "false";
    out.textContent = text;
  }
  // A permit's QR (WYR2.<body>.<signature>, the same key): signature, project and the permit's dates.
  function permitVerdict(f, valid) {
    if (!valid || f.length !== 5 || f[1] !== form.dataset.project)
      return { ok: false, text: "⛔ 施工许可证无效或被篡改 / Invalid or altered permit" };
    var china = new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10).replace(/-/g, "");
    if (china < f[3] || china > f[4]) return { ok: false, text: "⛔ 不在施工许可期内 / Outside the permit's dates" };
    return { ok: true, text: "✅ 许可证 " + f[2] + " 离线核验通过，请核对施工时间，联网后自动登记 / Permit valid offline; check the hours" };
  }
  // Resolves { ok, text } from the payload alone.
  function verifyOffline(p) {
    var permit = p.trim().indexOf("WYR2.") === 0;
    var parts = p.trim().indexOf("WYV1.") === 0 || permit ? p.trim().slice(5).split(".") : [];
    if (parts.length !== 2) return Promise.resolve({ ok: false, text: "⛔ 不是本系统的通行证 / Not a pass of this system" });
    var body = b64u(parts[0]), sig = b64u(parts[1]);
    var spki = b64u(form.dataset.spki.replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, ""));
    return crypto.subtle.importKey("spki", spki, { name: "ECDSA", namedCurve: "P-256" }, false, ["verify"])
      .then(function (key) { return crypto.subtle.verify({ name: "ECDSA", hash: "SHA-256" }, key, sig, body); })
      .then(function (valid) {
        var f = new TextDecoder().decode(body).split("|");
        if (permit) return permitVerdict(f, valid);
        if (!valid || f.length !== 6 || f[1] !== form.dataset.project)
          return { ok: false, text: "⛔ 通行证无效或被篡改 / Invalid or altered pass" };
        var now = Date.now() / 1000;
        if (now < +f[2]) return { ok: false, text: "⛔ 通行证尚未生效 / Not valid yet" };
        if (now >= +f[3]) return { ok: false, text: "⛔ 通行证已过期 / Expired" };
        return { ok: true, text: "✅ 离线核验通过（" + f[5] + " 人，可进 " + f[4] + " 次），联网后自动登记 / Valid offline; recorded when back online" };
      });
  }
  function queue() { try { return JSON.parse(localStorage.getItem(queueKey) || "[]"); } catch (e) { return []; } }
  form.addEventListener("submit", function (e) {
    if (navigator.onLine) return;
    e.preventDefault();
    if (!payload.value) { show(false, "⛔ 离线时请扫码核验 / Offline: scan the QR code"); return; }
    verifyOffline(payload.value).then(function (r) {
      show(r.ok, r.text);
      if (r.ok) { var q = queue(); q.push(payload.value); localStorage.setItem(queueKey, JSON.stringify(q)); }
      payload.value = "";
    });
  });
  // Back online: send the scans kept on the phone, one per page load.
  var pending = queue();
  if (navigator.onLine && pending.length > 0) {
    localStorage.setItem(queueKey, JSON.stringify(pending.slice(1)));
    payload.value = pending[0];
    code.value = "";
    form.submit();
  }
  window.addEventListener("online", function () { if (queue().length > 0) location.reload(); });
  if (!("BarcodeDetector" in window) || !navigator.mediaDevices) return;
  var button = document.getElementById("gate-camera");
  var video = document.getElementById("gate-video");
  button.classList.remove("d-none");
  button.addEventListener("click", function () {
    var detector = new window.BarcodeDetector({ formats: ["qr_code"] });
    navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } }).then(function (stream) {
      video.srcObject = stream;
      video.classList.remove("d-none");
      video.play();
      var tick = function () {
        detector.detect(video).then(function (codes) {
          if (codes.length > 0) {
            stream.getTracks().forEach(function (t) { t.stop(); });
            video.classList.add("d-none");
            payload.value = codes[0].rawValue;
            code.value = "";
            form.requestSubmit();
          } else {
            requestAnimationFrame(tick);
          }
        }, function () { requestAnimationFrame(tick); });
      };
      tick();
    });
  });
})();
