// Work-order metrics chart: the rates the server computed, per group, as bars.
(function () {
  var el = document.getElementById("metrics-chart");
  if (!el || !window.echarts) return;
  var chart = echarts.init(el);
  function pct(a) { return JSON.parse(a).map(function (v) { return v === null ? null : Math.round(v * 1000) / 10; }); }
  chart.setOption({
    tooltip: { trigger: "axis", valueFormatter: function (v) { return v === null ? "—" : v + "%"; } },
    legend: { top: 0 },
    grid: { left: 40, right: 10, top: 30, bottom: 50 },
    xAxis: { type: "category", data: JSON.parse(el.dataset.labels), axisLabel: { interval: 0, rotate: 30 } },
    yAxis: { type: "value", max: 100 },
    series: [
      { name: el.dataset.labelClosure, type: "bar", data: pct(el.dataset.closure) },
      { name: el.dataset.labelOntime, type: "bar", data: pct(el.dataset.ontime) },
      { name: el.dataset.labelSatisfaction, type: "line", data: pct(el.dataset.satisfaction) },
      { name: el.dataset.labelFirstSatisfaction, type: "line", lineStyle: { type: "dashed" }, data: pct(el.dataset.firstSatisfaction) }
    ]
  });
  window.addEventListener("resize", function () { chart.resize(); });
})();
