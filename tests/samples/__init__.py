"""Small implementations written to check the harness itself (tests/test_harness.py): one that
does not support some options and hides a bug in what it does support, one that crashes and one
that hangs, one with three distinct bugs, one that warns. Unlike tests/bugs they are not zoo
members: each misbehaves in several ways at once, as real backends do."""
