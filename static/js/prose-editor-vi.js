// The rich-text editor (django-prose-editor) in Vietnamese.
//
// The editor translates its dialogs itself through Django's JavaScript catalogue
// (window.gettext, loaded from admin:jsi18n just before this file; the Vietnamese is in
// locale/vi/LC_MESSAGES/djangojs.po). Its menu buttons, though, carry fixed English
// titles ("bold", "heading 2", "Insert table"), which the screen reader reads too, and its
// block-type dropdown fixed English names ("Heading 2", "Paragraph"): when an editor is
// ready (the "prose-editor:ready" event of the library's configurable preset), each
// button's title and aria-label and each option's name go through the same catalogue.
// Load as a classic script before the editor's modules so the listener is in place.
(function () {
  "use strict";

  var gettext = window.gettext || function (text) { return text; };
  var interpolate = window.interpolate || function (format, args) {
    return format.replace("%s", args[0]);
  };
  var HEADING = /^heading (\d)$/i;

  function vietnamese(label) {
    var heading = HEADING.exec(label);
    return heading ? interpolate(gettext("heading %s"), [heading[1]]) : gettext(label);
  }

  function relabel(root) {
    root.querySelectorAll("button[title]").forEach(function (button) {
      var label = button.getAttribute("title");
      if (!label || button.dataset.viLabel === label) {
        return;
      }
      var translated = vietnamese(label);
      button.dataset.viLabel = translated;
      if (translated !== label) {
        button.setAttribute("title", translated);
        if (button.hasAttribute("aria-label")) {
          button.setAttribute("aria-label", translated);
        }
      }
    });
    root.querySelectorAll(".prose-menubar__option > *").forEach(function (option) {
      var name = option.textContent;
      if (option.children.length || !name || option.dataset.viLabel === name) {
        return;
      }
      var translated = vietnamese(name);
      option.dataset.viLabel = translated;
      if (translated !== name) {
        option.textContent = translated;
      }
    });
  }

  document.addEventListener("prose-editor:ready", function (event) {
    var textarea = event.target;
    var root = textarea.closest(".prose-editor") || textarea.parentElement;
    if (!root) {
      return;
    }
    relabel(root);
    // Buttons the editor adds later (table tools, dialogs) are translated as they come.
    new MutationObserver(function () { relabel(root); }).observe(root, {
      childList: true,
      subtree: true,
    });
  });
})();
