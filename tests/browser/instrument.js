// Test instrumentation, added by tests/browser/conftest.py to every document
// the test browser opens, after axe-core (vendor/axe.min.js). Never served.
//
// In the top frame of an HTML document it runs axe-core after the
// DOMContentLoaded event and after every htmx swap (`htmx:afterSettle`), and
// reports to the test through console.debug messages starting with
// REPORT_PREFIX (both placeholders are filled in by support.init_script):
//   hello {doc, url, html}  a new document
//   busy  {doc}             a check is scheduled or running
//   done  {doc, run, url, reason, violations}
//   idle  {doc}             nothing scheduled or running
// `window.__voneinanderAxe.check()` waits for running checks and then checks
// the current state (or returns the last result if the markup is unchanged).
// Playwright adds this script through the DevTools protocol, so the page's
// Content Security Policy does not apply to it.
(() => {
  "use strict";
  if (window.top !== window || window.__voneinanderAxe) {
    return;
  }
  const REPORT_PREFIX = __REPORT_PREFIX__;
  const TAGS = __AXE_TAGS__;
  const doc = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
  const isHtml = document.contentType === "text/html";
  let runs = 0;
  let active = null; // Promise of the running check
  let scheduled = false;
  let pending = 0; // checks waiting or running
  let last = null; // {html, result}

  const report = (kind, data) => {
    console.debug(REPORT_PREFIX + JSON.stringify({kind, doc, ...data}));
  };

  const runOnce = async (reason) => {
    const run = ++runs;
    const html = document.documentElement.outerHTML;
    let result;
    try {
      const results = await window.axe.run(document, {
        runOnly: {type: "tag", values: TAGS},
        resultTypes: ["violations"],
      });
      result = {
        doc,
        run,
        url: location.href,
        reason,
        violations: results.violations.map((v) => ({
          id: v.id,
          impact: v.impact,
          help: v.help,
          helpUrl: v.helpUrl,
          targets: v.nodes.map((n) => n.target.join(" ")),
        })),
      };
    } catch (error) {
      result = {doc, run, url: location.href, reason, error: String(error)};
    }
    last = {html, result};
    report("done", result);
    return result;
  };

  const idle = async () => {
    while (active || scheduled || pending) {
      if (active) {
        await active;
      } else {
        await new Promise((resolve) => setTimeout(resolve, 0));
      }
    }
  };

  // Runs one check after any running one; reports "idle" when none is left.
  const runNext = async (reason) => {
    pending += 1;
    while (active) {
      await active;
    }
    const mine = runOnce(reason);
    active = mine;
    const result = await mine;
    if (active === mine) {
      active = null;
    }
    pending -= 1;
    if (pending === 0 && !scheduled) {
      report("idle", {});
    }
    return result;
  };

  const schedule = (reason) => {
    if (!isHtml || scheduled) {
      return;
    }
    scheduled = true;
    report("busy", {});
    setTimeout(() => {
      scheduled = false;
      runNext(reason);
    }, 0);
  };

  const check = async () => {
    await idle();
    if (last && last.html === document.documentElement.outerHTML) {
      return last.result;
    }
    report("busy", {});
    return runNext("check_a11y");
  };

  window.__voneinanderAxe = {doc, check, idle};
  report("hello", {url: location.href, html: isHtml});
  // At DOMContentLoaded the stylesheets have been applied (our pages have
  // deferred scripts, which wait for them); waiting for `load` (images,
  // fonts) would leave documents unchecked that a quick test leaves earlier.
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", () => schedule("page load"));
  } else {
    schedule("page load");
  }
  window.addEventListener("pageshow", (event) => {
    if (event.persisted) {
      report("hello", {url: location.href, html: isHtml});
      schedule("pageshow");
    }
  });
  document.addEventListener("htmx:afterSettle", () => schedule("htmx:afterSettle"));
})();
