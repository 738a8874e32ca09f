// Voneinander: small progressive enhancements. Every page works without them.
// Loaded as a module from 'self' (Content-Security-Policy: no inline scripts).

// After a form was sent back with errors, move focus to the error summary so
// keyboard and screen reader users land on the list of problems.
function focusErrorSummary(root) {
  const summary = root.querySelector("[data-error-summary]");
  if (summary) {
    summary.focus();
  }
}

// The network switcher is a <details> element. Close it with Escape (focus
// goes back to its toggle) and when clicking or tabbing elsewhere.
function closeSwitchers(except) {
  for (const details of document.querySelectorAll("details[data-disclosure][open]")) {
    if (details !== except) {
      details.open = false;
    }
  }
}

document.addEventListener("keydown", (event) => {
  if (event.key !== "Escape") {
    return;
  }
  const details = event.target.closest && event.target.closest("details[data-disclosure][open]");
  if (details) {
    details.open = false;
    details.querySelector("summary").focus();
  }
});

document.addEventListener("click", (event) => {
  closeSwitchers(event.target.closest && event.target.closest("details[data-disclosure]"));
});

document.addEventListener("focusin", (event) => {
  closeSwitchers(event.target.closest && event.target.closest("details[data-disclosure]"));
});

focusErrorSummary(document);

// Content swapped in by htmx may bring its own error summary.
document.body.addEventListener("htmx:afterSettle", (event) => {
  focusErrorSummary(event.detail.elt || document);
});
