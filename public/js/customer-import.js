// Shows a running customer import's progress by polling its small status endpoint, and reloads the
// page (with the report) when it has finished. Without JavaScript the page offers a refresh link.
const box = document.querySelector("[data-import-status]");
if (box && !box.dataset.finished) {
  const field = (name) => box.querySelector(`[data-field="${name}"]`);
  const poll = async () => {
    try {
      const response = await fetch(box.dataset.importStatus, { headers: { accept: "application/json" } });
      if (response.ok) {
        const { data } = await response.json();
        for (const name of ["processedRows", "insertedRows", "updatedRows", "badRows"]) {
          const element = field(name);
          if (element) element.textContent = String(data[name]);
        }
        const progress = field("progress");
        if (progress) progress.value = data.percent;
        if (data.finished || data.status === "interrupted") {
          window.location.reload();
          return;
        }
      }
    } catch {
      // a missed poll is retried
    }
    setTimeout(poll, 700);
  };
  setTimeout(poll, 300);
}
