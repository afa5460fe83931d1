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

    // Ward list. Without JavaScript every ward shows, grouped by province, with "Khác" and
    // the free-text box always visible; the server checks that the ward fits the province.
    var province = document.getElementById("id_province");
    var ward = document.querySelector("[data-ward-select]");
    var wardNameField = document.getElementById("ward-name-field");
    if (province && ward) {
      var OTHER = "khac";
      var groups = Array.prototype.slice.call(ward.querySelectorAll("optgroup"));
      // The optgroup of the chosen province; null when none is chosen or it has no listed wards.
      var chosenGroup = function () {
        var chosen = province.value ? province.options[province.selectedIndex] : null;
        var label = chosen ? chosen.textContent.trim() : "";
        return groups.filter(function (group) { return group.label === label; })[0] || null;
      };
      // `reset`: the province has just changed, so the ward chosen before cannot stand.
      var sync = function (reset) {
        var group = chosenGroup();
        groups.forEach(function (g) {
          var match = g === group;
          g.hidden = !match;
          g.disabled = !match;
        });
        var selected = ward.options[ward.selectedIndex];
        var inGroup = Boolean(group && selected && group.contains(selected));
        if (province.value && !group) {
          ward.value = OTHER;  // no listed wards: the name is typed
        } else if (reset || (selected && selected.parentNode.tagName === "OPTGROUP" && !inGroup)) {
          ward.value = "";
        }
        if (wardNameField) { wardNameField.hidden = ward.value !== OTHER; }
      };
      var onProvince = function () { sync(true); };
      // "input" too: some browsers fire "change" from the keyboard only when the list closes.
      province.addEventListener("input", onProvince);
      province.addEventListener("change", onProvince);
      ward.addEventListener("change", function () { sync(false); });
      sync(false);
    }

    Array.prototype.forEach.call(document.querySelectorAll("form[data-submit-once]"), function (form) {
      form.addEventListener("submit", function () {
        var button = form.querySelector("button[type='submit']");
        if (button) { window.setTimeout(function () { button.disabled = true; }, 0); }
      });
    });
  });
})();
