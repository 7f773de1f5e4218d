// The header's disclosure menu on narrow screens (without JavaScript the menu simply stays open),
// and tables that scroll sideways made reachable by keyboard.
(function () {
  "use strict";
  document.documentElement.classList.add("regio-js");
  // A table wider than the screen scrolls in its container; a keyboard user must be able to focus it.
  function focusableScrollers() {
    document.querySelectorAll(".utrecht-table-container").forEach(function (box) {
      var scrolls = box.scrollWidth > box.clientWidth + 1;
      if (scrolls && !box.hasAttribute("tabindex")) {
        var caption = box.querySelector("caption");
        box.setAttribute("tabindex", "0");
        box.setAttribute("role", "region");
        box.setAttribute("aria-label", caption ? caption.textContent.trim() : document.title);
        box.dataset.regioScroller = "1";
      } else if (!scrolls && box.dataset.regioScroller) {
        ["tabindex", "role", "aria-label", "data-regio-scroller"].forEach(function (name) { box.removeAttribute(name); });
      }
    });
  }
  document.addEventListener("DOMContentLoaded", focusableScrollers);
  window.addEventListener("resize", focusableScrollers);
  document.addEventListener("htmx:afterSwap", focusableScrollers);
  document.addEventListener("DOMContentLoaded", function () {
    var button = document.querySelector(".regio-menu-button");
    var menu = button && document.getElementById(button.getAttribute("aria-controls"));
    if (!menu) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      var open = button.getAttribute("aria-expanded") !== "true";
      button.setAttribute("aria-expanded", String(open));
      menu.classList.toggle("regio-menu--open", open);
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && button.getAttribute("aria-expanded") === "true") {
        button.setAttribute("aria-expanded", "false");
        menu.classList.remove("regio-menu--open");
        button.focus();
      }
    });
  });
})();
