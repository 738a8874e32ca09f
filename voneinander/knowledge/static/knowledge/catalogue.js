// Solutions catalogue: after htmx replaced the results because a page link was
// followed, move focus to the results heading so that keyboard and screen
// reader users continue at the top of the new page (the link they used is gone).
document.body.addEventListener("htmx:afterSettle", (event) => {
  const source = event.detail.requestConfig && event.detail.requestConfig.elt;
  if (!source || !source.closest || !source.closest("[data-directory-pagination]")) {
    return;
  }
  const results = document.getElementById("catalogue-results");
  const heading = document.getElementById("results-heading");
  if (results && heading && results.contains(heading)) {
    heading.focus();
  }
});
