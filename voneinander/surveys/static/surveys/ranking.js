// Ranking questions: each option has a select of places (works without JavaScript,
// where the server checks that every place is given once). Here, choosing a place
// that another option already holds gives that option the place just freed, so the
// ranking stays complete; a polite live region says which option moved.
for (const list of document.querySelectorAll("[data-ranking]")) {
  const selects = Array.from(list.querySelectorAll("select"));
  const previous = new Map(selects.map((select) => [select, select.value]));
  const status = document.createElement("p");
  status.className = "vn-visually-hidden";
  status.setAttribute("role", "status");
  list.after(status);

  const labelOf = (select) => {
    const label = select.id ? list.querySelector(`label[for="${select.id}"]`) : null;
    return label ? label.textContent.trim() : "";
  };

  list.addEventListener("change", (event) => {
    const changed = event.target;
    if (!(changed instanceof HTMLSelectElement)) {
      return;
    }
    const freed = previous.get(changed);
    const other = selects.find((s) => s !== changed && s.value !== "" && s.value === changed.value);
    if (other) {
      other.value = freed || "";
      previous.set(other, other.value);
      if (other.value) {
        status.textContent = (list.dataset.rankingMoved || "")
          .replace("%(option)s", labelOf(other))
          .replace("%(place)s", other.value);
      }
    }
    previous.set(changed, changed.value);
  });
}
