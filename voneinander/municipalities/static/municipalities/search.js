// The municipality search field as an ARIA 1.2 combobox (list autocomplete).
// htmx fetches the suggestions into the listbox (see the widget template);
// this module adds the keyboard and pointer interaction. Without it the field
// is a plain text input that the server resolves on submit.

function setUp(box) {
  const input = box.querySelector("input[type='text']");
  const listbox = box.querySelector("[role='listbox']");
  const pick = box.querySelector("[data-municipality-pick]");
  if (!input || !listbox || !pick || box.dataset.enhanced) {
    return;
  }
  box.dataset.enhanced = "true";
  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-expanded", "false");
  input.setAttribute("aria-controls", listbox.id);
  let active = -1;

  const options = () => Array.from(listbox.querySelectorAll("[role='option']:not([aria-disabled='true'])"));

  function open() {
    if (listbox.children.length === 0) {
      close();
      return;
    }
    listbox.hidden = false;
    input.setAttribute("aria-expanded", "true");
  }

  function close() {
    listbox.hidden = true;
    input.setAttribute("aria-expanded", "false");
    highlight(-1);
  }

  function highlight(index) {
    const all = options();
    active = index;
    all.forEach((option, i) => option.setAttribute("aria-selected", i === index ? "true" : "false"));
    if (index >= 0 && all[index]) {
      input.setAttribute("aria-activedescendant", all[index].id);
      all[index].scrollIntoView({ block: "nearest" });
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  }

  function choose(option) {
    input.value = option.dataset.label;
    pick.value = option.dataset.value;
    close();
    // Radio buttons from a no-JavaScript round trip would override the pick.
    const form = input.form;
    const candidates = form && form.querySelector("[data-municipality-candidates]");
    if (candidates) {
      candidates.remove();
    }
  }

  input.addEventListener("input", () => {
    // The text no longer names the picked municipality.
    pick.value = "";
  });

  input.addEventListener("keydown", (event) => {
    const all = options();
    switch (event.key) {
      case "ArrowDown":
        event.preventDefault();
        open();
        if (all.length) {
          highlight(active < all.length - 1 ? active + 1 : 0);
        }
        break;
      case "ArrowUp":
        event.preventDefault();
        open();
        if (all.length) {
          highlight(active > 0 ? active - 1 : all.length - 1);
        }
        break;
      case "Enter":
        if (!listbox.hidden && active >= 0 && all[active]) {
          event.preventDefault();
          choose(all[active]);
        }
        break;
      case "Escape":
        if (!listbox.hidden) {
          event.preventDefault();
          close();
        }
        break;
      default:
        break;
    }
  });

  input.addEventListener("blur", () => close());

  // Keep the focus in the input while an option is clicked.
  listbox.addEventListener("mousedown", (event) => event.preventDefault());
  listbox.addEventListener("click", (event) => {
    const option = event.target.closest("[role='option']");
    if (option && option.getAttribute("aria-disabled") !== "true") {
      choose(option);
      input.focus();
    }
  });

  listbox.addEventListener("htmx:afterSwap", () => {
    active = -1;
    if (document.activeElement === input) {
      open();
    }
  });
}

function setUpAll(root) {
  for (const box of root.querySelectorAll("[data-municipality-search]")) {
    setUp(box);
  }
}

setUpAll(document);
document.addEventListener("htmx:load", (event) => setUpAll(event.detail.elt.parentElement || document));
