"""One QObject per tab or panel: Signals out, async slots in. No widgets."""
