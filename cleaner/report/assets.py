"""The view's style sheet and script, inlined into every page (a page loads nothing).

Every mark has the class `m`, a kind (`rm` removed, `fx` fixed, `kp` kept)
and its category's colour in `--c`. Its struck old text is a `del`, new text
an `ins`; `badge` spells out a tiny edit and `ref` links to its numbered
reason; `blank` marks an edit of white space only, whose old text only its
badge shows. A filter unticked gives the category's marks the class `off`: the
text then reads as the output has it (removed text gone, fixes showing only
their new text, kept text plain).
"""

STYLE = """
* { -webkit-print-color-adjust: exact; print-color-adjust: exact; box-sizing: border-box; }
body { font: 15px/1.6 system-ui, sans-serif; margin: 0; color: #1b1b1b; background: #f4f4f2; }
.page { max-width: 88em; margin: 0 auto; padding: 1em 1.5em 3em; }
h1 { font-size: 1.3em; margin: .2em 0; overflow-wrap: anywhere; }
h2 { font-size: 1.05em; margin: 1.2em 0 .4em; }
dl.about { display: grid; grid-template-columns: max-content 1fr; gap: 0 1em; margin: .4em 0; font-size: .93em; }
dl.about dt { color: #555; } dl.about dd { margin: 0; overflow-wrap: anywhere; }
.flow { margin: .6em 0; max-width: 60em; }
.warnings { color: #7a3b00; }
.layout { display: grid; grid-template-columns: minmax(0, 1fr) 25em; gap: 1.5em; align-items: start; }
aside { position: sticky; top: .5em; max-height: calc(100vh - 1em); overflow: auto; font-size: .9em;
        background: #fff; border: 1px solid #ccc; padding: .2em 1em 1em; }
.doc { white-space: pre-wrap; overflow-wrap: anywhere; background: #fff; border: 1px solid #ccc; padding: 1em 1.3em; }
.m { --c: #ccc; }
.rm { background: var(--c); }
.rm del, del.rm { text-decoration: line-through 1.5px #222; }
.fx { outline: 2px solid var(--c); outline-offset: 1px; border-radius: 2px; }
.fx > del { color: #666; text-decoration: line-through 1.5px; }
.fx > ins { text-decoration: underline 2px var(--c); text-underline-offset: 3px; }
.kp { background: var(--c); outline: 1.5px dashed #222; outline-offset: 1px; }
details.rm { display: block; margin: .15em 0; padding: 0 .4em; border-left: 5px solid #222; white-space: pre-wrap; }
details.rm > summary { cursor: pointer; white-space: normal; }
details.rm .preview { text-decoration: line-through 1.5px #222; }
details.rm .size { font-size: .85em; color: #333; font-style: italic; }
.badge { font: bold .85em/1.2 ui-monospace, Menlo, Consolas, monospace; border: 1.5px solid #222; border-radius: .3em;
         padding: 0 .3em; margin: 0 .15em; background: #fff; white-space: pre; vertical-align: .1em; }
.rm > .badge, .kp > .badge { background: var(--c); }
.fx > .badge { border-color: var(--c); }
.ref { font: bold .68em/1 system-ui, sans-serif; vertical-align: .55em; background: #222; color: #fff;
       border-radius: .7em; padding: .05em .4em; margin-right: .2em; text-decoration: none; white-space: nowrap; }
/* Removed blank lines would draw an empty box over several lines: their badge stands for them. */
.blank > del { display: none; }
.m.off.rm { display: none; }
.m.off { background: none; outline: none; }
.m.off > del, .m.off > .badge, .m.off > .ref { display: none; }
.m.off > ins { text-decoration: none; }
.legend table { border-collapse: collapse; width: 100%; }
.legend td { padding: .15em .3em; border-bottom: 1px solid #eee; vertical-align: top; }
.legend td.n { text-align: right; color: #333; font-size: .92em; }
.legend label { cursor: pointer; white-space: nowrap; }
.key { list-style: none; padding: 0; margin: .3em 0; }
.key li { margin: .25em 0; }
.sample { white-space: nowrap; }
.controls button { font: inherit; font-size: .9em; margin: .3em .3em 0 0; }
ol.notes { padding-left: 2.6em; margin: .3em 0; }
ol.notes li { margin: .35em 0; }
ol.notes li:target { background: #fff3b0; }
ol.notes .uses a { font-size: .85em; margin-right: .3em; }
.swatch { display: inline-block; width: 1.1em; height: 1.1em; vertical-align: -.2em; border-radius: 2px; }
.swatch.rm { background: var(--c); border: 1px solid #888; }
.swatch.fx { border: 3px solid var(--c); background: #fff; }
.swatch.kp { background: var(--c); outline: 1.5px dashed #222; }
code { font-size: .92em; background: #f0f0ee; padding: 0 .2em; }
.dropped ol { padding-left: 3em; } .dropped li { margin: .2em 0; white-space: pre-wrap; }
:target { scroll-margin-top: 3em; }
@media (max-width: 70em), print {
  .layout { display: flex; flex-direction: column; gap: 1em; }
  aside { display: contents; }
  .legend { order: -1; } main { order: 0; } .reasons { order: 1; }
}
@media print {
  body { background: #fff; font-size: 11pt; }
  .page { padding: 0; max-width: none; }
  .controls, .legend input, .legend .hint { display: none; }
  .doc { border: none; padding: 0; }
}
"""

