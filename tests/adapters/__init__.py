"""Implementations under test that ship with convspec, each a module following the protocol
(README, "Test your own implementation")."""
