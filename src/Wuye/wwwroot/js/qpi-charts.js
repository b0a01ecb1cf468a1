// QPI metrics page: coverage, frequency completion and closure per project, as the server computed them.
(function () {
  var el = document.getElementById("qpi-chart");
  if (!el || !window.echarts) return;
  // SVG, so the labels are real text a test can measure.
  var chart = echarts.init(el, null, { renderer: "svg" });
  var d = el.dataset;
  chart.setOption({
    tooltip: { trigger: "axis", valueFormatter: function (v) { return v + "%"; } },
    legend: { top: 0 },
    // containLabel keeps axis labels inside; the target's label sits inside the plot, where nothing clips it.
    grid: { left: 10, right: 10, top: 40, bottom: 10, containLabel: true },
    xAxis: { type: "category", data: JSON.parse(d.names), axisLabel: { interval: 0, rotate: 30 } },
    yAxis: { type: "value", axisLabel: { formatter: "{value}%" } },
    series: [
      { name: d.labelCoverage, type: "bar", data: JSON.parse(d.coverage) },
      { name: d.labelCompletion, type: "bar", data: JSON.parse(d.completion), markLine: { silent: true, symbol: "none", label: { position: "insideStartTop", formatter: d.labelTarget }, data: [{ yAxis: 75 }] } },
      { name: d.labelClosure, type: "bar", data: JSON.parse(d.closure) }
    ]
  });
  window.addEventListener("resize", function () { chart.resize(); });
})();
