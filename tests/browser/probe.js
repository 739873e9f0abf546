// Inserted by check_report.sh into a test copy of a report, just before </body> (the report
// itself has no script). Measures what the browser laid out and writes it as JSON into a
// hidden PRE element with id "probe", which `chromium --dump-dom` then prints.
(function () {
  "use strict";
  var out = { errors: [] };
  try {
    var html = document.documentElement;
    out.lang = html.getAttribute("lang");
    out.dir = html.getAttribute("dir");
    out.bodyDirection = getComputedStyle(document.body).direction;
    out.viewport = [window.innerWidth, window.innerHeight];
    out.scrollWidth = html.scrollWidth;
    out.scripts = document.scripts.length;
    out.resources = performance.getEntriesByType("resource").map(function (e) { return e.name; });
    out.h1 = Array.prototype.map.call(document.querySelectorAll("h1"), function (h) { return h.textContent; });
    out.h2 = Array.prototype.map.call(document.querySelectorAll("h2"), function (h) { return h.firstChild ? h.firstChild.textContent : ""; });
    out.h4 = Array.prototype.map.call(document.querySelectorAll("#sections h4"), function (h) { return h.textContent; });
    out.svgs = Array.prototype.map.call(document.querySelectorAll("svg"), function (s) {
      var r = s.getBoundingClientRect();
      return { cls: s.getAttribute("class"), width: r.width, height: r.height };
    });
    var net = document.querySelector("svg.network");
    if (net) {
      var nr = net.getBoundingClientRect();
      out.network = {
        nodes: Array.prototype.map.call(net.querySelectorAll("circle[data-id]"), function (c) { return c.getAttribute("data-id"); }),
        edges: Array.prototype.map.call(net.querySelectorAll("line[data-source]"), function (l) {
          return [l.getAttribute("data-source"), l.getAttribute("data-target")];
        }),
        // node labels: the <text> children of the label group (the legend's come after)
        labels: Array.prototype.map.call(net.querySelectorAll("g[text-anchor='middle'] > text"), function (t) {
          var r = t.getBoundingClientRect();
          return { text: t.textContent, left: r.left - nr.left, top: r.top - nr.top, width: r.width, height: r.height };
        }),
        box: { width: nr.width, height: nr.height },
      };
    }
  } catch (e) {
    out.errors.push(String(e));
  }
  var pre = document.createElement("pre");
  pre.id = "probe";
  pre.hidden = true;
  pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
})();
