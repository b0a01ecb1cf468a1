// Home page chart: units and occupied units per project, from the figures the server computed.
(function () {
  var el = document.getElementById("units-chart");
  if (!el || !window.echarts) return;
  var chart = echarts.init(el);
  chart.setOption({
    tooltip: { trigger: "axis" },
    legend: { top: 0 },
    grid: { left: 40, right: 10, top: 30, bottom: 50 },
    xAxis: { type: "category", data: JSON.parse(el.dataset.names), axisLabel: { interval: 0, rotate: 30 } },
    yAxis: { type: "value" },
    series: [
      { name: el.dataset.labelUnits, type: "bar", data: JSON.parse(el.dataset.units) },
      { name: el.dataset.labelOccupied, type: "bar", data: JSON.parse(el.dataset.occupied) }
    ]
  });
  window.addEventListener("resize", function () { chart.resize(); });
})();
