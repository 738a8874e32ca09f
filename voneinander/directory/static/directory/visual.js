// Member map: a marker and its row in the list below light up together when
// either is pointed at or focused (they share the link to the municipality).
// The map and the list work without this script.
(() => {
  const map = document.querySelector("[data-map]");
  if (!map) {
    return;
  }

  function partners(href) {
    const selector = `a[href="${CSS.escape(href)}"]`;
    const rows = [...document.querySelectorAll(`[data-map-list] ${selector}`)].map((link) =>
      link.closest("tr"),
    );
    return [...map.querySelectorAll(selector), ...rows];
  }

  function highlight(event, on) {
    const link = event.target.closest && event.target.closest("[data-map] a, [data-map-list] a");
    if (!link) {
      return;
    }
    for (const element of partners(link.getAttribute("href"))) {
      element.classList.toggle("is-highlighted", on);
    }
  }

  for (const [type, on] of [
    ["mouseover", true],
    ["mouseout", false],
    ["focusin", true],
    ["focusout", false],
  ]) {
    document.addEventListener(type, (event) => highlight(event, on));
  }
})();
