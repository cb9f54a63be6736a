"""Relay wire protocols: one module per family, async calls over httpx, typed results and errors.

No storage, no UI, no knowledge of jobs. `RelayClient` (client.py) is the one door to the network.
"""
