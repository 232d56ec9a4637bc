"use strict";
(() => {
  const { el, post, editorKey, setEditorKey } = FL;
  const $ = id => document.getElementById(id);
  $("key").value = editorKey();
  $("published").value = new Date().toISOString().slice(0, 19) + "Z";
  $("language").addEventListener("change", () => {
    $("text").setAttribute("dir", FL.rtl.has($("language").value) ? "rtl" : "auto");
  });

  $("add").addEventListener("submit", async event => {
    event.preventDefault();
    setEditorKey($("key").value.trim());
    const result = $("result");
    result.replaceChildren("Registering…");
    const optional = v => v.trim() === "" ? null : v.trim();
    try {
      const answer = await post("/api/sources", {
        key: $("source-key").value.trim(), outlet: optional($("outlet").value), url: optional($("url").value),
        language: $("language").value, title: $("title").value.trim(), publishedAt: $("published").value.trim(),
        text: $("text").value, propose: true, story: optional($("story").value),
      });
      const page = `/sources/${encodeURIComponent(answer.key)}#proposals`;
      result.replaceChildren(`${answer.created ? "Registered" : "Already registered"}; ${answer.proposals} proposals. `,
        el("a", { href: page, text: "Review them" }));
      location.assign(page);
    } catch (error) {
      result.replaceChildren(el("span", { class: "error", text: `Not registered: ${error.message}` }));
    }
  });
})();
