"use strict";
(() => {
  const { el, api, fmt, when, badge, textIn, estimateText } = FL;
  const key = decodeURIComponent(location.pathname.split("/").pop());
  const params = new URLSearchParams(location.search);
  const lang = params.get("lang") || "en";
  const asOfInput = document.getElementById("asof");
  const svgNs = "http://www.w3.org/2000/svg";
  const palette = ["#1f5fa8", "#c2410c", "#2e7d32", "#7b1fa2", "#00838f", "#ad1457", "#5d4037", "#455a64"];

  const isDate = kind => kind === "date";
  const toNumber = (v, kind) => v === null || v === undefined ? null : isDate(kind) ? Date.parse(v + "T00:00:00Z") / 86400000 : v;
  const fromNumber = (n, kind) => isDate(kind) ? new Date(n * 86400000).toISOString().slice(0, 10) : fmt(Math.round(n));

  async function load() {
    const asOf = asOfInput.value ? new Date(asOfInput.value + "Z").toISOString() : null;
    const query = asOf ? `?asOf=${encodeURIComponent(asOf)}` : "";
    const [figure, timeline] = await Promise.all([
      api(`/api/figures/${encodeURIComponent(key)}${query}`),
      api(`/api/figures/${encodeURIComponent(key)}/timeline`),
    ]);
    const points = asOf ? timeline.points.filter(p => p.publishedAt <= asOf || Date.parse(p.publishedAt) <= Date.parse(asOf)) : timeline.points;
    render(figure, points, asOf);
  }

  function render(figure, points, asOf) {
    const language = figure.labels[lang] ? lang : (figure.labels.en ? "en" : Object.keys(figure.labels)[0]);
    const title = document.getElementById("title");
    title.replaceChildren(textIn(language, figure.labels[language] || figure.key));
    document.title = `FactLedger — ${figure.labels[language] || figure.key}`;
    document.getElementById("key").textContent = `${figure.key} · ${figure.kind}${figure.cumulative ? " · cumulative" : ""}`;
    document.getElementById("asof-note").textContent = asOf ? `showing claims published by ${when(asOf)}` : "showing every claim";

    const e = figure.estimate;
    document.getElementById("estimate").replaceChildren(
      el("div", {}, "Estimate", el("b", { id: "wording" }, estimateText(e, language))),
      el("div", {}, "Status", el("b", {}, badge(e.status))),
      el("div", { title: (figure.originGroups || []).map(g => g.described).join("\n") }, "Independent origins",
        el("b", { text: String(e.origins) })),
      el("div", {}, "Latest report", el("b", { text: when(figure.latestReportAt) || "—" })),
      el("div", { class: "muted" }, "Recorded", el("b", { text: when(figure.lastChangedAt) })));

    const origins = [...new Set(figure.claims.map(c => c.origin))];
    const colour = origin => palette[origins.indexOf(origin) % palette.length];
    drawChart(figure.kind, points, colour);
    document.getElementById("legend").replaceChildren(
      ...origins.map(o => el("span", {}, el("i", { style: `background:${colour(o)}` }), o)),
      el("span", {}, "— reconciled estimate where a source stated it (step line); " +
        "bars: the interval each report allows; arrows: open ends"));

    const byId = new Map(figure.claims.map(c => [c.id, c]));
    document.querySelector("#claims tbody").replaceChildren(...figure.claims.map(c => el("tr", { "data-claim": c.id, class: c.status },
      el("td", { text: when(c.publishedAt) }),
      el("td", {}, el("a", { href: `/sources/${encodeURIComponent(c.source)}` , text: c.source })),
      el("td", {}, c.outlet ? textIn("", c.outlet) : el("span", { class: "muted", text: "unnamed outlet" })),
      el("td", {}, el("i", { style: `background:${colour(c.origin)};display:inline-block;width:.6rem;height:.6rem;border-radius:50%;margin-inline-end:.3rem` }), textIn("", c.origin),
        c.via && c.via.length
          ? el("div", { class: "muted", text: `via ${[...c.via].reverse().join(" via ")}` }) : null),
      el("td", {}, el("span", { dir: "ltr", text: c.wording }), c.originalValue ? el("div", { class: "muted", text: `was: ${c.originalValue.qualifier} ${c.originalValue.value ?? ""}` }) : null),
      el("td", { class: "quote" }, textIn(c.language || "", c.quote, "q"),
        c.note ? el("div", { class: "muted", text: c.note }) : null),
      el("td", {}, badge(c.status),
        c.supersededBy ? el("div", { class: "muted" }, "by ", el("span", { class: "mono", text: c.supersededBy }),
          byId.get(c.supersededBy) ? ` (${byId.get(c.supersededBy).wording})` : "") : null,
        c.retraction ? el("div", { class: "muted", text: `retracted: ${c.retraction.reason}` }) : null))));
  }

  function drawChart(kind, points, colour) {
    const svg = document.getElementById("chart");
    const width = svg.clientWidth || 900, height = svg.clientHeight || 340;
    const pad = { left: 80, right: 20, top: 20, bottom: 40 };
    svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
    svg.replaceChildren();
    const add = (tag, attrs, text) => {
      const node = document.createElementNS(svgNs, tag);
      for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
      if (text !== undefined) node.textContent = text;
      svg.append(node);
      return node;
    };
    if (points.length === 0) {
      add("text", { x: width / 2, y: height / 2, "text-anchor": "middle", fill: "#5f6b76" }, "No reports published by then.");
      return;
    }
    const times = points.map(p => Date.parse(p.publishedAt));
    let [t0, t1] = [Math.min(...times), Math.max(...times)];
    if (t1 - t0 < 3600e3) { t0 -= 12 * 3600e3; t1 += 12 * 3600e3; }
    const span = t1 - t0; t0 -= span * 0.05; t1 += span * 0.1;
    const values = points.flatMap(p => [toNumber(p.low, kind), toNumber(p.high, kind), toNumber(p.estimateAfter.best, kind)]).filter(v => v !== null);
    let [v0, v1] = [Math.min(...values), Math.max(...values)];
    if (!isDate(kind) && v0 >= 0 && v0 < (v1 - v0) * 2) v0 = 0;
    if (v1 - v0 < 1) { v0 -= isDate(kind) ? 2 : 1; v1 += isDate(kind) ? 2 : 1; }
    const vs = v1 - v0; v1 += vs * 0.15; v0 = isDate(kind) || v0 > 0 ? v0 - vs * 0.1 : v0;
    const x = t => pad.left + (t - t0) / (t1 - t0) * (width - pad.left - pad.right);
    const y = v => height - pad.bottom - (v - v0) / (v1 - v0) * (height - pad.top - pad.bottom);
    const top = pad.top, bottom = height - pad.bottom;

    // Axes and ticks.
    add("line", { x1: pad.left, y1: bottom, x2: width - pad.right, y2: bottom, stroke: "#9aa5b1" });
    add("line", { x1: pad.left, y1: top, x2: pad.left, y2: bottom, stroke: "#9aa5b1" });
    // Whole-number ticks (counts, or days) at a 1-2-5 step.
    const raw = Math.max((v1 - v0) / 5, 1), magnitude = 10 ** Math.floor(Math.log10(raw));
    const step = [1, 2, 5, 10].map(m => m * magnitude).find(s => s >= raw);
    for (let v = Math.ceil(v0 / step) * step; v <= v1; v += step) {
      add("line", { x1: pad.left, y1: y(v), x2: width - pad.right, y2: y(v), stroke: "#eef1f4" });
      add("text", { x: pad.left - 6, y: y(v) + 4, "text-anchor": "end", "font-size": 11, fill: "#5f6b76" }, fromNumber(v, kind));
    }
    for (let i = 0; i <= 4; i++) {
      const t = t0 + (t1 - t0) * i / 4;
      add("text", { x: x(t), y: bottom + 18, "text-anchor": "middle", "font-size": 11, fill: "#5f6b76" }, new Date(t).toISOString().slice(0, 16).replace("T", " "));
    }

    // The reconciled best estimate after each report, as a step line, only where a source stated that value: a
    // bound or a vague range is shown by the bars, not as a point.
    let path = "";
    points.forEach((p, i) => {
      const best = toNumber(p.estimateAfter.best, kind);
      if (best === null || !(p.estimateAfter.reading && p.estimateAfter.reading.bestStated)) return;
      const xs = x(times[i]), xe = i + 1 < points.length ? x(times[i + 1]) : width - pad.right;
      path += `${path ? "L" : "M"}${xs},${y(best)} L${xe},${y(best)} `;
    });
    if (path) add("path", { d: path, fill: "none", stroke: "#1d232a", "stroke-width": 2, "stroke-dasharray": "6 3", class: "estimate-line" });

    // Each report: its interval as a bar (arrow heads for open ends) and a dot.
    points.forEach((p, i) => {
      const cx = x(times[i]) + (i > 0 && times[i] === times[i - 1] ? 6 : 0);
      const low = toNumber(p.low, kind), high = toNumber(p.high, kind), c = colour(p.origin);
      const yLow = low === null ? bottom : y(low), yHigh = high === null ? top : y(high);
      add("line", { x1: cx, y1: yLow, x2: cx, y2: yHigh, stroke: c, "stroke-width": 3, opacity: p.status === "superseded" || p.status === "retracted" ? 0.35 : 0.8 });
      if (high === null) add("path", { d: `M${cx - 5},${top + 8} L${cx},${top} L${cx + 5},${top + 8}`, fill: "none", stroke: c, "stroke-width": 2 });
      if (low === null) add("path", { d: `M${cx - 5},${bottom - 8} L${cx},${bottom} L${cx + 5},${bottom - 8}`, fill: "none", stroke: c, "stroke-width": 2 });
      const at = low !== null && high !== null ? (low + high) / 2 : (low ?? high);
      const dot = add("circle", { cx, cy: y(at), r: 6, fill: p.status === "retracted" ? "#fff" : c, stroke: c, "stroke-width": 2, class: "report", "data-claim": p.claimId });
      const tip = document.createElementNS(svgNs, "title");
      tip.textContent = `${p.origin}: ${p.wording} (${p.status}) — ${when(p.publishedAt)}`;
      dot.append(tip);
    });
  }

  document.getElementById("asof-form").addEventListener("submit", e => { e.preventDefault(); load().catch(FL.showError); });
  document.getElementById("now").addEventListener("click", () => { asOfInput.value = ""; load().catch(FL.showError); });
  if (params.get("asOf")) asOfInput.value = params.get("asOf").slice(0, 16);
  load().catch(FL.showError);
  // A figure shown as it is now follows its changes; shown as it was (asOf), it stays as it was.
  FL.follow(`/api/stream?figure=${encodeURIComponent(key)}`, () => {
    if (!asOfInput.value) load().catch(FL.showError);
  }, document.getElementById("live"));
})();
