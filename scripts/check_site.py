"""Open the built site (site/) in headless Chromium: every page must load without console errors,
pages with formulas must hold MathML, example pages their SVG figure; screenshots of the home page
and one example page go to site-check/ for a person to look at.

    python -m mkdocs build --strict && python scripts/check_site.py
"""

from __future__ import annotations

import functools
import http.server
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile
import threading

SITE = pathlib.Path("site")
SHOTS = pathlib.Path("site-check")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]
CONSOLE_ERROR = re.compile(r"CONSOLE.*(error|Uncaught)|Uncaught", re.IGNORECASE)


def chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        if shutil.which(name):
            return name
    sys.exit("check_site: no Chromium found (Debian: apt-get install chromium)")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve() -> tuple[http.server.ThreadingHTTPServer, str]:
    handler = functools.partial(_QuietHandler, directory=str(SITE))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def run(browser: str, profile: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([browser, *FLAGS, f"--user-data-dir={profile}", "--enable-logging=stderr", "--v=0",
                           *args], capture_output=True, text=True, timeout=60)


def main() -> int:
    browser, failures = chromium(), []
    server, root = serve()
    pages = sorted(p.relative_to(SITE).parent.as_posix() for p in SITE.rglob("index.html")
                   if "assets" not in p.parts and "search" not in p.parts)
    with tempfile.TemporaryDirectory() as profile:
        for page in pages:
            path = "" if page == "." else page + "/"
            result = run(browser, profile, "--dump-dom", root + path)
            errors = [line for line in result.stderr.splitlines() if CONSOLE_ERROR.search(line)]
            if errors:
                failures.append(f"{path or '/'}: console: {errors[0]}")
            if (path.startswith("examples/") or path.startswith("spec/shapes")) and "<math" not in result.stdout:
                failures.append(f"{path}: no MathML formula rendered")
            if path.startswith("examples/") and "<svg" not in result.stdout:
                failures.append(f"{path}: no window figure")
        SHOTS.mkdir(exist_ok=True)
        for name, path in [("home", ""), ("example", "examples/note-000-padding-1/")]:
            run(browser, profile, "--window-size=1280,2400", f"--screenshot={SHOTS / name}.png", root + path)
    server.shutdown()
    print(f"check_site: {len(pages)} pages, {len(failures)} problems; screenshots in {SHOTS}/")
    for failure in failures:
        print("  " + failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
