// Keeps a wave's figures current while it is being sent: polls the counters every few seconds and stops
// when nothing has changed for a minute. Without JavaScript the page shows the figures of its load.
const grid = document.querySelector("[data-live]");
if (grid) {
  let unchanged = 0;
  let last = "";
  const tick = async () => {
    try {
      const response = await fetch(grid.dataset.live, { headers: { accept: "application/json" } });
      if (!response.ok) return;
      const { data } = await response.json();
      for (const element of grid.querySelectorAll("[data-counter]")) {
        const key = element.dataset.counter;
        if (key === "responseRate")
          element.textContent =
            data.responseRate === null ? "—" : `${Math.round(data.responseRate * 1000) / 10}%`;
        else if (key in data) element.textContent = String(data[key]);
      }
      if (data.invited > 0) document.querySelector("[data-no-invitations]")?.remove();
      const now = JSON.stringify(data);
      unchanged = now === last ? unchanged + 1 : 0;
      last = now;
    } finally {
      if (unchanged < 20) setTimeout(tick, 3000);
      else document.querySelector("[data-live-badge]")?.remove();
    }
  };
  setTimeout(tick, 3000);
}
