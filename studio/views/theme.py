"""Light and dark looks: Fusion with a palette that follows the OS scheme, or a forced one.

Two flaws are fixed here rather than in each widget: in a dark palette, Fusion draws the outline of an
unchecked check box or radio button in the window colour darkened, which vanishes against a dark
base; and Chinese text inside the Latin UI font, drawn by a CJK fallback much denser than the Latin face,
reads as bold. See docs/UI.md for the palette roles the rest of the views draw with.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPalette, QPen
from PySide6.QtWidgets import QApplication, QProxyStyle, QStyle, QStyleOption, QWidget

# The CJK face that matches the UI font's regular weight (fonts-noto-cjk); tried in this order.
CJK_FAMILIES = ("Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC")
_INDICATORS = (QStyle.PrimitiveElement.PE_IndicatorCheckBox, QStyle.PrimitiveElement.PE_IndicatorRadioButton)


class _Style(QProxyStyle):
    """Fusion, with check box and radio button outlines drawn in a colour that stands out from the base."""

    def drawPrimitive(self, element: QStyle.PrimitiveElement, option: QStyleOption, painter: QPainter,
                      widget: QWidget | None = None) -> None:
        super().drawPrimitive(element, option, painter, widget)
        if element not in _INDICATORS or option.palette.color(QPalette.ColorRole.Base).lightness() > 96:
            return
        state = option.state
        role = QPalette.ColorRole.Highlight if state & QStyle.StateFlag.State_HasFocus else QPalette.ColorRole.Mid
        color = QColor(option.palette.color(role))
        if not state & QStyle.StateFlag.State_Enabled:
            color.setAlpha(110)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(color, 1.2))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        rect = QRectF(option.rect).adjusted(0.6, 0.6, -0.6, -0.6)
        if element == QStyle.PrimitiveElement.PE_IndicatorRadioButton:
            painter.drawEllipse(rect)
        else:
            painter.drawRoundedRect(rect, 2, 2)
        painter.restore()


_style: _Style | None = None  # the application owns it once set; kept here so Python never collects it first


def _dark_palette() -> QPalette:
    palette = QPalette()
    colors = {
        QPalette.ColorRole.Window: "#202124",
        QPalette.ColorRole.WindowText: "#e8e8e8",
        QPalette.ColorRole.Base: "#17181a",
        QPalette.ColorRole.AlternateBase: "#26272a",
        QPalette.ColorRole.ToolTipBase: "#2b2c2f",
        QPalette.ColorRole.ToolTipText: "#e8e8e8",
        QPalette.ColorRole.Text: "#e8e8e8",
        QPalette.ColorRole.Button: "#2b2c2f",
        QPalette.ColorRole.ButtonText: "#e8e8e8",
        QPalette.ColorRole.BrightText: "#ff6b6b",
        QPalette.ColorRole.Link: "#7ab7ff",
        QPalette.ColorRole.LinkVisited: "#b48ef0",
        QPalette.ColorRole.Highlight: "#3d7bd9",
        QPalette.ColorRole.HighlightedText: "#ffffff",
        QPalette.ColorRole.PlaceholderText: "#8a8a8a",
        QPalette.ColorRole.Mid: "#8d9096",  # the outline of check boxes and radio buttons (see _Style)
    }
    for role, color in colors.items():
        palette.setColor(role, QColor(color))
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText, QPalette.ColorRole.WindowText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor("#7a7a7a"))
    return palette


def _prefer_regular_cjk(app: QApplication) -> None:
    """Let the CJK face draw the UI font family's text, Latin included.

    Fontconfig's fallback for Chinese is already a regular weight, but next to the thin DejaVu Sans its dense
    strokes read as bold; drawing both scripts with one family (Noto Sans CJK carries its own Latin) keeps the
    weight even. A substitution of the UI family, so a font asked for by name elsewhere is left alone."""
    from PySide6.QtGui import QFontDatabase

    installed = set(QFontDatabase.families())
    chosen = [name for name in CJK_FAMILIES if name in installed]
    family = app.font().family()
    if chosen and family and not QFont.substitutes(family):
        QFont.insertSubstitutions(family, chosen)


def apply_theme(app: QApplication, theme: str) -> bool:
    """Apply "system", "light" or "dark"; returns whether the result is dark."""
    global _style
    if _style is None or app.style() is not _style:
        _style = _Style("Fusion")
        app.setStyle(_style)
    _prefer_regular_cjk(app)
    hints = app.styleHints()
    if theme == "dark":
        dark = True
    elif theme == "light":
        dark = False
    else:
        dark = hints.colorScheme() == Qt.ColorScheme.Dark
    app.setPalette(_dark_palette() if dark else app.style().standardPalette())
    return dark
