// Show the "print" buttons (hidden without JavaScript) and print the page when pressed.
document.querySelectorAll("[data-print]").forEach(function (button) {
  button.hidden = false;
  button.addEventListener("click", function () {
    window.print();
  });
});
