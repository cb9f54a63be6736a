"""Widgets only, each bound to one view-model."""
