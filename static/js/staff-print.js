// The "print" button of the printable forms (no inline handlers: CSP).
document.addEventListener("DOMContentLoaded", () => {
  for (const button of document.querySelectorAll(".js-print")) {
    button.addEventListener("click", () => window.print());
  }
});
