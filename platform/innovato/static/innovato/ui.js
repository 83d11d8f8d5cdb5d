/* Innovato's page behaviours (a static file: the Content-Security-Policy allows no inline
   code). 1. Disclosures: a button with aria-expanded and aria-controls shows or hides the
   element it controls; Escape or a click elsewhere closes it and focus returns to the button.
   2. Forms with data-confirm ask in the page's <dialog class="confirm-dialog"> before they
   submit. 3. The navigation marks the link of the current page. */
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  function panelOf(button) {
    return document.getElementById(button.getAttribute("aria-controls"));
  }

  function setOpen(button, open) {
    var panel = panelOf(button);
    if (!panel) { return; }
    button.setAttribute("aria-expanded", open ? "true" : "false");
    panel.classList.toggle("is-open", open);
  }

  function openToggles() {
    return document.querySelectorAll("[data-disclosure][aria-expanded='true']");
  }

  // Menus close each other; the phone's menu button keeps its panel open meanwhile.
  function closeOthers(except) {
    openToggles().forEach(function (button) {
      var panel = panelOf(button);
      if (button === except || (panel && panel.contains(except))) { return; }
      setOpen(button, false);
    });
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-disclosure]");
    if (button) {
      var open = button.getAttribute("aria-expanded") !== "true";
      closeOthers(button);
      setOpen(button, open);
      return;
    }
    // A click outside every open menu closes the menus (not the phone's navigation panel).
    openToggles().forEach(function (toggle) {
      var panel = panelOf(toggle);
      if (toggle.hasAttribute("data-disclosure-keep")) { return; }
      if (panel && !panel.contains(event.target)) { setOpen(toggle, false); }
    });
  });

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") { return; }
    var toggles = Array.prototype.slice.call(openToggles());
    if (!toggles.length) { return; }
    // A menu closes before the phone's navigation panel that holds it.
    var inner = toggles.filter(function (toggle) {
      return !toggle.hasAttribute("data-disclosure-keep");
    }).pop() || toggles[toggles.length - 1];
    setOpen(inner, false);
    inner.focus();
  });

  // Confirmation before irreversible actions.
  var dialog = document.getElementById("confirm-dialog");
  var pending = null;
  if (dialog) {
    var text = dialog.querySelector("[data-confirm-text]");
    var ok = dialog.querySelector("[data-confirm-ok]");
    var okLabel = ok.textContent;
    dialog.querySelector("[data-confirm-cancel]").addEventListener("click", function () {
      dialog.close("cancel");
    });
    ok.addEventListener("click", function () {
      dialog.close("confirm");
    });
    dialog.addEventListener("close", function () {
      var request = pending;
      pending = null;
      if (!request) { return; }
      if (dialog.returnValue === "confirm") {
        request.form.setAttribute("data-confirmed", "");
        request.form.requestSubmit(request.submitter || undefined);
      } else if (request.submitter) {
        request.submitter.focus();
      }
    });
    // Capturing at the document runs before htmx's handler on the form, so nothing is sent.
    document.addEventListener("submit", function (event) {
      var form = event.target;
      if (!form.matches("form[data-confirm]")) { return; }
      if (form.hasAttribute("data-confirmed")) {
        form.removeAttribute("data-confirmed");
        return;
      }
      event.preventDefault();
      event.stopPropagation();
      pending = { form: form, submitter: event.submitter };
      text.textContent = form.getAttribute("data-confirm");
      ok.textContent = form.getAttribute("data-confirm-button") || okLabel;
      dialog.returnValue = "";
      dialog.showModal();
    }, true);
  }

  // aria-current="page" on the navigation's link to this page (the longest matching path).
  var best = null;
  document.querySelectorAll(".site-nav a[href^='/']").forEach(function (link) {
    var path = link.getAttribute("href");
    var here = window.location.pathname;
    if ((path === "/" ? here === "/" : here.indexOf(path) === 0) &&
        (!best || path.length > best.getAttribute("href").length)) {
      best = link;
    }
  });
  if (best) { best.setAttribute("aria-current", "page"); }
}());
