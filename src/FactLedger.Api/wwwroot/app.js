// Shared helpers for FactLedger's pages. Every text from the API goes in through textContent, never as HTML.
"use strict";

const FL = (() => {
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (name === "class") node.className = value;
      else if (name === "text") node.textContent = value;
      else node.setAttribute(name, value);
    }
    for (const child of children) {
      if (child === null || child === undefined) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  async function api(url) {
    const response = await fetch(url, { headers: { Accept: "application/json" } });
    const body = await response.json().catch(() => ({}));
    if (!response.ok) throw new Error(body.detail || body.title || `${response.status} ${response.statusText}`);
    return body;
  }

  // The editor's key, typed once and kept for this tab only (sessionStorage), never in the page's address.
  const keyName = "factledger-editor-key";
  function editorKey() { return sessionStorage.getItem(keyName) || ""; }
  function setEditorKey(key) { if (key) sessionStorage.setItem(keyName, key); else sessionStorage.removeItem(keyName); }

  // A write with the editor's key; a problem details answer becomes an Error carrying its field errors.
  async function post(url, body) {
    const response = await fetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json", "X-Api-Key": editorKey() },
      body: JSON.stringify(body ?? {}),
    });
    const answer = await response.json().catch(() => ({}));
    if (!response.ok) {
      const fields = Object.entries(answer.errors || {}).map(([f, m]) => `${f}: ${[].concat(m).join(" ")}`);
      const message = [answer.detail || answer.title || `${response.status} ${response.statusText}`, ...fields];
      throw Object.assign(new Error(message.join(" — ")), { status: response.status });
    }
    return answer;
  }

  const numberFormat = new Intl.NumberFormat("en");
  function fmt(value) {
    if (value === null || value === undefined) return "—";
    return typeof value === "number" ? numberFormat.format(value) : String(value);
  }
  function fmtLow(value) { return value === null || value === undefined ? "open" : fmt(value); }

  function when(iso) {
    if (!iso) return "";
    const d = new Date(iso);
    return d.toISOString().replace("T", " ").slice(0, 16) + " UTC";
  }

  // An estimate as the sources worded it, in the chosen language when the API worded it so; the machine values
  // (low, best, high) on hover, as they are for ordering and comparing, not statements.
  function estimateText(e, language) {
    const words = (e.wording && (e.wording[language] || e.wording.en)) || "—";
    const wordLang = e.wording && e.wording[language] ? language : "en";
    const stated = e.reading && e.reading.bestStated ? " (stated)" : " (not stated by any source)";
    return el("span", { lang: wordLang, dir: rtl.has(wordLang) ? "rtl" : "auto", class: "wording", text: words,
      title: `machine values: low ${fmt(e.low)}, best ${fmt(e.best)}${stated}, high ${fmt(e.high)}` });
  }

  function badge(status) { return el("span", { class: `status ${status}`, text: status }); }

  // Right-to-left scripts get dir=rtl; everything else lets the browser decide.
  const rtl = new Set(["ar", "fa", "he", "ur", "ps", "ku", "yi"]);
  function textIn(lang, text, tag = "span") {
    return el(tag, { lang, dir: rtl.has((lang || "").split("-")[0]) ? "rtl" : "auto", text });
  }

  // Follows the live feed (server-sent events): calls onChange with each change, and says in statusEl whether the
  // page is live or behind. EventSource reconnects by itself and resumes with Last-Event-ID, so nothing is missed.
  function follow(url, onChange, statusEl) {
    const source = new EventSource(url);
    const say = (text, state) => {
      if (!statusEl) return;
      statusEl.textContent = text;
      statusEl.dataset.state = state;
    };
    say("connecting to the live feed…", "connecting");
    source.addEventListener("open", () => say("live: changes appear as they are recorded", "live"));
    source.addEventListener("error", () => say(source.readyState === EventSource.CLOSED
      ? "live feed closed: reload the page to follow changes"
      : "connection lost, reconnecting: what you see may be behind", "behind"));
    source.addEventListener("figure-changed", event => {
      try { onChange(JSON.parse(event.data)); } catch (e) { showError(e); }
    });
    return source;
  }

  function showError(error) {
    const main = document.querySelector("main");
    main.prepend(el("p", { class: "error", role: "alert", text: `Could not load: ${error.message}` }));
  }

  return { el, api, post, follow, editorKey, setEditorKey, fmt, fmtLow, when, badge, textIn, rtl, showError, estimateText };
})();
