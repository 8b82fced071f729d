// The shape calculator of docs/hooks/calculator.py. Every formula and rule condition it evaluates
// comes from the page's data-model, compiled from spec/ at build time; this script only reads the
// form, evaluates them and writes the steps. No network, no library.
(function () {
  "use strict";
  var ARGS = ["n", "k", "s", "p", "p_l", "p_r", "d", "o"];

  function compile(js) { return new Function(ARGS.join(","), "return (" + js + ");"); }
  function call(js, v) { return compile(js).apply(null, ARGS.map(function (a) { return v[a] === undefined ? 0 : v[a]; })); }
  function fill(template, v) { return template.replace(/\{(\w+)\}/g, function (_, name) { return v[name]; }); }
  function esc(text) { return String(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;"); }

  function field(name, label, value, extra) {
    return '<label style="display:inline-block;margin:0 1em .4em 0">' + esc(label) + " " +
      '<input type="number" name="' + name + '" value="' + value + '" style="width:4.5em;border:1px solid #999;border-radius:3px;padding:1px 4px" ' + (extra || "") +
      "></label>";
  }

  function pair(key, words, values, extra) {
    return '<div data-field="' + key + '"><strong>' + esc(words[key]) + "</strong><br>" +
      field(key + "0", words.height, values[0], extra) + field(key + "1", words.width, values[1], extra) + "</div>";
  }

  function init(root) {
    var model = JSON.parse(root.getAttribute("data-model")), w = JSON.parse(root.getAttribute("data-words"));
    root.innerHTML =
      '<form onsubmit="return false">' +
      '<p><label><strong>' + esc(w.op) + '</strong> <select name="op">' +
      ["conv2d", "max_pool2d", "avg_pool2d"].map(function (op) { return "<option>" + op + "</option>"; }).join("") +
      "</select></label></p>" +
      pair("size", w, [32, 32]) + pair("kernel", w, [3, 3]) +
      pair("stride", w, [1, 1], 'placeholder="' + esc(w.stride_blank) + '"') + pair("padding", w, [0, 0]) +
      '<div data-field="padding_string"><label>' + esc(w.padding_string) + ' <select name="padding_string">' +
      '<option value="">' + esc(w.numbers) + "</option><option>same</option><option>valid</option></select></label></div>" +
      pair("dilation", w, [1, 1]) +
      '<div data-field="padding_mode"><label>' + esc(w.padding_mode) + ' <select name="padding_mode">' +
      "<option>zeros</option><option>reflect</option><option>replicate</option><option>circular</option>" +
      "</select></label></div>" +
      '<div data-field="ceil_mode"><label><input type="checkbox" name="ceil_mode"> ' + esc(w.ceil_mode) +
      "</label></div>" +
      '<p><button type="button" class="md-button md-button--primary" data-action="compute">' + esc(w.compute) +
      "</button></p></form><div data-result></div>";
    var form = root.querySelector("form"), out = root.querySelector("[data-result]");
    function get(name) { return form.querySelector("[name=" + name + "]"); }
    function num(name) { return parseInt(get(name).value, 10); }

    function show() {
      var op = get("op").value, conv = op === "conv2d";
      var visible = {padding_string: conv, padding_mode: conv, dilation: op !== "avg_pool2d", ceil_mode: !conv};
      Object.keys(visible).forEach(function (key) {
        root.querySelector("[data-field=" + key + "]").style.display = visible[key] ? "" : "none";
      });
      if (!conv && get("stride0").value === "1" && get("stride1").value === "1") {
        get("stride0").value = ""; get("stride1").value = "";
      }
    }

    function dims(op) {
      var conv = op === "conv2d", m = model[op], result = [];
      for (var i = 0; i < 2; i++) {
        var v = {n: num("size" + i), k: num("kernel" + i), d: op === "avg_pool2d" ? 1 : num("dilation" + i)};
        var stride = get("stride" + i).value;
        v.s = !conv && stride === "" ? v.k : parseInt(stride, 10);
        if (conv) {
          var string = get("padding_string").value;
          if (string === "same") { v.p_l = call(m.same[0], v); v.p_r = call(m.same[1], v); }
          else if (string === "valid") { v.p_l = v.p_r = 0; }
          else { v.p = v.p_l = v.p_r = num("padding" + i); }
        } else {
          v.p = num("padding" + i);
        }
        result.push(v);
      }
      return result;
    }

    function broken(op, values, options) {
      var rules = model[op].rules;
      for (var r = 0; r < rules.length; r++) {
        var rule = rules[r], applies = Object.keys(rule.when).every(function (key) { return options[key] === rule.when[key]; });
        if (!applies) continue;
        for (var i = 0; i < 2; i++) {
          if (rule.needs_output && values[i].o === undefined) continue;
          if (call(rule.test, values[i])) return {rule: rule, dim: i};
        }
      }
      return null;
    }

    function compute() {
      var op = get("op").value, conv = op === "conv2d", m = model[op], values = dims(op);
      var string = conv ? get("padding_string").value : "";
      var options = {padding_mode: get("padding_mode").value, padding_string: string || null, numeric: !string};
      var ceil = get("ceil_mode").checked;
      var early = broken(op, values.map(function (v) { return Object.assign({}, v, {o: undefined}); }), options);
      if (!early && !conv) {
        values.forEach(function (v) { v.o = ceil ? call(m.ceil_js, v) : call(m.floor.js, v); });
        early = broken(op, values, options);
      }
      var dimName = [w.height, w.width], html = "";
      if (early) {
        var rule = early.rule, v = values[early.dim];
        html = "<p><strong>" + esc(w.broken) + " <code>" + rule.name + "</code></strong>: " + esc(rule.message) +
          w.stop + "</p><p>" + esc(w.why) + " " + esc(w.in_dim.replace("{dim}", dimName[early.dim])) + ": <code>" +
          esc(rule.lhs + " " + rule.rel + " " + rule.rhs) + "</code>, <code>" +
          esc(fill(rule.lhs_t, v) + " = " + call(rule.lhs_js, v) + " " + rule.rel + " " + fill(rule.rhs_t, v) +
              " = " + call(rule.rhs_js, v)) +
          "</code>" + w.stop + "</p>";
        out.setAttribute("data-result", "rule:" + rule.name);
        out.innerHTML = html;
        return;
      }
      var sizes = [];
      for (var i = 0; i < 2; i++) {
        var v = values[i], steps = [];
        if (conv) {
          var f = string ? m.size_lr : m.size;
          if (string === "same") steps.push(w.same_is.replace("{dim}", dimName[i]).replace("{l}", v.p_l).replace("{r}", v.p_r));
          v.o = call(f.js, v);
          steps.push(w.formula + ": n_out = " + f.text, w.numbers_in + ": n_out = " + fill(f.template, v) + " = " + v.o);
        } else if (!ceil) {
          steps.push(w.formula + ": n_out = " + m.floor.text, w.numbers_in + ": n_out = " + fill(m.floor.template, v) + " = " + v.o);
        } else {
          var count = call(m.ceil.js, v), start = call(m.drop.js, v);
          steps.push(w.ceil_first + ": m = " + m.ceil.text, w.numbers_in + ": m = " + fill(m.ceil.template, v) + " = " + count,
                     w.ceil_drop + " " + m.drop.text + " = " + fill(m.drop.template, v) + " = " + start + " " +
                     (v.o < count ? w.dropped : w.kept).replace("{np}", v.n + v.p), "n_out = " + v.o);
        }
        sizes.push(v.o);
        html += "<p><strong>" + esc(dimName[i]) + "</strong></p><ol>" +
          steps.map(function (s) { return "<li><code>" + esc(s) + "</code></li>"; }).join("") + "</ol>";
      }
      out.setAttribute("data-result", "ok:" + sizes.join(","));
      out.innerHTML = "<p><strong>" + esc(w.ok.replace("{h}", sizes[0]).replace("{w}", sizes[1])) + "</strong></p>" + html;
    }

    get("op").addEventListener("change", show);
    form.addEventListener("change", compute);  // the steps follow every change
    root.querySelector("[data-action=compute]").addEventListener("click", compute);
    show();
    compute();
  }

  document.querySelectorAll("[data-calculator]").forEach(init);
})();
