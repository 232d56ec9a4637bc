"use strict";
(() => {
  const { el, api, badge, textIn, when } = FL;
  const key = decodeURIComponent(location.pathname.split("/").pop());

  async function load() {
    const [source, audit] = await Promise.all([
      api(`/api/sources/${encodeURIComponent(key)}`),
      api(`/api/sources/${encodeURIComponent(key)}/claims`),
    ]);
    const title = document.getElementById("title");
    title.replaceChildren(textIn(source.language, source.title));
    document.title = `FactLedger — ${source.title}`;
    document.getElementById("meta").replaceChildren(
      `${source.outlet ?? "unnamed outlet"} · ${source.language} · published ${when(source.publishedAt)}`,
      el("div", { text: source.publishedAtNote || "" }),
      el("div", { class: "mono", text: `sha256 ${source.sha256}` }),
      ...(source.url ? [el("a", { href: source.url, rel: "noopener noreferrer", text: source.url })] : []));

    document.querySelector("#claims tbody").replaceChildren(...audit.claims.map(c => el("tr", { "data-claim": c.id },
      el("td", {}, el("a", { href: `/figures/${encodeURIComponent(c.figure)}`, text: c.figure })),
      el("td", {}, el("span", { dir: "ltr", text: c.wording })),
      el("td", {}, textIn("", c.origin || c.attributedTo || source.outlet)),
      el("td", {}, c.status ? badge(c.status) : "—", c.supersededBy ? el("div", { class: "muted mono", text: `by ${c.supersededBy}` }) : null),
      el("td", { text: c.agreesWithEstimate === null || c.agreesWithEstimate === undefined ? "—" : c.agreesWithEstimate ? "yes" : "no" }))));

    // The text with every quote highlighted in place (quotes that overlap are merged into one mark).
    const text = document.getElementById("text");
    text.setAttribute("lang", source.language);
    if (FL.rtl.has(source.language.split("-")[0])) text.setAttribute("dir", "rtl");
    const spans = audit.claims.map(c => ({ start: c.quoteOffset, end: c.quoteOffset + c.quoteLength, claim: c }))
      .filter(s => s.start >= 0 && s.end <= source.text.length).sort((a, b) => a.start - b.start || b.end - a.end);
    const merged = [];
    for (const s of spans) {
      const last = merged[merged.length - 1];
      if (last && s.start < last.end) { last.end = Math.max(last.end, s.end); last.claims.push(s.claim); }
      else merged.push({ start: s.start, end: s.end, claims: [s.claim] });
    }
    const parts = [];
    let at = 0;
    for (const m of merged) {
      parts.push(source.text.slice(at, m.start));
      const mark = el("mark", { class: m.claims.every(c => c.status === "superseded" || c.status === "retracted") ? "superseded" : "", title: m.claims.map(c => `${c.figure}: ${c.wording}`).join("\n") }, source.text.slice(m.start, m.end));
      parts.push(mark);
      at = m.end;
    }
    parts.push(source.text.slice(at));
    text.replaceChildren(...parts);
  }

  load().catch(FL.showError);
})();
