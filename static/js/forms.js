/* Form helpers (progressive enhancement; every form works without JavaScript):
   - move focus to the error summary, and from its links to the field;
   - filter the ward list by the chosen province and show the free-text ward box only when needed;
   - disable the final submit button after the first click (the server dedupes anyway). */
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var summary = document.querySelector("[data-error-summary]");
    if (summary) {
      summary.focus();
      summary.addEventListener("click", function (event) {
        var link = event.target.closest("a[href^='#']");
        if (!link) { return; }
        var target = document.getElementById(link.getAttribute("href").slice(1));
        if (target) { event.preventDefault(); target.focus(); target.scrollIntoView({block: "center"}); }
      });
    }

    var province = document.getElementById("id_province");
    var ward = document.querySelector("[data-ward-select]");
    var wardNameField = document.getElementById("ward-name-field");
    if (province && ward) {
      var groups = Array.prototype.slice.call(ward.querySelectorAll("optgroup"));
      var sync = function () {
        var chosen = province.options[province.selectedIndex];
        var label = chosen ? chosen.textContent.trim() : "";
        var any = false;
        groups.forEach(function (group) {
          var match = group.label === label;
          group.hidden = !match;
          group.disabled = !match;
          if (match) { any = true; }
          if (!match && group.contains(ward.options[ward.selectedIndex])) { ward.value = ""; }
        });
        if (!any && province.value) { ward.value = "khac"; }
        if (wardNameField) { wardNameField.hidden = ward.value !== "khac" && any; }
      };
      province.addEventListener("change", sync);
      ward.addEventListener("change", sync);
      sync();
    }

    Array.prototype.forEach.call(document.querySelectorAll("form[data-submit-once]"), function (form) {
      form.addEventListener("submit", function () {
        var button = form.querySelector("button[type='submit']");
        if (button) { window.setTimeout(function () { button.disabled = true; }, 0); }
      });
    });
  });
})();
