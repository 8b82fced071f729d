// The "explain my error" page of docs/hooks/explain.py: matches a pasted torch message against the
// patterns of spec/messages.py (in the page's data-model) and shows the rules it names. No network.
(function () {
  "use strict";
  function esc(text) { return String(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;"); }

  function init(root) {
    var model = JSON.parse(root.getAttribute("data-model")), w = JSON.parse(root.getAttribute("data-words"));
    var patterns = model.patterns.map(function (p) { return Object.assign({re: new RegExp(p.regex, "m")}, p); });
    root.innerHTML = '<p><label><strong>' + esc(w.op) + '</strong> <select name="op"><option value="">' +
      esc(w.auto) + "</option><option>conv2d</option><option>max_pool2d</option><option>avg_pool2d</option>" +
      '</select></label></p><textarea rows="5" style="width:100%;font-family:monospace;border:1px solid #999" ' +
      'placeholder="' + esc(w.placeholder) + '"></textarea><p><button type="button" ' +
      'class="md-button md-button--primary" data-action="explain">' + esc(w.explain) +
      "</button></p><div data-explanation></div>";
    var out = root.querySelector("[data-explanation]");

    function explain() {
      var text = root.querySelector("textarea").value.trim(), op = root.querySelector("select").value;
      var family = op === "" ? null : op === "conv2d" ? "conv2d" : "pool2d", seen = {}, found = [];
      patterns.forEach(function (p) {
        if (family && p.family !== family) return;
        var match = p.re.exec(text), key = p.family + "/" + p.rule;
        if (!match || seen[key]) return;
        seen[key] = true;
        found.push({pattern: p, match: match[0], key: key});
      });
      found.sort(function (a, b) { return a.pattern.also - b.pattern.also; });
      if (!text) { out.innerHTML = ""; return; }
      if (!found.length) { out.innerHTML = "<p>" + esc(w.none) + "</p>"; return; }
      out.innerHTML = found.map(function (f, i) {
        var rule = model.rules[f.key];
        return '<div class="admonition ' + (f.pattern.also ? "note" : "failure") + '" data-rule="' + f.pattern.rule +
          '"><p class="admonition-title">' + esc(f.pattern.also ? w.also : w.rule) + " <code>" + f.pattern.rule +
          "</code> (" + esc(w.family[f.pattern.family]) + ")</p>" +
          "<p><strong>" + esc(w.asks) + ":</strong> " + esc(rule.message) + w.stop + "</p>" +
          "<p><strong>" + esc(w.torch_said) + ":</strong> <code>" + esc(f.match) + "</code></p>" +
          (rule.fix ? "<p><strong>" + esc(w.fix) + ":</strong> " + esc(rule.fix) + "</p>" : "") + "</div>";
      }).join("");
    }
    root.querySelector("[data-action=explain]").addEventListener("click", explain);
    root.querySelector("textarea").addEventListener("input", explain);
    root.querySelector("select").addEventListener("change", explain);
    // A message in the address (explain/?message=...) is explained at once: a link can share it.
    var given = new URLSearchParams(window.location.search).get("message");
    if (given) { root.querySelector("textarea").value = given; explain(); }
  }

  document.querySelectorAll("[data-explain]").forEach(init);
})();
