// The guard's scan form: the phone's position (when allowed) rides along each scan; where the browser can read QR codes
// (BarcodeDetector), a camera button fills the signed payload and sends the form. Nothing else is loaded.
(function () {
  var form = document.getElementById("scan-form");
  if (!form) return;
  var where = document.getElementById("scan-where");
  if (navigator.geolocation) {
    navigator.geolocation.getCurrentPosition(function (p) {
      document.getElementById("scan-lat").value = p.coords.latitude;
      document.getElementById("scan-lng").value = p.coords.longitude;
      where.textContent = "GPS ±" + Math.round(p.coords.accuracy) + " m";
    }, function () {}, { enableHighAccuracy: true, timeout: 10000, maximumAge: 30000 });
  }
  if (!("BarcodeDetector" in window) || !navigator.mediaDevices) return;
  var button = document.getElementById("scan-camera");
  var video = document.getElementById("scan-video");
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
            document.getElementById("scan-payload").value = codes[0].rawValue;
            document.getElementById("scan-code").value = "";
            form.submit();
          } else {
            requestAnimationFrame(tick);
          }
        }, function () { requestAnimationFrame(tick); });
      };
      tick();
    });
  });
})();
