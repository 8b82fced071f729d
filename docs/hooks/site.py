"""mkdocs hook: generate the example and spec pages from the code at build time."""

import os
import sys

sys.path.insert(0, os.path.dirname(__file__))

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
