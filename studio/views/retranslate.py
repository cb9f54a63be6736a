"""Switching the language while the window is open.

Qt tells every widget of a new translator with `QEvent.LanguageChange`; a widget whose texts change with its
state (the Jobs panel, the chat) sets them again itself. Most texts, though, are set once when a widget is
built (a label, a button, a tab title, a menu), and writing a handler for each would repeat every
construction. So the catalogue remembers, for each text it handed out, what it was translated from, and
`retranslate_tree` walks a window and asks again for each text it finds there: a label built in English
reads in Chinese after the switch, with no code in its view. Texts composed from data ("Profile: local")
are not in the catalogue's memory; their views compose them again on `LanguageChange`."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QObject, Qt, QTranslator
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QDockWidget,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTabWidget,
    QTextEdit,
    QWidget,
)

#: how a text was asked for: (context, source, disambiguation, n)
Key = tuple[str, str, "str | None", int]


class Catalogue(QTranslator):
    """Our catalogue and Qt's own for one language, as one translator that remembers the source of each
    text it translated (or left in English) so the text can be asked for again in another language."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._inner: list[QTranslator] = []
        self.chosen = ""  # the language loaded
        self.ours_loaded = False
        self._sources: dict[str, list[Key]] = {}  # a text shown → every way it was asked for

    def load_language(self, folder: str, language: str) -> bool:
        """Load `language` (our catalogue from `folder`, and Qt's for anything but English); False when our
        catalogue is missing (English texts are shown then)."""
        for old in self._inner:
            old.deleteLater()
        self._inner = []
        self.chosen = language
        ours = QTranslator(self)
        self.ours_loaded = ours.load(f"{folder}/relay_studio_{language}.qm")
        if self.ours_loaded:
            self._inner.append(ours)
        if language != "en":
            qt = QTranslator(self)
            if qt.load(f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
                self._inner.append(qt)
        return self.ours_loaded

    @staticmethod
    def latest(app: QObject) -> Catalogue | None:
        """The catalogue installed last on `app` (tests install and remove several)."""
        found = app.findChildren(Catalogue, options=Qt.FindChildOption.FindDirectChildrenOnly)
        return found[-1] if found else None

    def isEmpty(self) -> bool:  # Qt's name
        return False

    def translate(self, context: str, source: str, disambiguation: str | None = None,
                  n: int = -1) -> str | None:  # Qt's name
        text = ""
        for inner in self._inner:
            text = inner.translate(context, source, disambiguation, n) or ""
            if text:
                break
        shown = text or source
        if n >= 0:  # what the widget shows: Qt puts the count in after this returns
            shown = shown.replace("%Ln", QLocale().toString(n)).replace("%n", str(n))
        keys = self._sources.setdefault(shown, [])
        if len(keys) < 8 and (key := (context, source, disambiguation, n)) not in keys:
            keys.append(key)
        return text or None  # a null string: Qt shows the source (an empty one would show nothing)

    def again(self, shown: str) -> str | None:
        """`shown` (a text this catalogue handed out, in any language) in the current language; None when
        it did not come from a catalogue (a model id, a prompt, a composed sentence)."""
        keys = self._sources.get(shown) if shown else None
        if not keys:
            return None
        # the same text asked for in several places (contexts): the first place that translates it wins
        texts = [QCoreApplication.translate(context, source, disambiguation, n)
                 for context, source, disambiguation, n in keys]
        return next((text for text, key in zip(texts, keys, strict=True) if text != key[1]), texts[0])


def _set(text: str, setter: object, catalogue: Catalogue) -> None:
    new = catalogue.again(text)
    if new is not None and new != text:
        setter(new)  # type: ignore[operator]


def retranslate_tree(root: QWidget, catalogue: Catalogue) -> None:
    """Every catalogue text of `root` and its children (texts, tips, placeholders, titles, tab titles, combo
    items, actions of menus and toolbars) asked for again in the current language."""
    widgets = [root, *root.findChildren(QWidget)]
    actions = {id(a): a for w in widgets for a in w.actions()}
    for action in actions.values():
        _set(action.text(), action.setText, catalogue)
        _set(action.toolTip(), action.setToolTip, catalogue)
        _set(action.iconText(), action.setIconText, catalogue)
    for widget in widgets:
        _set(widget.toolTip(), widget.setToolTip, catalogue)
        if widget.isWindow() or isinstance(widget, QDockWidget):
            _set(widget.windowTitle(), widget.setWindowTitle, catalogue)
        if isinstance(widget, (QLabel, QAbstractButton)):
            _set(widget.text(), widget.setText, catalogue)
        if isinstance(widget, (QLineEdit, QTextEdit, QPlainTextEdit)):
            _set(widget.placeholderText(), widget.setPlaceholderText, catalogue)
        if isinstance(widget, QGroupBox):
            _set(widget.title(), widget.setTitle, catalogue)
        if isinstance(widget, QAbstractSpinBox):
            _set(widget.specialValueText(), widget.setSpecialValueText, catalogue)
        if isinstance(widget, QTabWidget):
            for i in range(widget.count()):
                _set(widget.tabText(i), lambda text, i=i, w=widget: w.setTabText(i, text), catalogue)
                _set(widget.tabToolTip(i), lambda text, i=i, w=widget: w.setTabToolTip(i, text), catalogue)
        if isinstance(widget, QComboBox):
            for i in range(widget.count()):
                _set(widget.itemText(i), lambda text, i=i, w=widget: w.setItemText(i, text), catalogue)
