"""The local library of generated assets (lands with the gallery issue)."""
