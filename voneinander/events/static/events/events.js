// Calendar address page: copy the address with one click (the field stays
// selectable without JavaScript; the button appears only when it works).
for (const button of document.querySelectorAll("[data-copy-target]")) {
  const field = document.getElementById(button.dataset.copyTarget);
  if (!field || !navigator.clipboard) continue;
  button.hidden = false;
  button.addEventListener("click", async () => {
    await navigator.clipboard.writeText(field.value);
    const label = button.querySelector(".kern-label");
    label.textContent = button.dataset.copiedText;
  });
}

for (const field of document.querySelectorAll("[data-select-on-focus]")) {
  field.addEventListener("focus", () => field.select());
}
