// Survey results: one chart per question, drawn from the counts the server computed from the answers —
// choice counts for single and multiple choice, the 1–5 distribution for a scale, and 0–10 for NPS
// coloured as detractors (0–6), passives (7–8) and promoters (9–10).
(function () {
  if (!window.echarts) return;
  var charts = [];
  document.querySelectorAll(".survey-chart").forEach(function (el) {
    var d = el.dataset;
    var counts = JSON.parse(d.counts);
    var nps = d.kind === "Nps";
    var chart = echarts.init(el, null, { renderer: "svg" });
    chart.setOption({
      tooltip: { trigger: "axis" },
      grid: { left: 10, right: 10, top: 20, bottom: 10, containLabel: true },
      xAxis: { type: "category", data: JSON.parse(d.labels), axisLabel: { interval: 0, hideOverlap: true } },
      yAxis: { type: "value", minInterval: 1 },
      series: [{
        name: d.labelCount, type: "bar", label: { show: true, position: "top" },
        data: counts.map(function (v, i) {
          if (!nps) return v;
          return { value: v, itemStyle: { color: i <= 6 ? "#d63939" : i <= 8 ? "#a0a4ab" : "#2fb344" } };
        })
      }]
    });
    charts.push(chart);
  });
  window.addEventListener("resize", function () { charts.forEach(function (c) { c.resize(); }); });
})();
