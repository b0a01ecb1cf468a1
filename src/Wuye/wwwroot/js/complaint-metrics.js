// Complaint metrics charts: complaints received per month for each group row, and the monthly
// effective-complaint and handling rates against their targets, all as the server computed them.
(function () {
  if (!window.echarts) return;
  var charts = [];
  var months = function (d) { return JSON.parse(d.months); };

  var b = document.getElementById("complaint-breakdown-chart");
  if (b) {
    var d = b.dataset;
    var chart = echarts.init(b, null, { renderer: "svg" });
    chart.setOption({
      tooltip: { trigger: "axis" },
      legend: { type: "scroll", top: 0 },
      grid: { left: 10, right: 10, top: 40, bottom: 10, containLabel: true },
      xAxis: { type: "category", data: months(d) },
      yAxis: { type: "value", minInterval: 1 },
      series: JSON.parse(d.series).map(function (s) { return { name: s.label, type: "bar", stack: "received", data: s.received }; })
    });
    charts.push(chart);
  }

  var t = document.getElementById("complaint-trend-chart");
  if (t) {
    var e = t.dataset;
    var trend = echarts.init(t, null, { renderer: "svg" });
    var pct = function (v) { return v === null || v === undefined ? "—" : v + "%"; };
    trend.setOption({
      tooltip: { trigger: "axis", valueFormatter: pct },
      legend: { top: 0 },
      grid: { left: 10, right: 10, top: 40, bottom: 10, containLabel: true },
      xAxis: { type: "category", data: months(e) },
      // Two scales: the effective rate lives near its 2 % target, the handling rate near 100 %.
      yAxis: [
        { type: "value", name: e.labelEffective, axisLabel: { formatter: "{value}%" } },
        { type: "value", name: e.labelHandling, max: 100, min: 0, axisLabel: { formatter: "{value}%" } }
      ],
      series: [
        { name: e.labelEffective, type: "line", connectNulls: false, data: JSON.parse(e.effective),
          markLine: { silent: true, symbol: "none", label: { position: "insideStartTop", formatter: e.labelEffectiveTarget }, data: [{ yAxis: Number(e.effectiveTarget) }] } },
        { name: e.labelHandling, type: "line", yAxisIndex: 1, connectNulls: false, data: JSON.parse(e.handling),
          markLine: { silent: true, symbol: "none", label: { position: "insideEndBottom", formatter: e.labelHandlingTarget }, data: [{ yAxis: Number(e.handlingTarget) }] } }
      ]
    });
    charts.push(trend);
  }
  window.addEventListener("resize", function () { charts.forEach(function (c) { c.resize(); }); });
})();
