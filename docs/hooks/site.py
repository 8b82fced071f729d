"""mkdocs hook: generate the example and spec pages from the code at build time, in both languages.

The English site is at the root, the Chinese one under zh/ (same paths). mkdocs-static-i18n 1.3.1
cannot carry hook-generated pages: its on_files rebuilds every File from its path on disk
(``File(file.src_path, config.docs_dir, ...)``), which drops a generated page's content. So the
hook generates both trees, the nav has one tab per language, and Material's language switch
(``extra.alternate``) is pointed at the same page in the other language here.
"""

import os
import posixpath
import re
import sys

sys.path.insert(0, os.path.dirname(__file__))
# The checkout's own spec/ and reference/ before any installed copy (an editable install points at
# one checkout; a site built from another worktree must show that worktree's code).
sys.path.insert(1, os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))

from mkdocs.structure.files import File  # noqa: E402

import pages  # noqa: E402

_generated = {}


def on_config(config):
    config["nav"] = pages.nav()
    return config


def on_files(files, config):
    _generated.clear()
    _generated.update(pages.generated_pages())
    for path, content in _generated.items():
        files.append(File.generated(config, path, content=content))
    return files


def _counterpart(url: str) -> tuple[str, str]:
    """(English URL, Chinese URL) of the page at ``url`` (site-relative, directory URLs)."""
    english = url[len("zh/"):] if url.startswith("zh/") else url
    return english, "zh/" + english


def on_post_page(output, page, config):
    """The page's language in <html lang>, and the language switch pointing at this same page."""
    zh = page.url.startswith("zh/")
    english, chinese = _counterpart(page.url)
    here = page.url.rstrip("/") or "."  # directory URLs: the page's URL is its folder

    def relative(target):
        return posixpath.relpath(target.rstrip("/") or ".", here) + "/"

    output = output.replace('<html lang="en"', f'<html lang="{"zh-Hans" if zh else "en"}"', 1)
    for lang, target in (("en", english), ("zh", chinese)):
        output = re.sub(rf'(<a href=")[^"]*("\s+hreflang="{lang}")',
                        lambda m, target=target: m.group(1) + relative(target) + m.group(2), output)
    return output
