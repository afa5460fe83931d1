// News pages: the print button (Decree 42/2022 asks that every article can be printed).
// No inline handlers: the Content Security Policy allows scripts from our own files only.
document.addEventListener("click", (event) => {
  const button = event.target.closest("[data-action='print']");
  if (button) {
    event.preventDefault();
    window.print();
  }
});
