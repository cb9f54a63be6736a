"""Helpers shared by the tests (fakes that are not the relay server)."""
