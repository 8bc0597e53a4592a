// Small improvements to the questionnaire builder. Every page works without this file.

// Import: read the chosen .json file into the text area, which is what the form sends.
for (const input of document.querySelectorAll("input[type=file][data-import-target]")) {
  const wrapper = input.closest(".import-file");
  if (wrapper) wrapper.hidden = false;
  input.addEventListener("change", () => {
    const file = input.files?.[0];
    const target = document.getElementById(input.dataset.importTarget);
    if (!file || !target) return;
    file.text().then((text) => {
      target.value = text;
    });
  });
}

// Condition: show only the answers of the item chosen in "Show this item".
const conditionSelect = document.querySelector("select[data-condition-select]");
if (conditionSelect) {
  const update = () => {
    const chosen = conditionSelect.value;
    for (const fieldset of document.querySelectorAll("[data-condition-for]")) {
      fieldset.hidden = fieldset.dataset.conditionFor !== chosen;
    }
    for (const part of document.querySelectorAll("[data-condition-part]")) {
      part.hidden = chosen === "";
    }
  };
  conditionSelect.addEventListener("change", update);
  update();
}
