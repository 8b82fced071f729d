"""Imported by --isolate's fork server: the implementation under test (named in the environment),
so that every worker forked from the server has it already."""

import os

from .loading import load_module

if os.environ.get("CONVSPEC_ISOLATED_IMPL"):
    load_module(os.environ["CONVSPEC_ISOLATED_IMPL"])