# Plain script, no libraries. `#selftest` in the address runs a check of the
# filters and writes what it measured into <pre id="selftest"> (read by the
# browser test through chromium --dump-dom; the page itself judges nothing).
SCRIPT = r"""
(function () {
  "use strict";
  var boxes = Array.prototype.slice.call(document.querySelectorAll("input[data-filter]"));
  var marks = Array.prototype.slice.call(document.querySelectorAll(".m[data-edit]"));
  function apply(box) {
    var category = box.getAttribute("data-filter");
    marks.forEach(function (el) {
      if (el.getAttribute("data-cat") === category) { el.classList.toggle("off", !box.checked); }
    });
  }
  boxes.forEach(function (box) {
    box.addEventListener("change", function () { apply(box); });
    apply(box);  // a reloaded page may come back with boxes unticked
  });
  function setAll(checked) {
    boxes.forEach(function (box) { if (box.checked !== checked) { box.click(); } });
  }
  var all = document.getElementById("show-all"), none = document.getElementById("show-output");
  if (all) { all.addEventListener("click", function () { setAll(true); }); }
  if (none) { none.addEventListener("click", function () { setAll(false); }); }

  function shown(el) { return el.getClientRects().length > 0; }
  function state(el) {
    var parts = Array.prototype.slice.call(el.children).filter(function (c) {
      return c.matches("del, .badge, .ref, summary");
    });
    var rendered = shown(el);
    return {rendered: rendered, marks_shown: parts.filter(shown).length,
            nested: el.querySelector(".m") !== null, text: rendered ? el.innerText : ""};
  }
  function selftest() {
    // Collapsed runs and the dropped blocks open first, so that every mark is on screen to measure.
    Array.prototype.forEach.call(document.querySelectorAll("details"), function (d) { d.open = true; });
    var result = {legend: document.getElementById("legend") !== null, categories: {}};
    boxes.forEach(function (box) {
      var category = box.getAttribute("data-filter");
      var own = marks.filter(function (el) { return el.getAttribute("data-cat") === category; });
      var entry = {ids: own.map(function (el) { return el.getAttribute("data-edit"); })};
      entry.before = own.map(state);
      box.click();
      entry.off = own.map(state);
      box.click();
      entry.on = own.map(state);
      result.categories[category] = entry;
    });
    setAll(false);
    result.output = document.getElementById("doc").innerText;
    setAll(true);
    document.getElementById("selftest").textContent = JSON.stringify(result);
  }
  if (location.hash === "#selftest") { selftest(); }
})();
"""
