// Live count of a segment form: as the filters change, asks the server how many customers match
// (GET /admin/segments/count with the form's fields) and shows it. Without JavaScript the form's
// "Count" button does the same with a round trip.
const form = document.querySelector("form[data-segment-count]");
if (form) {
  const output = document.querySelector("[data-segment-count-output]");
  let timer;
  let latest = 0;
  const update = async () => {
    const params = new URLSearchParams();
    for (const [key, value] of new FormData(form)) {
      if (key !== "_csrf" && key !== "name" && key !== "description" && typeof value === "string")
        params.append(key, value);
    }
    const asked = ++latest;
    output?.setAttribute("aria-busy", "true");
    try {
      const response = await fetch(`${form.dataset.segmentCount}?${params}`, {
        headers: { accept: "application/json" },
      });
      if (!response.ok || asked !== latest) return;
      const { data } = await response.json();
      if (output)
        output.textContent = new Intl.NumberFormat(document.documentElement.lang).format(data.count);
    } catch {
      // keep the last count
    } finally {
      if (asked === latest) output?.removeAttribute("aria-busy");
    }
  };
  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(update, 250);
  };
  form.addEventListener("change", schedule);
  form.addEventListener("input", schedule);
}
