"""Keyboard, focus and reflow helpers for tests/trust/test_keyboard.py.

Only page.keyboard is used to operate pages (Tab, Shift+Tab, Enter, Space,
arrow keys, typing); page.evaluate only reads the page (which element has the
focus, its computed styles, sizes).
"""

from __future__ import annotations

from django.conf import settings
from django.test import Client

# Computed styles that can show the focus, on the element, its pseudo-elements and its label.
_SIGNATURE_JS = """
(() => {
  const props = ["outlineStyle", "outlineWidth", "outlineColor", "outlineOffset", "boxShadow",
                 "backgroundColor", "borderTopColor", "borderBottomColor", "borderBottomWidth",
                 "textDecorationLine", "textDecorationThickness", "color"];
  const add = (parts, node, pseudo) => {
    if (!node) return;
    const style = getComputedStyle(node, pseudo);
    for (const p of props) parts.push(style[p]);
  };
  window.__vnSignature = (el) => {
    const parts = [];
    add(parts, el); add(parts, el, "::before"); add(parts, el, "::after");
    const label = el.labels && el.labels[0];
    add(parts, label); add(parts, label, "::before"); add(parts, label, "::after");
    return parts.join("|");
  };
  window.__vnTabbable = () => {
    const seenRadio = new Set();
    return [...document.querySelectorAll(
      "a[href], button, input, select, textarea, summary, iframe, [tabindex], [contenteditable]"
    )].filter((el) => {
      if (el.tabIndex < 0 || el.disabled || el.type === "hidden") return false;
      if (!el.checkVisibility({visibilityProperty: true})) return false;
      if (el.closest("[inert]")) return false;
      if (el.type === "radio") {  // one stop per group
        const key = (el.form ? el.form.id || "form" : "") + ":" + el.name;
        if (seenRadio.has(key)) return false;
        seenRadio.add(key);
      }
      return true;
    });
  };
  if (document.activeElement && document.activeElement !== document.body) {
    document.activeElement.blur();
  }
  window.__vnUnfocused = new WeakMap();
  for (const el of document.querySelectorAll("*")) {
    if (el.tabIndex >= 0 || el.matches("a[href], button, input, select, textarea, summary")) {
      window.__vnUnfocused.set(el, window.__vnSignature(el));
    }
  }
  window.__vnIds = new WeakMap();
  window.__vnNextId = 0;
})()
"""

_ACTIVE_JS = """
() => {
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return null;
  if (!window.__vnIds.has(el)) window.__vnIds.set(el, ++window.__vnNextId);
  const before = window.__vnUnfocused.get(el);
  const now = window.__vnSignature(el);
  const style = getComputedStyle(el);
  const indicator = (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0)
    || style.boxShadow !== "none";
  const label = el.labels && el.labels[0] ? el.labels[0].innerText : "";
  const text = (label || el.getAttribute("aria-label") || el.innerText || el.value || "");
  return {
    key: window.__vnIds.get(el),
    tag: el.tagName.toLowerCase(),
    type: el.type || "",
    name: el.getAttribute("name") || "",
    href: el.getAttribute("href") || "",
    inMain: Boolean(el.closest("main")),
    role: el.getAttribute("role") || "",
    text: text.replace(/\\s+/g, " ").trim().slice(0, 100),
    visible: before === undefined ? indicator : before !== now,
  };
}
"""


class KeyboardUser:
    """Operates one page with the keyboard and checks the focus at every stop."""

    def __init__(self, page):
        self.page = page
        self.invisible: list[str] = []  # focus stops without a visible indicator
        self.stops = 0

    def arrived(self) -> None:
        """Call after every page load: remembers how each element looks unfocused."""
        self.page.wait_for_load_state("load")
        self.page.evaluate(_SIGNATURE_JS)

    def active(self) -> dict | None:
        return self.page.evaluate(_ACTIVE_JS)

    def press(self, key: str) -> dict | None:
        self.page.keyboard.press(key)
        info = self.active()
        if info is not None:
            self.stops += 1
            if not info["visible"]:
                self.invisible.append(f"{self.page.url}: <{info['tag']}> {info['text']!r}")
        return info

    def tab_to(self, matches, *, limit: int = 250, backwards: bool = False) -> dict:
        """Press Tab (or Shift+Tab) until the focused element `matches(info)`."""
        key = "Shift+Tab" if backwards else "Tab"
        seen = []
        for _ in range(limit):
            info = self.press(key)
            if info is not None and matches(info):
                return info
            seen.append(info and f"<{info['tag']}> {info['text']}")
        raise AssertionError(f"no focus stop matched within {limit} Tabs; met: {seen[-20:]}")

    def submit(self, key: str = "Enter") -> None:
        """Press `key` on the focused control and wait for the page it leads to."""
        with self.page.expect_navigation(wait_until="load"):
            self.page.keyboard.press(key)
        self.arrived()

    def type(self, text: str) -> None:
        self.page.keyboard.type(text, delay=5)

    def walk(self, *, limit: int = 400) -> tuple[int, set[int], int]:
        """Tab from the top through the page: (tabbable elements, keys reached, stops).

        Stops when the focus leaves the document after the last element or comes
        back to one it met before (the order has wrapped round).
        """
        total = self.page.evaluate("() => window.__vnTabbable().length")
        reached: set[int] = set()
        for _ in range(min(limit, total + 5)):
            info = self.press("Tab")
            if info is None:
                if reached:
                    break
                continue
            if info["key"] in reached:
                break
            reached.add(info["key"])
        return total, reached, len(reached)


def session_cookie(live_url: str, user) -> dict:
    client = Client()
    client.force_login(user)
    value = client.cookies[settings.SESSION_COOKIE_NAME].value
    return {"name": settings.SESSION_COOKIE_NAME, "value": value, "url": live_url}


NO_OVERFLOW_JS = """
(width) => {
  const doc = document.documentElement;
  const cut = [];
  for (const el of document.querySelectorAll("main *, header *, footer *")) {
    if (!el.checkVisibility()) continue;
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) continue;
    if (el.closest(".vn-table-wrap, pre, [data-scroll-region]")) continue;  // scroll regions
    if (box.right > width + 1 && el.children.length === 0) {
      cut.push(`${el.tagName.toLowerCase()}.${el.className}: right edge ${Math.round(box.right)}`);
    }
  }
  return {scrollWidth: doc.scrollWidth, cut: cut.slice(0, 10)};
}
"""
