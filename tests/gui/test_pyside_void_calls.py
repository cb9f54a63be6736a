"""Regression: PySide6 6.12.0 on CPython 3.11 aborts (`none_dealloc`) after a few thousand calls of
methods that return nothing. The chat view makes exactly these calls per streamed batch."""

from __future__ import annotations

from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication, QTextBrowser


def test_twenty_thousand_void_calls_survive(qapp: QApplication) -> None:
    view = QTextBrowser()
    cursor = QTextCursor(view.document())
    bar = view.verticalScrollBar()
    for i in range(20_000):
        cursor.insertText("x")
        bar.setValue(i % 7)
    assert view.document().characterCount() == 20_001
    view.deleteLater()
