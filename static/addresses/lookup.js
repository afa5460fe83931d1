/* The applicant form's "old address" panel (templates/addresses/_old_address_hint.html).
 *
 * Without JavaScript the block is a link to /tra-cuu-dia-chi-cu/ in a new tab. With it,
 * the panel asks the JSON end-point and shows the new unit(s); nothing is filled in until
 * the resident presses "Dùng tên này": the ward list is then set when it lists that unit,
 * otherwise the name is appended to the street field.
 */
(function () {
  "use strict";

  function fold(text) {
    return (text || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .replace(/đ/g, "d").replace(/Đ/g, "D").toLowerCase().replace(/\s+/g, " ").trim();
  }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (all, key) {
      return Object.prototype.hasOwnProperty.call(values, key) ? values[key] : all;
    });
  }

  function capfirst(text) {
    return text ? text.charAt(0).toUpperCase() + text.slice(1) : text;
  }

  function findOption(select, name) {
    if (!select) { return null; }
    var wanted = fold(name);
    return Array.prototype.find.call(select.options, function (o) {
      return fold(o.textContent) === wanted;
    }) || null;
  }

  function init(box) {
    var panel = box.querySelector("[data-old-address-panel]");
    var input = box.querySelector("#old-address-q");
    var button = box.querySelector("[data-old-address-search]");
    var status = box.querySelector("[data-old-address-status]");
    var list = box.querySelector("[data-old-address-results]");
    var msg = box.dataset;
    panel.hidden = false;

    function use(unit) {
      var province = document.getElementById("id_province");
      var ward = document.querySelector("[data-ward-select]");
      var provinceOption = findOption(province, "Thành phố Hải Phòng");
      if (provinceOption && ward) {
        if (province.value !== provinceOption.value) {
          province.value = provinceOption.value;
          province.dispatchEvent(new Event("change", { bubbles: true }));
        }
        var wardOption = findOption(ward, unit.full_name);
        if (wardOption) {
          ward.value = wardOption.value;
          ward.dispatchEvent(new Event("change", { bubbles: true }));
          status.textContent = fill(msg.msgUsedWard, { name: capfirst(unit.full_name) });
          return;
        }
      }
      var street = document.getElementById("id_street") || document.getElementById("id_address");
      if (street) {
        var value = street.value.trim();
        street.value = value ? value + ", " + capfirst(unit.full_name) : capfirst(unit.full_name);
        status.textContent = fill(msg.msgUsedStreet, { name: capfirst(unit.full_name) });
      }
    }

    function render(results) {
      list.textContent = "";
      if (!results.length) {
        status.textContent = msg.msgNone;
        return;
      }
      status.textContent = fill(msg.msgCount, { n: results.length });
      results.forEach(function (result) {
        var li = document.createElement("li");
        li.className = "border-top pt-2 mb-2";
        var title = document.createElement("p");
        title.className = "mb-1 fw-semibold";
        title.textContent = capfirst(result.old.full_name) + " (" + result.old.district + ", " + result.old.province + ")";
        li.appendChild(title);
        var text = document.createElement("p");
        text.className = "mb-1";
        if (result.split) {
          text.textContent = fill(msg.msgSplit, {
            old: capfirst(result.old.full_name),
            n: result.new.length,
            names: result.new.map(function (n) { return n.full_name; }).join(", "),
          });
        } else {
          text.textContent = fill(msg.msgWhole, {
            old: result.old.full_name, new: result.new[0].full_name, item: result.new[0].item,
          });
        }
        li.appendChild(text);
        result.new.forEach(function (unit) {
          var useButton = document.createElement("button");
          useButton.type = "button";
          useButton.className = "btn btn-sm btn-outline-secondary me-2 mb-1";
          useButton.textContent = msg.msgUse + ": " + capfirst(unit.full_name);
          useButton.addEventListener("click", function () { use(unit); });
          li.appendChild(useButton);
        });
        list.appendChild(li);
      });
    }

    function search() {
      var q = input.value.trim();
      if (!q) { return; }
      var url = box.dataset.jsonUrl + "?q=" + encodeURIComponent(q);
      fetch(url, { headers: { Accept: "application/json" } })
        .then(function (r) { if (!r.ok) { throw new Error(r.status); } return r.json(); })
        .then(function (data) { render(data.results); })
        .catch(function () { status.textContent = msg.msgError; });
    }

    button.addEventListener("click", search);
    // Enter in this box searches; it must not submit the applicant form around it.
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter") { event.preventDefault(); search(); }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    Array.prototype.forEach.call(document.querySelectorAll("[data-old-address]"), init);
  });
})();
