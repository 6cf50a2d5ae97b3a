// The value dashboard's charts (Apache ECharts), drawn from the figures the page carries in
// #value-data. Nothing is computed here but positions and labels: every number comes from the
// server, where the tables under the charts are made from the same figures. Each chart container
// gets data-rendered="true" once ECharts has finished drawing it (tests and screenshots wait for it).
(function () {
  'use strict';
  var source = document.getElementById('value-data');
  if (!source || typeof echarts === 'undefined') { return; }
  var data = JSON.parse(source.textContent);
  var L = data.labels;
  var charts = [];

  function pct(x) { return (x * 100).toFixed(1) + '%'; }
  function points(x) { return (x * 100).toFixed(1); }
  function num(x) { return x.toFixed(2); }
  function interval(lower, upper, format) { return '[' + format(lower) + ', ' + format(upper) + ']'; }
  // Tooltips are HTML, and group names can be free text from patients' records (a visit reason's
  // text): escape every name put into one.
  var esc = echarts.format.encodeHTML;

  function chart(id, option) {
    var el = document.getElementById(id);
    if (!el) { return null; }
    var c = echarts.init(el);
    c.on('finished', function () { el.setAttribute('data-rendered', 'true'); });
    c.setOption(option);
    charts.push(c);
    return c;
  }

  // Vertical error bars over grouped bars, as in ECharts' error-bar example: a custom series whose
  // items are [category index, lower, upper], placed over bar `index` of `count` in each category
  // with the same gaps the bar series use.
  var BAR_GAP = '30%';
  var CATEGORY_GAP = '20%';
  function verticalErrorBar(index, count) {
    return function (params, api) {
      var layout = api.barLayout({ barGap: BAR_GAP, barCategoryGap: CATEGORY_GAP, count: count });
      var x = api.value(0);
      var low = api.coord([x, api.value(1)]);
      var high = api.coord([x, api.value(2)]);
      var centre = low[0] + layout[index].offsetCenter;
      var half = Math.max(2, layout[index].width * 0.25);
      var style = { stroke: '#1d2733', lineWidth: 1.2 };
      return {
        type: 'group',
        children: [
          { type: 'line', shape: { x1: centre - half, y1: high[1], x2: centre + half, y2: high[1] }, style: style },
          { type: 'line', shape: { x1: centre, y1: high[1], x2: centre, y2: low[1] }, style: style },
          { type: 'line', shape: { x1: centre - half, y1: low[1], x2: centre + half, y2: low[1] }, style: style }
        ]
      };
    };
  }

  // Horizontal error bars of a forest plot: items are [lower, upper, category index].
  function horizontalErrorBar(params, api) {
    var y = api.value(2);
    var left = api.coord([api.value(0), y]);
    var right = api.coord([api.value(1), y]);
    var half = api.size([0, 1])[1] * 0.15;
    var style = { stroke: api.visual('color'), lineWidth: 1.5 };
    return {
      type: 'group',
      children: [
        { type: 'line', shape: { x1: left[0], y1: left[1] - half, x2: left[0], y2: left[1] + half }, style: style },
        { type: 'line', shape: { x1: left[0], y1: left[1], x2: right[0], y2: right[1] }, style: style },
        { type: 'line', shape: { x1: right[0], y1: right[1] - half, x2: right[0], y2: right[1] + half }, style: style }
      ]
    };
  }

  function funnel() {
    var f = data.funnel;
    var series = [];
    f.groups.forEach(function (g, i) {
      series.push({
        id: 'funnel-' + g.name,
        name: g.label,
        type: 'bar',
        barGap: BAR_GAP,
        barCategoryGap: CATEGORY_GAP,
        data: g.stages.map(function (s) { return s.share; })
      });
      series.push({
        id: 'funnel-interval-' + g.name,
        name: g.label,
        type: 'custom',
        renderItem: verticalErrorBar(i, f.groups.length),
        data: g.stages.map(function (s, k) { return [k, s.lower, s.upper]; }),
        encode: { x: 0, y: [1, 2] },
        tooltip: { show: false },
        z: 10
      });
    });
    chart('funnel-chart', {
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        formatter: function (items) {
          var lines = [];
          items.filter(function (it) { return it.seriesType === 'bar'; }).forEach(function (it) {
            var s = f.groups[Math.floor(it.seriesIndex / 2)].stages[it.dataIndex];
            lines.push(it.marker + esc(it.seriesName) + ': ' + s.count + ' · ' + pct(s.share) + ' '
              + interval(s.lower, s.upper, pct));
          });
          return (items.length ? esc(items[0].axisValueLabel) + '<br>' : '') + lines.join('<br>');
        }
      },
      legend: { top: 0, type: 'scroll' },
      grid: { left: 64, right: 16, top: 40, bottom: 44 },
      xAxis: { type: 'category', data: f.stageLabels, axisLabel: { interval: 0 }, name: L.stage, nameLocation: 'middle', nameGap: 28 },
      yAxis: {
        type: 'value', min: 0, max: 1, name: L.shareOfIssued, nameLocation: 'middle', nameGap: 44,
        axisLabel: { formatter: function (v) { return Math.round(v * 100) + '%'; } }
      },
      series: series
    });
  }

  function uplift() {
    var u = data.uplift;
    var rules = u.rules.filter(function (r) { return r.difference !== null; });
    function colour(r) { return r.effective ? '#0b6e4f' : (r.includesZero ? '#8a949e' : '#b3261e'); }
    var labels = rules.map(function (r) { return r.label; });
    chart('uplift-chart', {
      tooltip: {
        trigger: 'item',
        formatter: function (it) {
          var r = rules[it.dataIndex];
          return '<b>' + esc(r.label) + '</b>' + (r.title ? '<br>' + esc(r.title) : '')
            + '<br>' + L.notified + ': ' + r.notifiedCompleted + '/' + r.notified + ' (' + pct(r.notifiedRate) + ')'
            + '<br>' + L.heldOut + ': ' + r.heldOutCompleted + '/' + r.heldOut + ' (' + pct(r.heldOutRate) + ')'
            + '<br>' + points(r.difference) + ' ' + interval(r.lower, r.upper, points)
            + '<br>' + (r.effective ? L.effective : (r.includesZero ? L.includesZero : L.harmful));
        }
      },
      grid: { left: 16, right: 24, top: 32, bottom: 48, containLabel: true },
      xAxis: {
        type: 'value', name: L.difference, nameLocation: 'middle', nameGap: 28,
        axisLabel: { formatter: function (v) { return Math.round(v * 100); } }
      },
      yAxis: { type: 'category', data: labels, inverse: true, axisTick: { show: false } },
      series: [
        {
          id: 'uplift-interval',
          type: 'custom',
          renderItem: horizontalErrorBar,
          data: rules.map(function (r, i) {
            return { value: [r.lower, r.upper, i], itemStyle: { color: colour(r) } };
          }),
          encode: { x: [0, 1], y: 2 },
          tooltip: { show: false },
          z: 2
        },
        {
          id: 'uplift-point',
          type: 'scatter',
          symbol: 'diamond',
          symbolSize: 14,
          data: rules.map(function (r) {
            return {
              value: [r.difference, r.label],
              // Not shown to make a difference: hollow, grey, and said so in the label.
              itemStyle: r.includesZero
                ? { color: '#fff', borderColor: colour(r), borderWidth: 2 }
                : { color: colour(r) },
              label: { show: r.includesZero, position: 'top', formatter: L.includesZero, color: '#5b6672' }
            };
          }),
          markLine: {
            silent: true,
            symbol: 'none',
            lineStyle: { color: '#1d2733', type: 'solid' },
            label: { formatter: L.zero, position: 'start' },
            data: [{ xAxis: 0 }]
          },
          z: 3
        }
      ]
    });
  }

  function closure() {
    var c = data.closure;
    function median(g) {
      if (g.median === null) { return L.noMedian; }
      return L.median + ' ' + g.median + ' ' + L.daysUnit + ' [' + g.medianLower + ', '
        + (g.medianUpper === null ? '∞' : g.medianUpper) + ']';
    }
    var series = c.groups.map(function (g, i) {
      var s = {
        id: 'closure-' + g.name,
        name: g.label + ' · ' + median(g),
        type: 'line',
        step: 'end',
        showSymbol: false,
        data: g.curve,
        encode: { x: 0, y: 1 }
      };
      if (i === 0) {
        s.markLine = {
          silent: true,
          symbol: 'none',
          lineStyle: { color: '#d5dbe1', type: 'dashed' },
          label: { formatter: '{c} ' + L.daysUnit },
          data: c.horizons.map(function (h) { return { xAxis: h }; })
        };
      }
      return s;
    });
    chart('closure-chart', {
      tooltip: {
        trigger: 'axis',
        formatter: function (items) {
          return items.map(function (it) {
            var v = it.value;
            return it.marker + esc(it.seriesName) + '<br>' + v[0] + ' ' + L.daysUnit + ': ' + pct(v[1]) + ' '
              + interval(v[2], v[3], pct);
          }).join('<br>');
        }
      },
      legend: { top: 0, type: 'scroll' },
      grid: { left: 64, right: 24, top: 48, bottom: 44 },
      xAxis: { type: 'value', min: 0, name: L.days, nameLocation: 'middle', nameGap: 28 },
      yAxis: {
        type: 'value', min: 0, max: 1, name: L.completed, nameLocation: 'middle', nameGap: 44,
        axisLabel: { formatter: function (v) { return Math.round(v * 100) + '%'; } }
      },
      series: series
    });
  }

  function path() {
    var p = data.path;
    if (!p.fitted) { return; }
    function edge(symbol, e) { return symbol + ' = ' + num(e.estimate) + ' ' + interval(e.lower, e.upper, num); }
    var node = { symbol: 'roundRect', symbolSize: [170, 52], itemStyle: { color: '#e7f1ed', borderColor: '#0b6e4f', borderWidth: 1.5 } };
    function at(name, x, y) { return Object.assign({ name: name, x: x, y: y }, node); }
    var indirect = L.indirect + ' = ' + num(p.indirect.estimate) + ' '
      + interval(p.indirect.lower, p.indirect.upper, num) + ' (' + L.bootstrap.replace('{0}', p.resamples) + ')';
    var moderation = L.interaction + ': ' + (p.interaction === null ? L.noInteraction
      : num(p.interaction.estimate) + ' ' + interval(p.interaction.lower, p.interaction.upper, num));
    chart('path-chart', {
      tooltip: { show: false },
      graphic: [
        { type: 'text', id: 'path-indirect', left: 'center', bottom: 30, style: { text: indirect, fontSize: 13, fill: '#1d2733' } },
        { type: 'text', id: 'path-interaction', left: 'center', bottom: 8, style: { text: moderation, fontSize: 13, fill: '#1d2733' } }
      ],
      series: [{
        id: 'path',
        type: 'graph',
        layout: 'none',
        top: 56,
        bottom: 96,
        left: 100,
        right: 100,
        label: { show: true, color: '#1d2733', fontSize: 13 },
        edgeSymbol: ['none', 'arrow'],
        edgeSymbolSize: 10,
        edgeLabel: { show: true, fontSize: 12, color: '#1d2733', formatter: function (e) { return e.data.text; } },
        lineStyle: { color: '#1d2733', width: 1.5, opacity: 0.9 },
        data: [at(L.ability, 0, 200), at(L.behaviour, 300, 0), at(L.value, 600, 200)],
        links: [
          { source: 0, target: 1, value: p.a.estimate, text: edge('a', p.a) },
          { source: 1, target: 2, value: p.b.estimate, text: edge('b', p.b) },
          { source: 0, target: 2, value: p.cPrime.estimate, text: edge('c′', p.cPrime) + '  (c = ' + num(p.c.estimate) + ')' }
        ]
      }]
    });
  }

  funnel();
  uplift();
  closure();
  path();
  window.addEventListener('resize', function () { charts.forEach(function (c) { c.resize(); }); });
})();
