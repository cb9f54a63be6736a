"""Durable jobs: store, state machine, runner (lands with the jobs issue)."""
