// Draws the animations of docs/hooks/animations.py: each [data-animation] element carries its frames
// (computed at build time by the reference) in data-frames; this script only draws them and steps
// through them. No network, no library.
(function () {
  "use strict";
  var GAP = 40, TOP = 20;

  function esc(text) {
    return String(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  }

  function cell(x, y, w, h, fill, text, textFill, title, dashed) {
    var out = '<g class="cell">' + (title ? "<title>" + esc(title) + "</title>" : "") +
      '<rect x="' + x + '" y="' + y + '" width="' + w + '" height="' + h + '" fill="' + fill +
      '" stroke="#555" stroke-width="1"' + (dashed ? ' stroke-dasharray="3 3"' : "") + "/>";
    if (text !== null && text !== undefined && text !== "")
      out += '<text x="' + (x + w / 2) + '" y="' + (y + h * 0.68) + '" text-anchor="middle" fill="' +
        (textFill || "#000") + '" font-family="DejaVu Sans Mono, Menlo, Consolas, monospace" font-size="12">' +
        esc(text) + "</text>";
    return out + "</g>";
  }

  function label(x, y, text) {
    return '<text x="' + x + '" y="' + y + '" font-size="13" font-family="sans-serif">' + esc(text) + "</text>";
  }

  function format(template, values) {
    return template.replace(/\{(\w+)\}/g, function (all, key) { return key in values ? values[key] : all; });
  }

  // A transposed convolution's frame: one input element (orange) and the copy of the kernel it
  // scatters (dark blue) into the output so far (frame.partial; cyan where earlier copies wrote).
  function drawScatter(data, labels, index) {
    var w = data.cell, h = data.height, frame = data.frames[index], parts = [];
    var rows = data.input.length, cols = data.input[0].length;
    parts.push(label(0, 14, labels.scatter_input));
    for (var r = 0; r < rows; r++)
      for (var c = 0; c < cols; c++) {
        var here = r === frame.r && c === frame.c;
        parts.push(cell(c * w, TOP + r * h, w, h, here ? "#ffd27f" : "#9ecae1", data.input[r][c]));
      }
    var x0 = cols * w + GAP, written = {};
    for (var i = 0; i <= index; i++)
      data.frames[i].taps[0].forEach(function (a) { data.frames[i].taps[1].forEach(function (b) { written[a + "," + b] = i; }); });
    parts.push(label(x0, 14, labels.output));
    for (r = 0; r < data.out_rows; r++)
      for (c = 0; c < data.out_cols; c++) {
        var key = r + "," + c, now = key in written && frame.taps[0].indexOf(r) >= 0 && frame.taps[1].indexOf(c) >= 0;
        parts.push(cell(x0 + c * w, TOP + r * h, w, h, now ? "#2b6cd4" : key in written ? "#7fdbda" : "#ffffff",
                        key in written ? frame.partial[r][c] : "", now ? "#fff" : "#000"));
      }
    return {parts: parts, width: x0 + data.out_cols * w, rows: Math.max(rows, data.out_rows)};
  }

  function draw(root, data, labels, index) {
    var w = data.cell, h = data.height, frame = data.frames[index];
    if (data.scatter) {
      var drawn = drawScatter(data, labels, index);
      finish(root, data, labels, index, drawn.parts, drawn.width, drawn.rows,
             format(labels.frame_scatter, {i: index + 1, total: data.frames.length, r: frame.r, c: frame.c, value: frame.value,
                                                    row: frame.taps[0][0], col: frame.taps[1][0]}));
      return;
    }
    var taps = {};
    frame.taps[0].forEach(function (r) { frame.taps[1].forEach(function (c) { taps[r + "," + c] = true; }); });
    var rows = data.input.length, cols = data.input[0].length, parts = [label(0, 14, labels.input)];
    for (var r = 0; r < rows; r++) {
      for (var c = 0; c < cols; c++) {
        var beyond = c >= data.beyond, tapped = taps[r + "," + c];
        var fill = beyond ? "#ffffff" : data.pad[r][c] ? "#e6e6e6" : "#9ecae1";
        if (tapped) fill = frame.dropped ? "#d43b2b" : "#2b6cd4";
        var value = data.input[r][c];
        parts.push(cell(c * w, TOP + r * h, w, h, fill, value === null ? "" : value, tapped ? "#fff" : "#000",
                        null, beyond));
      }
    }
    var x0 = cols * w + GAP;
    parts.push(label(x0, 14, labels.output));
    var done = {};
    for (var i = 0; i <= index; i++) if (!data.frames[i].dropped) done[data.frames[i].r + "," + data.frames[i].c] = data.frames[i].value;
    for (r = 0; r < data.out_rows; r++) {
      for (c = 0; c < data.out_cols; c++) {
        var key = r + "," + c, here = !frame.dropped && frame.r === r && frame.c === c;
        parts.push(cell(x0 + c * w, TOP + r * h, w, h, here ? "#ffd27f" : key in done ? "#7fdbda" : "#ffffff",
                        key in done ? done[key] : ""));
      }
    }
    var caption = frame.dropped ? labels.frame_dropped : labels.frame;
    finish(root, data, labels, index, parts, x0 + data.out_cols * w, Math.max(rows, data.out_rows),
           format(caption, {i: index + 1, total: data.frames.length, r: frame.r, c: frame.c, value: frame.value}));
  }

  // The kernel beside the grids, the SVG, the caption and the frame number.
  function finish(root, data, labels, index, parts, width, rows, caption) {
    var w = data.cell, h = data.height, r, c;
    if (data.kernel) {
      var k0 = width + GAP, kh = data.kernel.length;
      parts.push(label(k0, 14, labels.kernel));
      for (r = 0; r < kh; r++)
        for (c = 0; c < data.kernel[r].length; c++)
          parts.push(cell(k0 + c * w, TOP + r * h, w, h, "#f3e6ff", data.kernel[r][c]));
      width = k0 + data.kernel[0].length * w;
    }
    var height = TOP + Math.max(rows, data.kernel ? data.kernel.length : 0) * h + 2;
    root.querySelector(".conv-animation-figure").innerHTML =
      '<svg xmlns="http://www.w3.org/2000/svg" width="' + (width + 2) + '" height="' + height +
      '" viewBox="0 0 ' + (width + 2) + " " + height + '" role="img">' + parts.join("") + "</svg>";
    root.querySelector(".conv-animation-caption").textContent = caption;
    root.setAttribute("data-frame", index);
  }

  function init(root) {
    var data = JSON.parse(root.getAttribute("data-frames"));
    var labels = JSON.parse(root.getAttribute("data-labels"));
    var index = 0, timer = null;
    root.innerHTML = '<div class="conv-animation-figure"></div>' +
      '<p class="conv-animation-caption"></p><p class="conv-animation-controls">' +
      ["reset", "back", "play", "step"].map(function (action) {
        return '<button type="button" class="md-button" data-action="' + action + '">' + esc(labels[action]) +
          "</button>";
      }).join(" ") + "</p>";
    function show(i) { index = (i + data.frames.length) % data.frames.length; draw(root, data, labels, index); }
    function pause() {
      clearInterval(timer); timer = null;
      root.querySelector("[data-action=play]").textContent = labels.play;
    }
    root.querySelector("[data-action=reset]").onclick = function () { pause(); show(0); };
    root.querySelector("[data-action=back]").onclick = function () { pause(); show(index - 1); };
    root.querySelector("[data-action=step]").onclick = function () { pause(); show(index + 1); };
    root.querySelector("[data-action=play]").onclick = function () {
      if (timer) return pause();
      timer = setInterval(function () { show(index + 1); }, 700);
      this.textContent = labels.pause;
    };
    show(0);
  }

  document.querySelectorAll("[data-animation]").forEach(init);
})();
