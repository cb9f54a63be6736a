"""Installed as the package `relay_studio_resources` (pyproject.toml maps it to this folder), so the
app finds its icons and compiled translations (studio/resources.py), from a wheel as from a
checkout's editable install. The `.qm` files must be built (`packaging/i18n.py compile`) before a
wheel is, or the wheel ships without them."""
