// Voneinander: small progressive enhancements. Every page works without them.
// Loaded as a module from 'self' (Content-Security-Policy: no inline scripts).

// htmx notes the current address in sessionStorage for its history support (its
// page cache is off: historyCacheSize 0 in base.html). Nothing may stay on an
// anonymous visitor's device except a remembered video consent (docs/trust.md):
// forget the note at once; htmx then falls back to the address bar.
const HTMX_PATH_KEY = "htmx-current-path-for-history";

function forgetHtmxPath() {
  try {
    window.sessionStorage.removeItem(HTMX_PATH_KEY);
  } catch {
    // storage disabled: nothing was kept
  }
}

forgetHtmxPath();
for (const name of ["htmx:pushedIntoHistory", "htmx:replacedInHistory", "htmx:historyRestore"]) {
  document.addEventListener(name, forgetHtmxPath);
}

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

// Buttons that ask before they submit (e.g. removing an e-mail address).
document.addEventListener("click", (event) => {
  const button = event.target.closest && event.target.closest("button[data-confirm]");
  if (button && !window.confirm(button.dataset.confirm)) {
    event.preventDefault();
  }
});

// Recovery codes: a click selects all codes, ready to copy.
document.addEventListener("click", (event) => {
  if (event.target.matches && event.target.matches("textarea[data-select-on-click]")) {
    event.target.select();
  }
});

// With MFA_RECOVERY_CODES_SHOW_ONCE, warn before leaving the codes page until
// the person has ticked "I have saved my recovery codes".
const savedCheckbox = document.querySelector("input[data-warn-unsaved]");
if (savedCheckbox) {
  const warn = (event) => event.preventDefault();
  const update = () => {
    if (savedCheckbox.checked) {
      window.removeEventListener("beforeunload", warn);
    } else {
      window.addEventListener("beforeunload", warn);
    }
  };
  savedCheckbox.addEventListener("change", update);
  update();
}

// Signing out removes what this person's unsent drafts left in the browser's
// storage (the strategy workbook keeps them there while the connection is down),
// so that nobody using this browser later can read them.
document.addEventListener("submit", (event) => {
  const prefix = event.target.dataset && event.target.dataset.clearsDrafts;
  if (!prefix) {
    return;
  }
  try {
    const keys = Array.from({ length: window.localStorage.length }, (_, i) =>
      window.localStorage.key(i),
    );
    for (const key of keys) {
      if (key && key.startsWith(prefix)) {
        window.localStorage.removeItem(key);
      }
    }
  } catch {
    // storage disabled: nothing was kept
  }
});
