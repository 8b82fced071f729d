# The reproductions are scripts (run by tests/test_backend_repros.py, and by hand), not modules
# for --doctest-modules to import: importing one runs it, exits, and needs its backend.
collect_ignore_glob = ["*.py"]
