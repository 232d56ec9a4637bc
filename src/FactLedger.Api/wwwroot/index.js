"use strict";
(() => {
  const { el, api, when, badge, textIn, estimateText } = FL;
  const form = document.getElementById("filters");
  const story = document.getElementById("story");
  const lang = document.getElementById("lang");
  const status = document.getElementById("status");
  const q = document.getElementById("q");
  const sort = document.getElementById("sort");
  const body = document.querySelector("#figures tbody");
  const summary = document.getElementById("summary");
  const params = new URLSearchParams(location.search);

  async function init() {
    const stories = await api("/api/stories");
    for (const s of stories.items) story.append(el("option", { value: s.story, text: `${s.story} (${s.figures})` }));
    story.value = params.get("story") || (stories.items[0] && stories.items[0].story) || "";
    lang.value = params.get("lang") || "en";
    status.value = params.get("status") || "";
    q.value = params.get("q") || "";
    sort.value = params.get("sort") || "key";
    await load();
    followStory();
    story.addEventListener("change", followStory);
  }

  // The table follows the chosen story: each change reloads it (a change can move a figure's place).
  let live = null;
  function followStory() {
    live?.close();
    if (!story.value) return;
    live = FL.follow(`/api/stream?story=${encodeURIComponent(story.value)}`, () => load().catch(FL.showError),
      document.getElementById("live"));
  }

  async function load() {
    const query = new URLSearchParams({ pageSize: "500" });
    if (story.value) query.set("story", story.value);
    if (status.value) query.set("status", status.value);
    if (q.value.trim()) query.set("q", q.value.trim());
    if (sort.value !== "key") query.set("sort", sort.value);
    const shown = new URLSearchParams({ story: story.value, lang: lang.value });
    if (status.value) shown.set("status", status.value);
    if (q.value.trim()) shown.set("q", q.value.trim());
    if (sort.value !== "key") shown.set("sort", sort.value);
    history.replaceState(null, "", `?${shown}`);

    const page = await api(`/api/figures?${query}`);
    body.replaceChildren(...page.items.map(row));
    const conflicting = page.items.filter(f => f.estimate.status === "conflicting").length;
    summary.textContent = `${page.total} figure${page.total === 1 ? "" : "s"}` + (conflicting ? `, ${conflicting} conflicting` : "");
  }

  function row(figure) {
    const language = figure.labels[lang.value] ? lang.value : (figure.labels.en ? "en" : Object.keys(figure.labels)[0]);
    const label = el("a", { href: `/figures/${encodeURIComponent(figure.key)}?lang=${lang.value}` }, textIn(language, figure.labels[language] || figure.key));
    const e = figure.estimate;
    return el("tr", { class: e.status, "data-key": figure.key },
      el("td", {}, label, el("div", { class: "muted mono", text: figure.key })),
      el("td", { class: "estimate-cell" }, el("b", {}, estimateText(e, lang.value))),
      el("td", {}, badge(e.status)),
      el("td", { class: "num", text: String(e.origins) }),
      el("td", { text: when(figure.latestReportAt) || "—" }),
      el("td", { class: "muted", text: when(figure.lastChangedAt) }));
  }

  let timer;
  form.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(() => load().catch(FL.showError), 250); });
  form.addEventListener("submit", e => { e.preventDefault(); load().catch(FL.showError); });
  init().catch(FL.showError);
})();
