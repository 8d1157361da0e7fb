/* Accessibility names for parts the theme builds in the browser, and a
   language switcher that keeps the reader on the page. */
(function () {
  "use strict";

  // the original language's words; another edition's come with its pages
  // (from its word table, as JSON in #appendix-words), key by key
  const given = document.getElementById("appendix-words");
  const words = {
    search: "Search",
    code: "Code block {n} actions",
    ...(given ? JSON.parse(given.dataset.words).site : {}),
  };

  function name() {
    const search = document.querySelector(".md-search[role=dialog]");
    if (search && !search.hasAttribute("aria-label")) {
      search.setAttribute("aria-label", words.search);
    }
    // each code block's copy button sits in a <nav> of its own: landmarks
    // need names that tell them apart
    document.querySelectorAll(".md-code__nav").forEach((nav, index) => {
      nav.setAttribute("aria-label",
        words.code.replace("{n}", String(index + 1)));
    });
  }

  new MutationObserver(name).observe(document.documentElement, {
    childList: true, subtree: true,
  });
  name();

  // The element the address's #fragment names, or null.
  function hashTarget() {
    try {
      return location.hash &&
        document.getElementById(decodeURIComponent(location.hash.slice(1)));
    } catch (error) {  // a malformed fragment names nothing
      return null;
    }
  }

  // Sections are laid out only once they scroll into view (their
  // content-visibility), so a heading far down moves when those above it
  // are laid out, after the browser or the theme's instant navigation
  // has scrolled to it. Landing on one lays those out first (at most
  // once per page view), then goes there; not on going back or forward,
  // where the theme puts the reader back where they were.
  function land() {
    const target = hashTarget();
    const returning = history.state && typeof history.state.y === "number";
    if (!target || returning) return;
    for (const section of document.querySelectorAll(
      "article .page-section")) {
      if (!(section.compareDocumentPosition(target) &
            Node.DOCUMENT_POSITION_FOLLOWING)) break;
      section.style.contentVisibility = "visible";
    }
    target.scrollIntoView();
  }

  window.addEventListener("hashchange", land);
  if (window.document$) window.document$.subscribe(() => land());
  else land();

  // The section the reader is in: the one a link led to while its target
  // is on screen, else the last heading above a quarter of the window
  // (every edition gives a heading its original's id).
  function section() {
    const header = document.querySelector(".md-header");
    const top = header ? header.getBoundingClientRect().bottom : 0;
    const target = hashTarget();
    if (target) {
      const { top: at } = target.getBoundingClientRect();
      if (at >= top - 1 && at < innerHeight) return location.hash;
    }
    const line = top + (innerHeight - top) / 4;
    let current = "";
    for (const heading of document.querySelectorAll(
      "article :is(h2, h3, h4)[id]")) {
      if (heading.getBoundingClientRect().top > line) break;
      current = `#${heading.id}`;
    }
    return current;
  }

  // Every edition has every page at the same path below its folder
  // (data-root, set by the build). Instant navigation changes the page
  // but not the header, so each language link is pointed at the page
  // shown, and its section, just before it is used.
  function pointLanguages() {
    const links = [
      ...document.querySelectorAll(".md-select__link[data-root]")];
    const own = links.find(
      (link) => link.hreflang === document.documentElement.lang);
    if (!own || !location.pathname.startsWith(own.dataset.root)) return;
    const rest = location.pathname.slice(own.dataset.root.length) +
      section();
    links.forEach((link) => { link.href = link.dataset.root + rest; });
  }

  // The theme, once it has fetched the other edition's sitemap, would
  // send a click on a language link to the current address's #fragment
  // instead: the link, pointed here, is followed as it is, and the
  // click goes no further than this.
  ["pointerdown", "focusin", "click"].forEach((type) => {
    document.addEventListener(type, (event) => {
      if (event.target instanceof Element &&
          event.target.closest(".md-select__link[data-root]")) {
        pointLanguages();
        if (type === "click") event.stopPropagation();
      }
    }, true);
  });
})();
