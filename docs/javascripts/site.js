/* Accessibility names for parts the theme builds in the browser. */
(function () {
  "use strict";

  function name() {
    const search = document.querySelector(".md-search[role=dialog]");
    if (search && !search.hasAttribute("aria-label")) {
      search.setAttribute("aria-label", "Search");
    }
    // each code block's copy button sits in a <nav> of its own: landmarks
    // need names that tell them apart
    document.querySelectorAll(".md-code__nav").forEach((nav, index) => {
      nav.setAttribute("aria-label", `Code block ${index + 1} actions`);
    });
  }

  new MutationObserver(name).observe(document.documentElement, {
    childList: true, subtree: true,
  });
  name();
})();
