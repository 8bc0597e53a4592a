// Asks before a destructive form is submitted (disable a user, revoke a token). Without JavaScript the
// page shows the same warning next to the button.
for (const form of document.querySelectorAll("form[data-confirm]")) {
  form.addEventListener("submit", (event) => {
    if (!window.confirm(form.dataset.confirm)) event.preventDefault();
  });
}
