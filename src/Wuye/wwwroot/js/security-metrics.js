// Security metrics chart: the rates the server computed per month as lines, the violations as bars.
(function () {
  var el = document.getElementById("security-metrics-chart");
  if (!el || !window.echarts) return;
  var chart = echarts.init(el);
  function d(name) { return JSON.parse(el.dataset[name]); }
  function line(name) { return { name: el.dataset["label" + name[0].toUpperCase() + name.slice(1)], type: "line", connectNulls: true, data: d(name) }; }
  chart.setOption({
    tooltip: { trigger: "axis" },
    legend: { top: 0, type: "scroll" },
    grid: { left: 40, right: 40, top: 40, bottom: 30 },
    xAxis: { type: "category", data: d("months") },
    yAxis: [{ type: "value", max: 100, axisLabel: { formatter: "{value}%" } }, { type: "value", minInterval: 1 }],
    series: [
      line("completion"), line("conformance"), line("answer"), line("found"), line("handling"),
      { name: el.dataset.labelViolations, type: "bar", yAxisIndex: 1, data: d("violations") }
    ]
  });
  window.addEventListener("resize", function () { chart.resize(); });
})();
