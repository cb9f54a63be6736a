"""The editable model box of the Chat and Image tabs: type to filter thousands of model ids (the
completer matches anywhere in the name), or type a model the relay does not list."""

from __future__ import annotations

from PySide6.QtCore import QStringListModel, Qt, Slot
from PySide6.QtWidgets import QComboBox, QCompleter, QWidget


class ModelPicker(QComboBox):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.names = QStringListModel(self)
        self.setModel(self.names)
        completer = QCompleter(self.names, self)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        completer.setMaxVisibleItems(14)
        self.setCompleter(completer)

    def show_models(self, names: list[str], current: str) -> None:
        """Replace the list, keeping the model in use in the box."""
        self.names.setStringList(names)
        self.setEditText(current)

    @Slot(str)
    def show_model(self, name: str) -> None:
        if self.currentText() != name:
            self.setEditText(name)

    def open_search(self) -> None:
        """Focus the box and show every model (Ctrl+K in the Chat tab)."""
        self.setFocus()
        edit, completer = self.lineEdit(), self.completer()
        if edit is not None:
            edit.selectAll()
        if completer is not None:
            completer.setCompletionPrefix("")
            completer.complete()
