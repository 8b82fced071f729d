"""Implementations with one known bug each, following the protocol: the suite must catch them.

Run the whole suite against one with ``pytest --impl tests.bugs.<name>``; tests/test_power.py
checks that the conformance properties find a counterexample for each.
"""
