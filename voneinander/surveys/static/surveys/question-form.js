// The question form: show only the settings that belong to the chosen kind of
// question (options for choices and rankings, the limit for multiple choice, the
// scale's values). Without JavaScript every setting is shown and the server
// ignores those that do not apply.
for (const form of document.querySelectorAll("[data-question-form]")) {
  const radios = Array.from(form.querySelectorAll('input[name="kind"]'));
  const parts = Array.from(form.querySelectorAll("[data-kinds]"));
  const update = () => {
    const chosen = radios.find((radio) => radio.checked);
    for (const part of parts) {
      part.hidden = chosen ? !part.dataset.kinds.split(" ").includes(chosen.value) : false;
    }
  };
  for (const radio of radios) {
    radio.addEventListener("change", update);
  }
  update();
}
