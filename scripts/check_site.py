"""Open the built site (site/) in headless Chromium, both languages: every page must load without
console errors, pages with formulas must hold MathML, example pages their SVG figure, and no cell of
any figure may have text wider or taller than its box (measured in the browser). The animations
must play (their frames change on a step and while playing), the shape calculator must give the
spec's answer on a few hundred drawn cases, and the error page must recognise every rule's real
torch message. Screenshots of the home page, one example page and one animation in each language go
to site-check/ for a person to look at.

    python -m mkdocs build --strict && python scripts/check_site.py

The checks run in the page: the server below adds the probe script (PROBE) to every HTML page it
serves, with the cases to try, and the probe writes its findings into the DOM that Chromium dumps
(after a virtual-time budget, so that the animations' timers run). The built site itself carries
no test code.
"""

from __future__ import annotations

import functools
import http.server
import json
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile
import threading

ROOT = pathlib.Path(__file__).resolve().parents[1]
SITE = pathlib.Path("site")
SHOTS = pathlib.Path("site-check")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]
CONSOLE_ERROR = re.compile(r"CONSOLE.*(error|Uncaught)|Uncaught", re.IGNORECASE)
FINDINGS = re.compile(r'<pre id="__site_check"[^>]*>(.*?)</pre>', re.DOTALL)


PROBE = r"""
(function () {
  const findings = {overflow: [], animations: {}};
  function report() {
    let out = document.getElementById("__site_check");
    if (!out) { out = document.createElement("pre"); out.id = "__site_check"; out.hidden = true;
                document.body.appendChild(out); }
    out.textContent = JSON.stringify(findings);
  }
  function overflow() {
    findings.overflow = [];
    for (const cell of document.querySelectorAll("svg g.cell")) {
      const box = cell.querySelector("rect"), text = cell.querySelector("text");
      if (!box || !text || !text.textContent) continue;
      const b = text.getBBox(), x = +box.getAttribute("x"), y = +box.getAttribute("y");
      const w = +box.getAttribute("width"), h = +box.getAttribute("height");
      if (b.x < x - 0.5 || b.x + b.width > x + w + 0.5 || b.y < y - 0.5 || b.y + b.height > y + h + 0.5)
        if (findings.overflow.length < 5)
          findings.overflow.push(text.textContent + " (" + b.width.toFixed(1) + "px in " + w + "px)");
    }
  }
  function frameOf(anim) { return anim.getAttribute("data-frame") + "|" + anim.querySelector("svg").innerHTML.length; }
  function animations(done) {
    const anims = document.querySelectorAll("[data-animation]");
    if (!anims.length) return done();
    for (const anim of anims) {
      const name = anim.getAttribute("data-animation"), before = anim.innerHTML;
      anim.querySelector("button[data-action=step]").click();
      findings.animations[name] = {stepped: anim.innerHTML !== before};
    }
    const started = {};
    for (const anim of anims) { started[anim.getAttribute("data-animation")] = anim.innerHTML;
                                anim.querySelector("button[data-action=play]").click(); }
    setTimeout(function () {
      for (const anim of anims) {
        const name = anim.getAttribute("data-animation");
        findings.animations[name].played = anim.innerHTML !== started[name];
        overflow();
      }
      done();
    }, 2500);
  }
  function tool(key, form, check) {
    const cases = (window.__SITE_CHECK_CASES || {})[key];
    const page = document.querySelector(form);
    if (!cases || !page) return;
    const result = {passed: 0, failed: []};
    for (const c of cases) {
      const got = check(page, c);
      if (got === c.expected) result.passed += 1;
      else if (result.failed.length < 10) result.failed.push({input: c, got: got});
    }
    findings[key] = result;
  }
  window.addEventListener("load", function () {
    overflow();
    tool("calculator", "[data-calculator]", function (page, c) {
      page.querySelector("select[name=op]").value = c.op;
      page.querySelector("select[name=op]").dispatchEvent(new Event("change"));
      for (const [name, value] of Object.entries(c.fields)) {
        const field = page.querySelector("[name=" + name + "]");
        if (field.type === "checkbox") field.checked = value; else field.value = value;
      }
      page.querySelector("button[data-action=compute]").click();
      return page.querySelector("[data-result]").getAttribute("data-result");
    });
    tool("explain", "[data-explain]", function (page, c) {
      page.querySelector("select[name=op]").value = c.op;
      page.querySelector("textarea").value = c.message;
      page.querySelector("button[data-action=explain]").click();
      // recognised: the rule is among those the page names (a message two rules share names both)
      const named = Array.from(page.querySelectorAll("[data-rule]")).map(e => e.getAttribute("data-rule"));
      // or a later rule the same call breaks, which torch checked first (tests/test_messages.py)
      return named.some(r => c.accepted.includes(r)) ? c.expected : named.join(",") || null;
    });
    report();
    animations(report);
  });
})();
"""


def chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        if shutil.which(name):
            return name
    sys.exit("check_site: no Chromium found (Debian: apt-get install chromium)")


class _ProbingHandler(http.server.SimpleHTTPRequestHandler):
    """Serves site/, with the probe and its cases added to every HTML page."""

    cases: dict = {}

    def log_message(self, *args):
        pass

    def do_GET(self):
        path = pathlib.Path(self.translate_path(self.path.split("?")[0]))
        if path.is_dir():
            path = path / "index.html"
        if path.suffix != ".html" or not path.exists():
            return super().do_GET()
        probe = (f"<script>window.__SITE_CHECK_CASES = {json.dumps(self.cases)};</script>"
                 f"<script>{PROBE}</script>")
        body = path.read_text(encoding="utf-8").replace("</body>", probe + "</body>", 1).encode("utf-8")
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def serve(cases) -> tuple[http.server.ThreadingHTTPServer, str]:
    handler = type("Handler", (_ProbingHandler,), {"cases": cases})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(SITE)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def run(browser: str, profile: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([browser, *FLAGS, f"--user-data-dir={profile}", "--enable-logging=stderr", "--v=0",
                           *args], capture_output=True, text=True, timeout=120)


def calculator_cases(count: int = 400, seed: int = 0) -> list[dict]:
    """Drawn calls for the shape calculator, each with the spec's answer: 'ok:H,W' (spec's output
    size) or 'rule:<name>' (the first rule the spec says the call breaks)."""
    import random

    from spec.conv import RULES as CONV_RULES, Conv2dCall
    from spec.pool import RULES as POOL_RULES, Pool2dCall
    from spec.rules import first_violation

    rng = random.Random(seed)

    def draw(good, bad):  # mostly valid values, a bad one now and then
        return rng.choice(bad) if rng.random() < 0.04 else rng.randint(*good)

    cases = []
    for _ in range(count):
        op = rng.choice(["conv2d", "max_pool2d", "avg_pool2d"])
        sizes = [draw((1, 12), [0]) for _ in range(2)]
        kernels = [draw((1, 5), [0]) for _ in range(2)]
        strides = [draw((1, 3), [0]) for _ in range(2)]
        # pooling pads at most half its window: draw mostly within that
        paddings = [draw((0, 3 if op == "conv2d" else max(kernel // 2, 0)), [-1, 4]) for kernel in kernels]
        dilations = [draw((1, 2), [0]) for _ in range(2)] if op != "avg_pool2d" else [1, 1]
        fields = {f"{key}{i}": values[i] for key, values in (("size", sizes), ("kernel", kernels), ("stride", strides),
                                                               ("padding", paddings), ("dilation", dilations))
                  for i in range(2)}
        if op == "conv2d":
            string = rng.choice(["", "", "", "same", "valid"])
            mode = rng.choice(["zeros", "zeros", "reflect", "replicate", "circular"])
            fields.update(padding_string=string, padding_mode=mode)
            call = Conv2dCall((1, 1, *sizes), (1, 1, *kernels), stride=tuple(strides), padding=string or tuple(paddings),
                              dilation=tuple(dilations), padding_mode=mode)
            rule = first_violation(CONV_RULES, call)
        else:
            ceil_mode = rng.random() < 0.5
            default_stride = rng.random() < 0.3
            if default_stride:
                fields.update(stride0="", stride1="")
            fields.update(ceil_mode=ceil_mode)
            call = Pool2dCall(op, (1, 1, *sizes), "float32", tuple(kernels), None if default_stride else tuple(strides),
                              tuple(paddings), tuple(dilations), ceil_mode)
            rule = first_violation(POOL_RULES, call)
        expected = f"rule:{rule.name}" if rule else "ok:" + ",".join(map(str, call.output_size))
        cases.append({"op": op, "fields": fields, "expected": expected})
    return cases


def error_cases(examples: int = 3) -> list[dict]:
    """Real torch messages for calls breaking each rule torch raises for (tests/test_messages.py
    draws and runs them), each with the rule drawn for and the rules the page may name."""
    from tests.test_messages import CASES, torch_messages

    cases = []
    for op, rule in CASES:
        messages = torch_messages(op, rule, examples)
        if not messages:
            sys.exit(f"check_site: no torch message drawn for {op} {rule}")
        cases += [{"op": op, "message": message, "expected": rule, "accepted": accepted}
                  for message, accepted in messages]
    return cases


def tool_cases() -> dict:
    """The cases the calculator and error pages are tried on, if those pages are built."""
    cases = {}
    sys.path.insert(0, str(ROOT))
    if (SITE / "calculator" / "index.html").exists():
        cases["calculator"] = calculator_cases()
    if (SITE / "explain" / "index.html").exists():
        cases["explain"] = error_cases()
    return cases


def language_switch(path: str, dom: str, pages: set[str]) -> list[str]:
    """The switch must lead to this same page in the other language, and that page must exist."""
    import posixpath

    problems = []
    english = path[len("zh/"):] if path.startswith("zh/") else path
    for lang, want in (("en", english), ("zh", "zh/" + english)):
        link = re.search(rf'<a href="([^"]*)"\s+hreflang="{lang}"', dom)
        if not link:
            problems.append(f"no language switch to {lang}")
            continue
        target = posixpath.normpath(posixpath.join(path or ".", link.group(1))).lstrip("./")
        target = "" if target in ("", ".") else target + "/"
        if target != want or (target.rstrip("/") or ".") not in pages:
            problems.append(f"language switch to {lang} leads to '{target}', not '{want}'")
    return problems


def check_page(path: str, dom: str, findings: dict) -> list[str]:
    problems = []
    if re.match(r"(zh/)?(examples/|spec/shapes)", path) and "<math" not in dom:
        problems.append("no MathML formula rendered")
    if re.match(r"(zh/)?examples/", path) and "<svg" not in dom:
        problems.append("no window figure")
    for overflow in findings.get("overflow", []):
        problems.append(f"cell text overflows its box: {overflow}")
    for name, result in findings.get("animations", {}).items():
        if not (result.get("stepped") and result.get("played")):
            problems.append(f"animation {name} does not play: {result}")
    if re.match(r"(zh/)?animations/", path) and len(findings.get("animations", {})) < 9:
        problems.append(f"expected 9 animations, found {len(findings.get('animations', {}))}")
    for key in ("calculator", "explain"):
        if re.match(rf"(zh/)?{key}/", path):
            result = findings.get(key)
            if not result or result["failed"]:
                problems.append(f"{key}: {result and result['failed'][:3]}")
            elif result["passed"] == 0:
                problems.append(f"{key}: no case was tried")
    return problems


def untranslated() -> list[str]:
    """The spec's rules and behaviours that docs/hooks/zh_spec.py has no Chinese for."""
    sys.path.insert(0, str(ROOT / "docs" / "hooks"))
    import zh_spec
    from spec.behaviours import BEHAVIOURS
    from specs import CONV_RULES, POOL_RULES

    return zh_spec.missing(CONV_RULES, POOL_RULES, BEHAVIOURS)


def main() -> int:
    browser, failures = chromium(), []
    cases = tool_cases()
    server, root = serve(cases)
    pages = sorted(p.relative_to(SITE).parent.as_posix() for p in SITE.rglob("index.html")
                   if "assets" not in p.parts and "search" not in p.parts)
    tried = {}
    with tempfile.TemporaryDirectory() as profile:
        for page in pages:
            path = "" if page == "." else page + "/"
            result = run(browser, profile, "--virtual-time-budget=6000", "--dump-dom", root + path)
            errors = [line for line in result.stderr.splitlines() if CONSOLE_ERROR.search(line)]
            if errors:
                failures.append(f"{path or '/'}: console: {errors[0]}")
            found = FINDINGS.search(result.stdout)
            if not found:
                failures.append(f"{path or '/'}: the probe did not report")
                continue
            findings = json.loads(found.group(1).replace("&quot;", '"').replace("&lt;", "<")
                                  .replace("&gt;", ">").replace("&amp;", "&"))
            for key in ("calculator", "explain"):
                if key in findings:
                    tried[path] = findings[key]["passed"]
            failures += [f"{path or '/'}: {problem}" for problem in check_page(path, result.stdout, findings)
                         + language_switch(path, result.stdout, set(pages))]
        SHOTS.mkdir(exist_ok=True)
        shots = [("home", ""), ("example", "examples/note-000-padding-1/")]
        if (SITE / "animations" / "index.html").exists():
            shots.append(("animation", "animations/"))
        for name, path in shots:
            for lang, prefix in (("en", ""), ("zh", "zh/")):
                run(browser, profile, "--window-size=1280,2000", "--virtual-time-budget=3000",
                    f"--screenshot={SHOTS / f'{name}-{lang}'}.png", root + prefix + path)
    server.shutdown()
    print(f"check_site: {len(pages)} pages, {len(failures)} problems; screenshots in {SHOTS}/")
    for path, passed in tried.items():
        print(f"  {path}: {passed} cases agree with the spec")
    for failure in failures:
        print("  " + failure)
    for name in untranslated():
        print(f"  note: not translated for the Chinese pages (shown in English): {name}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
