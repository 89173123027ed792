// embed.js: one script tag turns scenarios written in a page into DRA Playground embeds.
//
//   <script src="https://PLAYGROUND/embed.js" async></script>
//   <pre class="dra-playground" data-height="450" data-panel="claims" data-readonly>
//   ...the scenario's YAML...
//   </pre>
//
// Every `<pre class="dra-playground">` (or any element with `data-dra-playground`) becomes, once
// it nears the viewport, an iframe of the playground's `?embed` view running that YAML, with the
// YAML itself carried in the link (nothing is uploaded). Options, as data- attributes:
//   data-height="PX"                  the iframe's height (default 400)
//   data-panel="cluster|claims|output" the results view shown first (default cluster)
//   data-readonly                     no "Edit" button in the embed
//   data-mode="link"                  keep the YAML as written and add a "Try it" link instead
//   data-title="TEXT"                 the iframe's accessible title
// The playground's address is where this script was loaded from. The link format is the
// playground's share link: `#scenario=v1:` and the raw DEFLATE of the text in base64url.
(function () {
  "use strict";
  var script = document.currentScript;
  var base = new URL(".", script ? script.src : location.href).href;
  var PANELS = ["cluster", "claims", "output"];

  function base64url(bytes) {
    var s = "";
    for (var i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
    return btoa(s).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }

  function fragment(text) {
    var stream = new Blob([text]).stream().pipeThrough(new CompressionStream("deflate-raw"));
    return new Response(stream).arrayBuffer().then(function (b) {
      return "#scenario=v1:" + base64url(new Uint8Array(b));
    });
  }

  function query(el) {
    var q = "?embed";
    var panel = el.getAttribute("data-panel");
    if (panel && PANELS.indexOf(panel) >= 0) q += "&panel=" + panel;
    if (el.hasAttribute("data-readonly") && el.getAttribute("data-readonly") !== "false") q += "&readonly";
    return q;
  }

  // The YAML: the element's text, without the first newline a <pre> starts with.
  function scenario(el) {
    return el.textContent.replace(/^\r?\n/, "");
  }

  function tryItLink(el, hash) {
    var a = document.createElement("a");
    a.className = "dra-playground-try";
    a.href = base + hash;
    a.target = "_blank";
    a.rel = "noopener";
    a.textContent = "Try it in DRA Playground";
    el.insertAdjacentElement("afterend", a);
  }

  function embed(el, hash) {
    var frame = document.createElement("iframe");
    var height = parseInt(el.getAttribute("data-height"), 10);
    frame.className = "dra-playground-embed";
    frame.src = base + query(el) + hash;
    frame.title = el.getAttribute("data-title") || "DRA Playground";
    frame.width = "100%";
    frame.height = String(height > 0 ? height : 400);
    frame.style.border = "1px solid #d0d7de";
    frame.style.borderRadius = "8px";
    frame.style.maxWidth = "100%";
    el.replaceWith(frame);
  }

  function load(el) {
    fragment(scenario(el)).then(function (hash) {
      if (el.getAttribute("data-mode") === "link") tryItLink(el, hash);
      else embed(el, hash);
    });
  }

  function start() {
    var found = document.querySelectorAll("pre.dra-playground, [data-dra-playground]");
    if (!("IntersectionObserver" in window)) return found.forEach(load);
    var seen = new IntersectionObserver(function (entries) {
      entries.forEach(function (e) {
        if (!e.isIntersecting) return;
        seen.unobserve(e.target);
        load(e.target);
      });
    }, { rootMargin: "200px" });
    found.forEach(function (el) { seen.observe(el); });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
