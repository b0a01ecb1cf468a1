// Energy analysis page: use per month this year against last year, per kind, as the server computed it.
(function () {
  if (!window.echarts) return;
  document.querySelectorAll(".energy-chart").forEach(function (el) {
    var chart = echarts.init(el, null, { renderer: "svg" });
    var d = el.dataset;
    chart.setOption({
      tooltip: { trigger: "axis" },
      legend: { top: 0 },
      grid: { left: 10, right: 10, top: 40, bottom: 10, containLabel: true },
      xAxis: { type: "category", data: JSON.parse(d.months), axisLabel: { interval: 0, rotate: 45 } },
      yAxis: { type: "value" },
      series: [
        { name: d.labelLast, type: "bar", data: JSON.parse(d.last) },
        { name: d.labelNow, type: "bar", data: JSON.parse(d.now) }
      ]
    });
    window.addEventListener("resize", function () { chart.resize(); });
  });
})();
