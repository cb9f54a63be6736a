"""The icon set: every name is a bundled SVG, drawn in the palette's colours and again after a theme switch."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QIcon, QPalette
from PySide6.QtWidgets import QApplication

from studio.views.icons import ICONS, NAMES, icon
from studio.views.theme import apply_theme


def _ink(pixmap_icon: QIcon, mode: QIcon.Mode = QIcon.Mode.Normal) -> set[str]:
    """The opaque colours of the icon drawn at 24 px."""
    image = pixmap_icon.pixmap(QSize(24, 24), 1.0, mode).toImage()
    colours = set()
    for y in range(image.height()):
        for x in range(image.width()):
            pixel = image.pixelColor(x, y)
            if pixel.alpha() == 255:
                colours.add(pixel.name())
    return colours


def test_every_icon_is_a_bundled_svg_that_draws_something(qapp: QApplication) -> None:
    assert sorted(p.stem for p in ICONS.glob("*.svg") if p.stem != "relay-studio") == sorted(NAMES)
    for name in NAMES:
        assert _ink(icon(name)), name
    assert icon("play") is icon("play")  # cached


def test_icons_take_the_palette_colour_and_follow_a_theme_switch(qapp: QApplication) -> None:
    palette, style = qapp.palette(), qapp.style().name()
    try:
        for theme in ("dark", "light", "dark"):
            apply_theme(qapp, theme)
            text = qapp.palette().color(QPalette.ColorRole.ButtonText).name()
            assert _ink(icon("stop")) == {text}
            disabled = qapp.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText)
            assert _ink(icon("stop"), QIcon.Mode.Disabled) == {disabled.name()}
        assert _ink(icon("star-filled", "#f0b400")) == {QColor("#f0b400").name()}
    finally:
        qapp.setStyle(style)
        qapp.setPalette(palette)


def test_an_unknown_name_is_refused(qapp: QApplication) -> None:
    with pytest.raises(ValueError, match="No icon is named"):
        icon("rocket")
