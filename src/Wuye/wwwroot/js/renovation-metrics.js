// Renovation figures (装修指标) as charts, loaded from the metrics API (data-url): renovations by state, violations and how they
// were handled, deposits held and refunded. The labels come from the page (data-* JSON), in the reader's language.
(function () {
  var box = document.getElementById("renovation-metrics-charts");
  if (!box || !window.echarts) return;
  var labels = JSON.parse(box.dataset.labels);
  var charts = [];
  function bar(id, names, values, color) {
    var el = document.getElementById(id);
    var chart = echarts.init(el, null, { renderer: "svg" });
    chart.setOption({
      tooltip: { trigger: "axis" },
      grid: { left: 10, right: 30, top: 10, bottom: 10, containLabel: true },
      xAxis: { type: "value", minInterval: 1 },
      yAxis: { type: "category", data: names, inverse: true },
      series: [{ type: "bar", data: values, itemStyle: { color: color }, label: { show: true, position: "right" } }]
    });
    charts.push(chart);
    el.dataset.ready = "true";
  }
  fetch(box.dataset.url, { credentials: "same-origin", headers: { Accept: "application/json" } })
    .then(function (res) { if (!res.ok) throw new Error(res.status); return res.json(); })
    .then(function (m) {
      var states = Object.keys(labels.states);
      bar("renovation-state-chart", states.map(function (s) { return labels.states[s]; }),
        states.map(function (s) { return m.byState[s] || 0; }), "#206bc4");
      bar("renovation-violation-chart", labels.violations,
        [m.violations, m.violationsRectified, m.afterHoursRefused, m.missedChecks], "#d63939");
      bar("renovation-deposit-chart", labels.deposits, [m.depositsHeld, m.depositsRefunded, m.deductions], "#2fb344");
      box.dataset.loaded = "true";
    })
    .catch(function () { box.dataset.loaded = "false"; box.querySelector("[data-chart-error]").classList.remove("d-none"); });
  window.addEventListener("resize", function () { charts.forEach(function (c) { c.resize(); }); });
})();
