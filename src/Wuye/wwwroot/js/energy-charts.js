// Energy analysis page: the chart of the chosen view (by kind, meter, building, or the change on last year), as the server computed it.
(function () {
  if (!window.echarts) return;
  document.querySelectorAll(".energy-chart").forEach(function (el) {
    var chart = echarts.init(el, null, { renderer: "svg" });
    var d = el.dataset;
    var percent = d.view === "yoy";
    chart.setOption({
      tooltip: { trigger: "axis" },
      legend: { top: 0, type: "scroll" },
      grid: { left: 10, right: 10, top: 40, bottom: 10, containLabel: true },
      xAxis: { type: "category", data: JSON.parse(d.months), axisLabel: { interval: 0, rotate: 45 } },
      yAxis: { type: "value", axisLabel: { formatter: percent ? "{value}%" : "{value}" } },
      series: JSON.parse(d.series).map(function (s) {
        return { name: s.name, type: s.type, stack: s.stack, data: s.data, connectNulls: false };
      })
    });
    window.addEventListener("resize", function () { chart.resize(); });
  });
})();
