// Respondent page enhancements; the page works without them.
// 1. Conditional questions on the same page appear as soon as their condition holds.
// 2. Answers are saved in the background as they change, so a closed tab loses nothing.
// 3. The points of an allocation question show their running total.
const form = document.querySelector(".respond-form");
if (form) {
  const valuesOf = (name) =>
    [...form.querySelectorAll(`[name="a.${name}"]`)]
      .filter((el) => (el.type === "radio" || el.type === "checkbox" ? el.checked : el.value.trim() !== ""))
      .map((el) => el.value);

  const updateConditions = () => {
    for (const question of form.querySelectorAll("[data-show-if]")) {
      const source = question.dataset.showIf;
      if (!form.querySelector(`[name="a.${source}"]`)) continue; // on an earlier page: decided by the server
      const given = valuesOf(source);
      const wanted = (question.dataset.showValues || "").split(" ").filter(Boolean);
      const show = question.dataset.showAnswered ? given.length > 0 : given.some((v) => wanted.includes(v));
      question.hidden = !show;
    }
  };

  const updateTotals = () => {
    for (const block of form.querySelectorAll("[data-allocation]")) {
      const total = [...block.querySelectorAll("input")].reduce(
        (sum, el) => sum + (Number(el.value) || 0),
        0,
      );
      const out = block.querySelector("[data-allocation-total]");
      if (out) out.textContent = String(total);
    }
  };

  const status = form.querySelector("[data-autosave-status]");
  let timer;
  const autosave = () => {
    const url = form.dataset.autosave;
    if (!url) return;
    clearTimeout(timer);
    timer = setTimeout(async () => {
      try {
        const body = new URLSearchParams(new FormData(form));
        body.set("nav", "save");
        const response = await fetch(url, { method: "POST", body, credentials: "same-origin" });
        if (response.ok && status) status.textContent = `✓ ${status.dataset.savedLabel || ""}`.trim();
      } catch {
        // offline: the answers are posted with the next page anyway
      }
    }, 600);
  };
  if (status) status.dataset.savedLabel = document.documentElement.lang === "en" ? "Saved" : "已保存";

  // With this script answers are saved as they change, not only page by page: say so.
  const savedText = form.querySelector("[data-saved-text]");
  if (savedText && form.dataset.autosave) savedText.textContent = savedText.dataset.savedText;

  form.addEventListener("change", () => {
    updateConditions();
    updateTotals();
    autosave();
  });
  form.addEventListener("input", updateTotals);
  updateConditions();
  updateTotals();
  document.getElementById("error-summary")?.focus();
}
