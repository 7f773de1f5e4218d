// The header's disclosure menu on narrow screens. Without JavaScript the menu simply stays open.
(function () {
  "use strict";
  document.documentElement.classList.add("regio-js");
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
