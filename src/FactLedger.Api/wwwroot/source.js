"use strict";
(() => {
  const { el, api, post, badge, textIn, when } = FL;
  const key = decodeURIComponent(location.pathname.split("/").pop());
  const $ = id => document.getElementById(id);
  let source;

  async function load() {
    const [loaded, audit, proposals] = await Promise.all([
      api(`/api/sources/${encodeURIComponent(key)}`),
      api(`/api/sources/${encodeURIComponent(key)}/claims`),
      api(`/api/proposals?source=${encodeURIComponent(key)}&pageSize=500`),
    ]);
    source = loaded;
    $("title").replaceChildren(textIn(source.language, source.title));
    document.title = `FactLedger — ${source.title}`;
    $("meta").replaceChildren(
      `${source.outlet ?? "unnamed outlet"} · ${source.language} · published ${when(source.publishedAt)}`,
      el("div", { text: source.publishedAtNote || "" }),
      el("div", { class: "mono", text: `sha256 ${source.sha256}` }),
      ...(source.url ? [el("a", { href: source.url, rel: "noopener noreferrer", text: source.url })] : []));

    const r = audit.trackRecord;
    $("track-record").textContent = r.claims === 0 ? "No claims recorded from this source yet." :
      `Track record (shown, not used as a weight): ${r.claims} claims — ${r.current} current, ${r.corrected} ` +
      `corrected, ${r.superseded} superseded, ${r.retracted} retracted; ${r.agreeWithEstimate} agree with the ` +
      `figure's current estimate, ${r.disagreeWithEstimate} do not.`;
    $("claims").querySelector("tbody").replaceChildren(...audit.claims.map(c => el("tr", { "data-claim": c.id },
      el("td", {}, el("a", { href: `/figures/${encodeURIComponent(c.figure)}`, text: c.figure })),
      el("td", {}, el("span", { dir: "ltr", text: c.wording })),
      el("td", {}, textIn("", c.origin || c.attributedTo || source.outlet)),
      el("td", {}, c.status ? badge(c.status) : "—", c.supersededBy ? el("div", { class: "muted mono", text: `by ${c.supersededBy}` }) : null),
      el("td", { text: c.agreesWithEstimate === null || c.agreesWithEstimate === undefined ? "—" : c.agreesWithEstimate ? "yes" : "no" }))));

    const items = [...proposals.items].sort((a, b) => a.quoteOffset - b.quoteOffset || a.valueOffset - b.valueOffset);
    if (!$("story").value) $("story").value = items.find(p => p.story)?.story ?? "";
    $("proposal-table").querySelector("tbody").replaceChildren(...items.map(proposalRow));
    showText(audit.claims, items);
  }

  function proposalRow(p) {
    const figureInput = el("input", { value: p.figure ?? p.neededFigure ?? "", "aria-label": "figure", size: 40 });
    const valueInput = el("textarea", { rows: 2, cols: 40, "aria-label": "value" });
    valueInput.value = JSON.stringify(p.value);
    const attributionInput = el("input", { value: p.attributedTo ?? "", "aria-label": "attributed to", dir: "auto" });
    const edit = el("div", { class: "proposal-edit", hidden: true },
      el("label", { class: "muted" }, "Figure ", figureInput), el("label", { class: "muted" }, "Value ", valueInput),
      el("label", { class: "muted" }, "Attributed to ", attributionInput));
    const reason = el("input", { placeholder: "why not", "aria-label": "reason", size: 14 });
    const pending = p.status === "pending";
    const edits = () => {
      if (edit.hidden) return p.figure ? {} : { figure: figureInput.value.trim() };
      return {
        figure: figureInput.value.trim() || null, value: JSON.parse(valueInput.value),
        attributedTo: attributionInput.value.trim() || null,
      };
    };
    const act = async (what, body) => {
      FL.setEditorKey($("editor-key").value.trim() || FL.editorKey());
      try {
        const answer = await post(`/api/proposals/${encodeURIComponent(p.id)}/${what}`, body());
        $("review-status").replaceChildren(what === "accept"
          ? el("span", {}, "Accepted as claim ", el("a", { href: `/figures/${encodeURIComponent(answer.figure)}`, text: answer.figure }))
          : `Rejected: ${answer.reason}`);
        await load();
      } catch (error) {
        $("review-status").replaceChildren(el("span", { class: "error", text: `Not ${what}ed: ${error.message}` }));
      }
    };
    const accept = el("button", { type: "button", class: "accept" }, "Accept");
    accept.addEventListener("click", () => act("accept", edits));
    const editButton = el("button", { type: "button", class: "edit" }, "Edit");
    editButton.addEventListener("click", () => { edit.hidden = !edit.hidden; });
    const reject = el("button", { type: "button", class: "reject" }, "Reject");
    reject.addEventListener("click", () => act("reject", () => ({ reason: reason.value.trim() })));
    const figureCell = p.figure
      ? el("a", { href: `/figures/${encodeURIComponent(p.figure)}`, text: p.figure })
      : el("span", { class: "muted", text: p.neededFigure ? `none yet (would need ${p.neededFigure})` : "none" });
    return el("tr", { "data-proposal": p.id, class: p.status },
      el("td", {}, el("span", { dir: "ltr", text: p.wording }), el("div", {}, textIn(source.language, p.quote, "q"))),
      el("td", {}, p.measure, p.subject ? el("div", {}, textIn(source.language, p.subject)) : null),
      el("td", {}, p.attributedTo ? textIn(source.language, p.attributedTo) : "—"),
      el("td", {}, figureCell),
      el("td", { class: "num", text: p.confidence.toFixed(2) }),
      el("td", {}, badge(p.status), p.claimId ? el("div", { class: "muted mono", text: p.claimId }) : null,
        p.reason ? el("div", { class: "muted", text: p.reason }) : null),
      el("td", {}, pending ? el("div", { class: "proposal-actions" }, accept, editButton, reason, reject) : "—",
        pending ? edit : null));
  }

  // The text with every claim's quote marked, and every proposal's number marked inside it.
  function showText(claims, proposals) {
    const text = $("text");
    text.setAttribute("lang", source.language);
    if (FL.rtl.has(source.language.split("-")[0])) text.setAttribute("dir", "rtl");
    const inText = (start, length) => start >= 0 && start + length <= source.text.length;
    const quotes = claims.filter(c => inText(c.quoteOffset, c.quoteLength))
      .map(c => ({ start: c.quoteOffset, end: c.quoteOffset + c.quoteLength, claim: c }));
    const numbers = proposals.filter(p => inText(p.valueOffset, p.valueLength))
      .map(p => ({ start: p.valueOffset, end: p.valueOffset + p.valueLength, proposal: p }));
    const cuts = [...new Set([0, source.text.length, ...[...quotes, ...numbers].flatMap(s => [s.start, s.end])])]
      .sort((a, b) => a - b);
    const parts = [];
    for (let i = 0; i + 1 < cuts.length; i++) {
      const [start, end] = [cuts[i], cuts[i + 1]];
      const covering = list => list.filter(s => s.start <= start && end <= s.end);
      const inQuotes = covering(quotes).map(s => s.claim);
      const inNumbers = covering(numbers).map(s => s.proposal);
      let node = source.text.slice(start, end);
      if (inNumbers.length > 0)
        node = el("mark", { class: `proposal ${inNumbers[0].status}`, "data-proposal": inNumbers[0].id,
          title: inNumbers.map(p => `proposed: ${p.wording} (${p.measure})`).join("\n") }, node);
      if (inQuotes.length > 0)
        node = el("mark", { class: inQuotes.every(c => c.status === "superseded" || c.status === "retracted") ? "superseded" : "",
          title: inQuotes.map(c => `${c.figure}: ${c.wording}`).join("\n") }, node);
      parts.push(node);
    }
    text.replaceChildren(...parts);
  }

  $("editor-key").value = FL.editorKey();
  $("editor-key").addEventListener("change", () => FL.setEditorKey($("editor-key").value.trim()));
  $("propose").addEventListener("click", async () => {
    FL.setEditorKey($("editor-key").value.trim());
    try {
      const story = $("story").value.trim();
      const answer = await post(`/api/sources/${encodeURIComponent(key)}/proposals`, story ? { story } : {});
      $("review-status").replaceChildren(`${answer.proposed} new proposals.`);
      await load();
    } catch (error) {
      $("review-status").replaceChildren(el("span", { class: "error", text: `Not proposed: ${error.message}` }));
    }
  });
  // Every write on this page needs the editor's key: ask for it where it is typed.
  document.addEventListener("click", e => {
    if (e.target.closest("button") && !FL.editorKey() && !$("editor-key").value) $("editor-key").focus();
  }, true);

  load().catch(FL.showError);
})();
