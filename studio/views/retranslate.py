"""Switching the language while the window is open.

Qt tells every widget of a new translator with `QEvent.LanguageChange`; a widget whose texts change with its
state (the Jobs panel, the chat) sets them again itself. Most texts, though, are set once when a widget is
built (a label, a button, a tab title, a menu), and writing a handler for each would repeat every
construction. So `retranslate_tree` walks a window and looks each text it finds up in the shipped catalogues
(`resources/i18n/*.ts`: every source text and every language's translation of it, read once, at the first
switch): a label built in English reads in Chinese after the switch, with no code in its view. Texts composed
from data ("Profile: local") are in no catalogue; their views compose them again on `LanguageChange`.

The translators themselves are Qt's own (C++ `QTranslator`s): a Python translator would be called from inside
Qt with Qt's locks held (an image plugin words its errors while holding its mutex), and a thread that holds
the GIL while it waits for such a lock would hang both."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QObject, Qt, QTranslator
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

#: how a text is asked for: (context, source, disambiguation, numerus)
Key = tuple[str, str, "str | None", bool]
#: a count as Qt writes it into a numerus text (`%n`, or `%Ln` with the locale's group separators)
_COUNT = r"(\d[\d,.\u00a0\u202f\s]*)"


class Catalogue(QObject):
    """Our catalogue and Qt's own for one language, as Qt translators installed on the application, plus the
    way back from a text on screen (in any shipped language) to what it was translated from."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.translators: list[QTranslator] = []  # installed on the application while this catalogue is
        self.chosen = ""  # the language loaded
        self.ours_loaded = False
        self._folder = ""
        self._sources: dict[str, list[Key]] | None = None  # a text → every way it can be asked for
        self._counted: list[tuple[re.Pattern[str], Key]] = []  # numerus texts, with their count as a group

    def load_language(self, folder: str, language: str) -> bool:
        """Load `language` (our catalogue from `folder`, and Qt's for anything but English); False when our
        catalogue is missing (English texts are shown then). Not installed yet: see `install`."""
        self.translators = []
        self.chosen = language
        if folder != self._folder:
            self._folder, self._sources, self._counted = folder, None, []
        ours = QTranslator(self)
        self.ours_loaded = ours.load(f"{folder}/relay_studio_{language}.qm")
        if self.ours_loaded:
            self.translators.append(ours)
        if language != "en":
            qt = QTranslator(self)
            if qt.load(f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
                self.translators.append(qt)
        return self.ours_loaded

    def install(self, app: QCoreApplication) -> None:
        for translator in reversed(self.translators):  # the one installed last is asked first: ours
            app.installTranslator(translator)

    def remove(self, app: QCoreApplication) -> None:
        for translator in self.translators:
            app.removeTranslator(translator)
            translator.setParent(None)  # gone with the last reference to it (a test may hold one)

    @staticmethod
    def latest(app: QObject) -> Catalogue | None:
        """The catalogue made last on `app` (tests make and remove several)."""
        found = app.findChildren(Catalogue, options=Qt.FindChildOption.FindDirectChildrenOnly)
        return found[-1] if found else None

    def again(self, shown: str, contexts: Sequence[str] = ()) -> str | None:
        """`shown` (a catalogue's text, in any shipped language) in the current language; None when no
        catalogue holds it (a model id, a prompt, a composed sentence). A text several contexts hold is
        taken from the first of `contexts` that holds it (the classes the widget belongs to)."""
        if not shown:
            return None
        if self._sources is None:
            self._read_catalogues()
        assert self._sources is not None
        keys = [(key, -1) for key in self._sources.get(shown, ())]
        if not keys:
            keys = [(key, _count(found.group(1))) for pattern, key in self._counted
                    if (found := pattern.fullmatch(shown))]
        if not keys:
            return None
        rank = {context: i for i, context in enumerate(contexts)}
        keys.sort(key=lambda found: rank.get(found[0][0], len(rank)))  # stable: the catalogue's order after
        # the same text asked for in several places (contexts): the first place that translates it wins
        texts = [_translate(key, n) for key, n in keys]
        return next((text for text, (key, _n) in zip(texts, keys, strict=True) if text != key[1]), texts[0])

    def _read_catalogues(self) -> None:
        import xml.etree.ElementTree as ElementTree  # only at the first switch: not a start-up cost

        sources: dict[str, list[Key]] = {}
        for path in sorted(Path(self._folder).glob("relay_studio_*.ts")):
            for context in ElementTree.parse(path).getroot().iter("context"):
                name = context.findtext("name") or ""
                for message in context.iter("message"):
                    source = message.findtext("source") or ""
                    translation = message.find("translation")
                    numerus = message.get("numerus") == "yes"
                    key: Key = (name, source, message.findtext("comment"), numerus)
                    texts = [source]
                    if translation is not None and translation.get("type") not in ("unfinished", "obsolete",
                                                                                     "vanished"):
                        forms = translation.findall("numerusform")
                        texts += [f.text or "" for f in forms] if forms else [translation.text or ""]
                    for text in filter(None, texts):
                        if numerus and "%n" in text.replace("%Ln", "%n"):
                            parts = re.split(r"%L?n", text)
                            self._counted.append((re.compile(_COUNT.join(map(re.escape, parts))), key))
                        else:
                            keys = sources.setdefault(text, [])
                            if key not in keys:
                                keys.append(key)
        self._sources = sources


def _translate(key: Key, n: int) -> str:
    context, source, disambiguation, numerus = key
    return QCoreApplication.translate(context, source, disambiguation, n if numerus else -1)


def _count(text: str) -> int:
    digits = re.sub(r"\D", "", text)
    return int(digits) if digits else 0


def _contexts(item: QObject) -> tuple[str, ...]:
    """The translation contexts a text of `item` most likely came from: the class names of the item and of
    the objects that hold it, nearest first (a view's `self.tr` uses its class's name)."""
    names: list[str] = []
    current: QObject | None = item
    while current is not None:
        names += [c.__name__ for c in type(current).__mro__ if c.__module__.startswith("studio.")]
        current = current.parent()
    return tuple(dict.fromkeys(names))


def retranslate_tree(root: QWidget, catalogue: Catalogue) -> None:
    """Every catalogue text of `root` and its children (texts, tips, placeholders, titles, tab titles, combo
    items, actions of menus and toolbars) asked for again in the current language."""

    def again(item: QObject, text: str, setter: object) -> None:
        new = catalogue.again(text, _contexts(item))
        if new is not None and new != text:
            setter(new)  # type: ignore[operator]

    widgets = [root, *root.findChildren(QWidget)]
    actions = {id(a): a for w in widgets for a in w.actions()}
    for action in actions.values():
        again(action, action.text(), action.setText)
        again(action, action.toolTip(), action.setToolTip)
        again(action, action.iconText(), action.setIconText)
    for widget in widgets:
        again(widget, widget.toolTip(), widget.setToolTip)
        if widget.isWindow() or isinstance(widget, QDockWidget):
            again(widget, widget.windowTitle(), widget.setWindowTitle)
        if isinstance(widget, (QLabel, QAbstractButton)):
            again(widget, widget.text(), widget.setText)
        if isinstance(widget, (QLineEdit, QTextEdit, QPlainTextEdit)):
            again(widget, widget.placeholderText(), widget.setPlaceholderText)
        if isinstance(widget, QGroupBox):
            again(widget, widget.title(), widget.setTitle)
        if isinstance(widget, QAbstractSpinBox):
            again(widget, widget.specialValueText(), widget.setSpecialValueText)
        if isinstance(widget, QTabWidget):
            for i in range(widget.count()):
                again(widget, widget.tabText(i), lambda text, i=i, w=widget: w.setTabText(i, text))
                again(widget, widget.tabToolTip(i), lambda text, i=i, w=widget: w.setTabToolTip(i, text))
        if isinstance(widget, QComboBox):
            for i in range(widget.count()):
                again(widget, widget.itemText(i), lambda text, i=i, w=widget: w.setItemText(i, text))
