"""Relay Studio: a desktop studio and CLI for creators who use OpenAI-compatible AI relays."""

__version__ = "0.1.0"
