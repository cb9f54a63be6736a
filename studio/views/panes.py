"""Pieces every generation tab builds alike: its form beside its result, and the request-format picker.

The Image, Video, Music and Audio tabs each put a form of fixed-ish width beside a result that takes the
rest of the window, and (all but Audio) offer the family registry's request formats for the chosen model
(studio/viewmodels/families.py). One place for both keeps their behaviour — what stretches, what may not
collapse, how the "Automatic" choice reads — the same in every tab."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QComboBox, QSplitter, QWidget


def side_by_side(owner: QWidget, name: str, form: QWidget, result: QWidget, sizes: tuple[int, int]) -> QSplitter:
    """`form` beside `result` in a splitter named `name`: the result takes the room the window gains, and
    neither side can be dragged away to nothing."""
    splitter = QSplitter(Qt.Orientation.Horizontal, owner)
    splitter.setObjectName(name)
    splitter.addWidget(form)
    splitter.addWidget(result)
    splitter.setStretchFactor(0, 0)
    splitter.setStretchFactor(1, 1)
    splitter.setSizes(list(sizes))
    splitter.setChildrenCollapsible(False)
    return splitter


def family_box(parent: QWidget, name: str, choices: Iterable[tuple[str, str]]) -> QComboBox:
    """The request-format picker: "Automatic" (the registry decides by the model's name), then each
    `(family, label)` of `choices`, the family id kept as the item's data (never shown)."""
    box = QComboBox(parent)
    box.setObjectName(name)
    box.setToolTip(QCoreApplication.translate("FamilyBox", "Which request format the model speaks; remembered for "
                                                           "this model"))
    box.addItem(QCoreApplication.translate("FamilyBox", "Automatic"), "")
    for family, label in choices:
        box.addItem(label, family)
    return box
