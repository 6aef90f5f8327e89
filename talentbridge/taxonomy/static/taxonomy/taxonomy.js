// Taxonomy search page: choosing a suggestion opens that concept.
"use strict";
document.addEventListener("suggest:chosen", function (e) {
  const form = e.target.closest("form[data-open-concept]");
  if (!form || !e.detail || !e.detail.uri) return;
  window.location.href = form.dataset.openConcept + "?uri=" + encodeURIComponent(e.detail.uri);
});
