// Talentbridge: small progressive enhancements, no framework, served by the application.
"use strict";

// ESCO autocomplete. Markup: <input data-suggest="occupations|skills" data-target="ID">,
// where ID is a hidden input that receives the chosen concept's URI.
(function () {
  function setup(input) {
    const kind = input.dataset.suggest;
    const target = input.dataset.target ? document.getElementById(input.dataset.target) : null;
    const wrap = document.createElement("div");
    wrap.className = "autocomplete";
    input.parentNode.insertBefore(wrap, input);
    wrap.appendChild(input);
    const list = document.createElement("ul");
    list.className = "autocomplete-list";
    list.setAttribute("role", "listbox");
    list.hidden = true;
    wrap.appendChild(list);
    input.setAttribute("autocomplete", "off");
    let timer = null, active = -1, items = [], seq = 0;

    function choose(item) {
      input.value = item.label;
      if (target) { target.value = item.uri; target.dispatchEvent(new Event("change", { bubbles: true })); }
      list.hidden = true;
      input.dispatchEvent(new CustomEvent("suggest:chosen", { detail: item, bubbles: true }));
    }
    function render() {
      list.innerHTML = "";
      items.forEach(function (item, i) {
        const li = document.createElement("li");
        li.setAttribute("role", "option");
        li.dataset.uri = item.uri;
        li.textContent = item.label + (item.kind === "isco-group" ? " (ISCO)" : "");
        if (i === active) li.setAttribute("aria-selected", "true");
        li.addEventListener("mousedown", function (e) { e.preventDefault(); choose(item); });
        list.appendChild(li);
      });
      list.hidden = items.length === 0;
    }
    async function fetchSuggestions() {
      const q = input.value.trim();
      if (q.length < 2) { items = []; render(); return; }
      const mine = ++seq;
      const lang = document.documentElement.lang || "da";
      const url = "/api/taxonomy/suggest/" + encodeURIComponent(kind) + "?q=" + encodeURIComponent(q) + "&lang=" + lang + "&top=8";
      const response = await fetch(url, { credentials: "same-origin" });
      if (!response.ok || mine !== seq) return;
      const data = await response.json();
      items = data.results || [];
      active = -1;
      render();
    }
    input.addEventListener("input", function () {
      if (target) target.value = "";
      clearTimeout(timer);
      timer = setTimeout(fetchSuggestions, 120);
    });
    input.addEventListener("keydown", function (e) {
      if (list.hidden) return;
      if (e.key === "ArrowDown") { active = Math.min(active + 1, items.length - 1); render(); e.preventDefault(); }
      else if (e.key === "ArrowUp") { active = Math.max(active - 1, 0); render(); e.preventDefault(); }
      else if (e.key === "Enter" && active >= 0) { choose(items[active]); e.preventDefault(); }
      else if (e.key === "Escape") { list.hidden = true; }
    });
    input.addEventListener("blur", function () { setTimeout(function () { list.hidden = true; }, 150); });
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("input[data-suggest]").forEach(setup);
  });
})();

// Confirm buttons: <button data-confirm="Are you sure?">
document.addEventListener("click", function (e) {
  const el = e.target.closest("[data-confirm]");
  if (el && !window.confirm(el.dataset.confirm)) e.preventDefault();
});
