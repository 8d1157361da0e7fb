/* The search index waits for a reader who searches. The theme asks for
   search/search_index.json on every first page view, and the index grows
   with the book; this page holds that request back until the reader
   first reaches for the search (its field, its button or its shortcut,
   all of which focus or press inside .md-search or its toggle). The
   theme's own queue then runs the query once the index is there. */
(function () {
  "use strict";
  var INDEX = /\/search\/search_index\.json$/;
  var release;
  var wanted = new Promise(function (resolve) { release = resolve; });
  function reach(event) {
    var target = event.target;
    if (target instanceof Element &&
        target.closest(".md-search, [for=__search]")) release();
  }
  ["focusin", "pointerdown", "keydown"].forEach(function (type) {
    document.addEventListener(type, reach, true);
  });
  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (method, url) {
    this.searchIndex = INDEX.test(new URL(String(url), location.href)
      .pathname);
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    var request = this, args = arguments;
    if (!request.searchIndex) return send.apply(request, args);
    wanted.then(function () { send.apply(request, args); });
  };
})();
