// Asks before a destructive form is submitted (disable a user, revoke a token, delete a builder item).
// A confirmed form says so (`confirmed=1`): where the server asks again without JavaScript (the
// builder's deletes), it then does not ask twice.
for (const form of document.querySelectorAll("form[data-confirm]")) {
  form.addEventListener("submit", (event) => {
    if (!window.confirm(form.dataset.confirm)) {
      event.preventDefault();
      return;
    }
    if (!form.querySelector('input[name="confirmed"]')) {
      const confirmed = document.createElement("input");
      confirmed.type = "hidden";
      confirmed.name = "confirmed";
      confirmed.value = "1";
      form.append(confirmed);
    }
  });
}
