"""The main window: tabs (Chat, Image, Video, Music, Audio, Gallery), the Jobs dock, menus and the status
bar. It wires view-models to widgets in `_connect_signals` (and, for a tab built on first show, in its
`_*_built` hook) and nowhere else.

Every tab is built the first time it is shown (`LazyTab`): the window's first frame imports and builds
only the tab on screen, and a tab's view-model loads its models when the tab exists to show them."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QSize, Qt, QTimer, Slot
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QDragEnterEvent, QDragMoveEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QLabel,
    QMainWindow,
    QMenu,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from studio import __version__
from studio.viewmodels.main import MainViewModel
from studio.views.icons import icon

if TYPE_CHECKING:
    from PySide6.QtWidgets import QSystemTrayIcon

    from studio.viewmodels.audio import AudioViewModel
    from studio.viewmodels.base import ViewModel
    from studio.viewmodels.chat import ChatViewModel
    from studio.viewmodels.gallery import GalleryViewModel
    from studio.viewmodels.image import ImageViewModel
    from studio.viewmodels.jobs import JobsViewModel
    from studio.viewmodels.music import MusicViewModel
    from studio.viewmodels.video import VideoViewModel
    from studio.views.audio_tab import AudioTab
    from studio.views.chat_tab import ChatTab
    from studio.views.gallery_tab import GalleryTab
    from studio.views.image_tab import ImageTab
    from studio.views.jobs_panel import JobsPanel
    from studio.views.music_tab import MusicTab
    from studio.views.video_tab import VideoTab


class PlaceholderTab(QWidget):
    """A tab whose family lands later: says so, and takes no drop (nothing here could use it)."""

    def __init__(self, what: str, capability: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.capability = capability
        self.setAcceptDrops(False)
        title = QLabel(what, self)
        title.setObjectName("placeholderTitle")
        title.setWordWrap(True)
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        later = QLabel(self.tr("Coming in a later version."), self)
        later.setObjectName("placeholderLater")
        later.setAlignment(Qt.AlignmentFlag.AlignCenter)
        later.setWordWrap(True)
        later.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(title)
        layout.addWidget(later)
        layout.addStretch(2)


class LazyTab(QWidget):
    """A tab's place: the tab itself (its view module, its widgets) is built the first time it is shown or
    something is dragged onto it, so the window opens without the tabs nobody looked at yet. `build`
    makes the tab; `built` (optional) wires it and starts what it shows."""

    def __init__(self, build: Callable[[QWidget], QWidget], built: Callable[[QWidget], None] | None = None,
                 parent: QWidget | None = None, *, drops: bool = True) -> None:
        super().__init__(parent)
        self.tab: QWidget | None = None
        self._build = build
        self._built = built
        self.setAcceptDrops(drops)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)

    def ensure(self) -> QWidget:
        if self.tab is None:
            self.setAcceptDrops(False)  # the tab's own drop areas take drops from now on
            self.tab = self._build(self)
            self._layout.addWidget(self.tab)
            if self._built is not None:
                self._built(self.tab)
        return self.tab

    def showEvent(self, event: QShowEvent) -> None:
        self.ensure()
        super().showEvent(event)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        self.ensure()
        event.ignore()  # the drop goes to the drop area under the pointer


class LazyVideoTab(LazyTab):
    """The Video tab's place (the player's libraries load only with it); its models load when it is built.
    `vm` gives the tab's view-model (made when first asked for)."""

    def __init__(self, vm: Callable[[], VideoViewModel], parent: QWidget | None = None) -> None:
        def build(page: QWidget) -> QWidget:
            from studio.views.video_tab import VideoTab

            return VideoTab(vm(), page)

        super().__init__(build, lambda _tab: vm().start(), parent)


class NoDropsOnPlaceholders(QObject):
    """The tab bar switches tabs under a drag (a gallery picture over "Image"); never to a placeholder tab,
    where the drop would land on nothing."""

    def __init__(self, tabs: QTabWidget) -> None:
        super().__init__(tabs)
        self._tabs = tabs

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # Qt's name
        if event.type() == QEvent.Type.DragMove:  # where the bar starts its switch timer
            drag = cast(QDragMoveEvent, event)
            index = self._tabs.tabBar().tabAt(drag.position().toPoint())
            if isinstance(self._tabs.widget(index), PlaceholderTab):
                drag.ignore()
                return True
        return False


class _AfterFirstPaint(QObject):
    """Calls `then` once, in the event-loop turn after `window`'s first paint."""

    def __init__(self, window: QWidget, then: Callable[[], object]) -> None:
        super().__init__(window)
        self._then = then
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # Qt's name
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self, self._then)  # cancelled with the window
        return False


class MainWindow(QMainWindow):
    def __init__(self, main_vm: MainViewModel, chat_vm: ChatViewModel, jobs_vm: JobsViewModel,
                 image_vm: ImageViewModel | None, gallery_vm: GalleryViewModel | None,
                 open_profiles: Callable[[], None],
                 parent: QWidget | None = None, *, video_vm: VideoViewModel | None = None) -> None:
        """`image_vm`, `gallery_vm` and `video_vm` left None are made when first needed (their tab shown, a job
        opened)."""
        super().__init__(parent)
        self.vm = main_vm
        self.chat_vm = chat_vm
        self.jobs_vm = jobs_vm
        self._image_vm = image_vm
        self._gallery_vm: GalleryViewModel | None = None
        self._video_vm = video_vm
        self._audio_vm: AudioViewModel | None = None
        self._music_vm: MusicViewModel | None = None
        self._open_profiles = open_profiles
        self._started = False  # `start_view_models` ran: a tab built from now on loads what it shows
        self._dark = False
        self._on_typing: Callable[[], None] | None = None
        self._status: tuple[str, str] | None = None  # the last (profile, balance) shown, to say again
        self._tray: QSystemTrayIcon | None = None  # made for the first desktop notification
        self.setObjectName("mainWindow")
        self.setWindowTitle(self.tr("Relay Studio"))
        self.resize(1180, 760)
        self._build_tabs()
        self._build_jobs_dock()
        self._build_menus()
        self._build_status_bar()
        self._connect_signals()
        if gallery_vm is not None:
            self._adopt_gallery_vm(gallery_vm)

    def _build_tabs(self) -> None:
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("mainTabs")
        self.tabs.setDocumentMode(True)
        self.tabs.tabBar().setChangeCurrentOnDrag(True)  # drag a gallery picture over "Image" to drop it there
        self.tabs.tabBar().setAcceptDrops(True)
        self.tabs.tabBar().installEventFilter(NoDropsOnPlaceholders(self.tabs))
        self.chat_page = LazyTab(self._make_chat_tab, self._chat_built, self.tabs)
        self.chat_page.setObjectName("chatPage")
        self.tabs.addTab(self.chat_page, icon("chat"), self.tr("Chat"))
        self.image_page = LazyTab(self._make_image_tab, self._image_built, self.tabs)
        self.image_page.setObjectName("imagePage")
        self.tabs.addTab(self.image_page, icon("image"), self.tr("Image"))
        self.video_page = LazyVideoTab(lambda: self.video_vm, self.tabs)
        self.video_page.setObjectName("videoPage")
        self.tabs.addTab(self.video_page, icon("video"), self.tr("Video"))
        self.music_page = LazyTab(self._make_music_tab, self._music_built, self.tabs)
        self.music_page.setObjectName("musicPage")
        self.tabs.addTab(self.music_page, icon("music"), self.tr("Music"))
        self.audio_page = LazyTab(self._make_audio_tab, self._audio_built, self.tabs)
        self.audio_page.setObjectName("audioPage")
        self.tabs.addTab(self.audio_page, icon("audio"), self.tr("Audio"))
        self.gallery_page = LazyTab(self._make_gallery_tab, self._gallery_built, self.tabs, drops=False)
        self.gallery_page.setObjectName("galleryPage")
        self.tabs.addTab(self.gallery_page, icon("gallery"), self.tr("Gallery"))
        self.setCentralWidget(self.tabs)

    # -- tabs built on first show ----------------------------------------------------------------

    def _make_chat_tab(self, page: QWidget) -> QWidget:
        from studio.views.chat_tab import ChatTab

        return ChatTab(self.chat_vm, page)

    def _chat_built(self, tab: QWidget) -> None:
        chat = cast("ChatTab", tab)
        chat.transcript.set_dark(self._dark)
        chat.profilesRequested.connect(self._open_profiles)
        self.chat_vm.transcriptReset.connect(chat.banner.clear)  # an error belongs to the conversation it hit
        chat.prompt.textChanged.connect(self._typing)
        if self._started:
            self.chat_vm.start()

    def _make_image_tab(self, page: QWidget) -> QWidget:
        from studio.views.image_tab import ImageTab

        return ImageTab(self.image_vm, page)

    def _image_built(self, tab: QWidget) -> None:
        cast("ImageTab", tab).viewRequested.connect(self.view_image)
        if self._started:
            self.image_vm.start()

    def _make_music_tab(self, page: QWidget) -> QWidget:
        from studio.views.music_tab import MusicTab

        return MusicTab(self.music_vm, page)

    def _music_built(self, _tab: QWidget) -> None:
        self.music_vm.start()  # the models it shows (the player's libraries start with the tab)

    def _make_audio_tab(self, page: QWidget) -> QWidget:
        from studio.views.audio_tab import AudioTab

        return AudioTab(self.audio_vm, page)

    def _audio_built(self, _tab: QWidget) -> None:
        self.audio_vm.start()  # the models it offers (the player's libraries start with the tab)
        self.audio_vm.capabilityChanged.connect(lambda _route: self._tab_changed(self.tabs.currentIndex()))

    def _make_gallery_tab(self, page: QWidget) -> QWidget:
        from studio.views.gallery_tab import GalleryTab

        return GalleryTab(self.gallery_vm, page)

    def _gallery_built(self, _tab: QWidget) -> None:
        if self._started:
            self.gallery_vm.start()

    @property
    def gallery_vm(self) -> GalleryViewModel:
        """The gallery's view-model, made now if it was not yet (its module costs start-up time)."""
        if self._gallery_vm is None:
            from studio.viewmodels.gallery import GalleryViewModel

            return self._adopt_gallery_vm(GalleryViewModel(self.jobs_vm.core))
        return self._gallery_vm

    def _adopt_gallery_vm(self, vm: GalleryViewModel) -> GalleryViewModel:
        self._gallery_vm = vm
        self.jobs_vm.assetAdded.connect(vm.assetAdded)
        vm.rerunRequested.connect(self._rerun)
        vm.videoRerunRequested.connect(self._rerun_video)
        vm.animateRequested.connect(self._animate)
        vm.referenceRequested.connect(self._use_as_reference)
        vm.transcribe_requested.connect(self.transcribe_asset)  # "Transcribe" on a sound or a video
        vm.extend_requested.connect(self.extend_song)  # the Gallery's "Extend" on a song
        return vm

    @property
    def image_vm(self) -> ImageViewModel:
        """The Image tab's view-model, made now if it was not yet (its tab shown, a job opened, a re-run)."""
        if self._image_vm is None:
            from studio.viewmodels.image import ImageViewModel

            self._image_vm = ImageViewModel(self.jobs_vm.core, self.jobs_vm)
        return self._image_vm

    @property
    def video_vm(self) -> VideoViewModel:
        """The Video tab's view-model, made now if it was not yet."""
        if self._video_vm is None:
            from studio.viewmodels.video import VideoViewModel

            self._video_vm = VideoViewModel(self.jobs_vm.core, self.jobs_vm)
        return self._video_vm

    @property
    def music_vm(self) -> MusicViewModel:
        """The Music tab's view-model, made now if it was not yet."""
        if self._music_vm is None:
            from studio.viewmodels.music import MusicViewModel

            self._music_vm = MusicViewModel(self.jobs_vm.core, self.jobs_vm)
        return self._music_vm

    @property
    def audio_vm(self) -> AudioViewModel:
        """The Audio tab's view-model, made now if it was not yet."""
        if self._audio_vm is None:
            from studio.viewmodels.audio import AudioViewModel

            self._audio_vm = AudioViewModel(self.jobs_vm.core, self.jobs_vm)
        return self._audio_vm

    def view_models_made(self) -> list[ViewModel]:
        """The Image tab's, the gallery's and the Video tab's view-models made so far (to shut down at the end)."""
        made = [vm for vm in (self._image_vm, self._gallery_vm, self._video_vm, self._audio_vm) if vm is not None]
        return made + ([self._music_vm] if self._music_vm is not None else [])

    def profiles_changed(self) -> None:
        """The relay profiles were edited: the Image and Video tabs load their models again if they were made."""
        if self._image_vm is not None:
            self._image_vm.start()
        if self._video_vm is not None:
            self._video_vm.reload()
        if self._audio_vm is not None:
            self._audio_vm.reload()
        if self._music_vm is not None:
            self._music_vm.reload()

    @property
    def chat_tab(self) -> ChatTab:
        """The Chat tab, built now if it was not yet."""
        return cast("ChatTab", self.chat_page.ensure())

    @property
    def image_tab(self) -> ImageTab:
        """The Image tab, built now if it was not yet."""
        return cast("ImageTab", self.image_page.ensure())

    @property
    def gallery_tab(self) -> GalleryTab:
        """The Gallery tab, built now if it was not yet."""
        return cast("GalleryTab", self.gallery_page.ensure())

    @property
    def video_tab(self) -> VideoTab:
        """The Video tab, built now if it was not yet."""
        return cast("VideoTab", self.video_page.ensure())

    @property
    def music_tab(self) -> MusicTab:
        """The Music tab, built now if it was not yet."""
        return cast("MusicTab", self.music_page.ensure())

    @property
    def audio_tab(self) -> AudioTab:
        """The Audio tab, built now if it was not yet."""
        return cast("AudioTab", self.audio_page.ensure())

    def start_view_models(self, on_typing: Callable[[], None] | None = None) -> None:
        """After the first frame: load what the built tabs show (the others load when first shown);
        `on_typing` runs once, at the first key typed in the chat (to import what a reply needs)."""
        self._started = True
        self._on_typing = on_typing
        if self.chat_page.tab is not None:
            self.chat_vm.start()
        if self.image_page.tab is not None:
            self.image_vm.start()
        if self.gallery_page.tab is not None:
            self.gallery_vm.start()
        self.vm.showStatus()

    @Slot()
    def _typing(self) -> None:
        on_typing, self._on_typing = self._on_typing, None
        if on_typing is not None:
            on_typing()

    def set_dark(self, dark: bool) -> None:
        """The palette is dark (or light): what paints its own colours follows."""
        self._dark = dark
        if self.chat_page.tab is not None:
            self.chat_tab.transcript.set_dark(dark)

    def _build_jobs_dock(self) -> None:
        """The dock and its title now; the panel in it right after the first frame (`jobs_panel`): its rows are
        read after the first frame anyway, and the panel's table, delegates and icons cost ~20 ms before it."""
        self.jobs_dock = QDockWidget(self.tr("Jobs"), self)
        self.jobs_dock.setObjectName("jobsDock")
        self.jobs_dock.setWidget(QWidget(self.jobs_dock))
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.jobs_dock)
        self._jobs_panel: JobsPanel | None = None
        self._narrow_jobs_dock = False  # a first run (no saved layout): the dock at the panel's minimum width
        self._first_frame = _AfterFirstPaint(self, lambda: self.jobs_panel)

    @property
    def jobs_panel(self) -> JobsPanel:
        """The Jobs panel, built now if the first frame did not build it yet."""
        if self._jobs_panel is None:
            from studio.views.jobs_panel import JobsPanel

            panel = JobsPanel(self.jobs_vm, self.jobs_dock)
            placeholder = self.jobs_dock.widget()
            self.jobs_dock.setWidget(panel)
            placeholder.deleteLater()
            panel.jobOpened.connect(self.open_job)
            panel.galleryRequested.connect(self.show_asset)
            panel.titleChanged.connect(self.jobs_dock.setWindowTitle)  # "Jobs (2 new)"
            self.jobs_dock.setWindowTitle(panel.title())
            self._jobs_panel = panel
            if self._narrow_jobs_dock:  # docks can only be sized once laid out
                QTimer.singleShot(0, self, lambda: self.resizeDocks([self.jobs_dock], [panel.minimumWidth()],
                                                                    Qt.Orientation.Horizontal))
        return self._jobs_panel

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        self.profiles_action = QAction(icon("relay"), self.tr("Relay &profiles…"), self)
        self.profiles_action.setObjectName("profilesAction")
        self.profiles_action.setShortcut(QKeySequence("Ctrl+,"))
        file_menu.addAction(self.profiles_action)
        self.gallery_action = QAction(icon("gallery"), self.tr("&Gallery"), self)
        self.gallery_action.setObjectName("galleryAction")
        self.gallery_action.setShortcut(QKeySequence("Ctrl+G"))
        file_menu.addAction(self.gallery_action)
        file_menu.addSeparator()
        quit_action = QAction(self.tr("&Quit"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)

        view_menu = self.menuBar().addMenu(self.tr("&View"))
        view_menu.addAction(self.jobs_dock.toggleViewAction())
        theme_menu = view_menu.addMenu(self.tr("&Theme"))
        self._choice_menu(theme_menu, self.vm.theme, self.vm.setTheme,
                          (("system", self.tr("Follow the system")), ("light", self.tr("Light")),
                           ("dark", self.tr("Dark"))))
        language_menu = view_menu.addMenu(self.tr("&Language"))
        self._choice_menu(language_menu, self.vm.language, self.vm.setLanguage,
                          (("", self.tr("Follow the system")), ("en", "English"), ("zh_CN", "简体中文")))

        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        about = QAction(self.tr("&About Relay Studio"), self)
        about.triggered.connect(self._about)
        help_menu.addAction(about)

        toolbar = self.addToolBar(self.tr("Main"))
        toolbar.setObjectName("mainToolbar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)  # an icon and its words
        toolbar.setIconSize(QSize(18, 18))
        toolbar.addAction(self.profiles_action)
        toolbar.addAction(self.gallery_action)

    def _choice_menu(self, menu: QMenu, current: str, choose: Callable[[str], None],
                     options: tuple[tuple[str, str], ...]) -> None:
        group = QActionGroup(menu)
        for value, label in options:
            action = menu.addAction(label)
            action.setCheckable(True)
            action.setChecked(value == current)
            group.addAction(action)
            action.triggered.connect(lambda _=False, v=value: self._choice_made(choose, v))

    def _choice_made(self, choose: Callable[[str], None], value: str) -> None:
        choose(value)  # applies at once (studio/app.py), and is saved for the next start

    def _build_status_bar(self) -> None:
        self.profile_label = QLabel(self)
        self.profile_label.setObjectName("profileLabel")
        self.balance_label = QLabel(self)
        self.balance_label.setObjectName("balanceLabel")
        self.statusBar().addPermanentWidget(self.profile_label)
        self.statusBar().addPermanentWidget(self.balance_label)

    def _connect_signals(self) -> None:
        self.vm.statusChanged.connect(self._show_status)
        self.vm.error.connect(self.show_error)
        self.tabs.currentChanged.connect(self._tab_changed)
        self.profiles_action.triggered.connect(self._open_profiles)
        self.gallery_action.triggered.connect(self._gallery)
        self.chat_vm.streamingChanged.connect(lambda streaming: streaming or self.vm.refreshStatus())
        self.chat_vm.relayChanged.connect(lambda relay: self.vm.setChosenProfile("chat", relay))  # the chat's relay
        self.jobs_vm.newsArrived.connect(self._notify)
        self.jobs_vm.jobSettled.connect(lambda _job: self.vm.refreshStatus())  # a job spent: the balance moved
        self.jobs_vm.unseenChanged.connect(lambda _count: self.jobs_panel)  # its badge is in the dock's title
        self.jobs_vm.setWindowActive(self.isActiveWindow())

    # -- language, focus and news ----------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.ActivationChange:
            self.jobs_vm.setWindowActive(self.isActiveWindow())  # news count as seen once the window is back
        elif event.type() == QEvent.Type.LanguageChange:
            self.retranslate()

    def retranslate(self) -> None:
        """Every text of the window, its tabs and open dialogs in the language just installed: those built
        from the catalogue are asked for again (`retranslate_tree`), the composed ones are composed again.
        Widgets with texts of their own (the Jobs panel, the chat) do theirs on the same event."""
        from studio.views.retranslate import Catalogue, retranslate_tree

        app = QCoreApplication.instance()
        catalogue = Catalogue.latest(app) if app is not None else None
        if catalogue is not None:
            for window in [self, *(w for w in QApplication.topLevelWidgets() if w is not self)]:
                retranslate_tree(window, catalogue)
        self.setWindowTitle(self.tr("Relay Studio"))
        if self._status is not None:
            self._show_status(*self._status)
            if self._status[1]:
                self.vm.showStatus()  # the balance sentence comes from the view-model, in the new language
        if self._jobs_panel is not None:
            self.jobs_dock.setWindowTitle(self._jobs_panel.title())
        else:
            self.jobs_dock.setWindowTitle(self.tr("Jobs"))
        if self._image_vm is not None:
            self._image_vm.reshow()  # the status line and notes of the job shown, in the new language
        if self._video_vm is not None:
            self._video_vm.reshow()
        if self._audio_vm is not None:
            self._audio_vm.reshow()
        if self._music_vm is not None:
            self._music_vm.reshow()

    @Slot(str, bool)
    def _notify(self, job_id: str, _ok: bool) -> None:
        """A job that ran a while settled while the window was away: a desktop notification (the system
        tray's message), or the status bar where there is no tray (offscreen, minimal desktops)."""
        title, sentence = self.jobs_vm.news(job_id)
        if not title:
            return
        from PySide6.QtWidgets import QSystemTrayIcon  # its class and enums cost ~0.5 ms: made when first needed

        if QSystemTrayIcon.isSystemTrayAvailable():
            if self._tray is None:
                self._tray = QSystemTrayIcon(QApplication.windowIcon(), self)
                self._tray.setToolTip(self.tr("Relay Studio"))
                self._tray.messageClicked.connect(self._news_clicked)
                self._tray.show()
            icon = QSystemTrayIcon.MessageIcon.Information if _ok else QSystemTrayIcon.MessageIcon.Warning
            self._tray.showMessage(title, sentence, icon, 8000)
        else:
            self.statusBar().showMessage(f"{title}: {sentence}" if sentence else title, 15000)

    @Slot()
    def _news_clicked(self) -> None:
        self.showNormal()
        self.raise_()
        self.activateWindow()

    @Slot(str)
    def show_asset(self, asset_id: str) -> None:
        """A job's result in the Gallery: the tab comes up and the asset opens in its viewer."""
        self.tabs.setCurrentWidget(self.gallery_page)
        self.gallery_page.ensure()
        self.gallery_vm.view(asset_id)

    @Slot(int)
    def _tab_changed(self, index: int) -> None:
        """The status bar shows the profile (and its balance) the current tab's requests go to."""
        page = self.tabs.widget(index)
        capabilities: dict[QWidget, str] = {self.chat_page: "chat", self.image_page: "image",
                                            self.video_page: "video"}
        capabilities[self.audio_page] = self._audio_vm.capability if self._audio_vm is not None else "transcribe"
        capabilities[self.music_page] = "music"
        if isinstance(page, PlaceholderTab):
            capability = page.capability
        else:
            capability = capabilities.get(page, "") if page is not None else ""
        self.vm.setCapability(capability)

    @Slot(str, str)
    def _rerun(self, prompt: str, model: str) -> None:
        self.image_page.ensure()  # built first: it shows what `fill` sends
        self.image_vm.fill(prompt, model)
        self.tabs.setCurrentWidget(self.image_page)

    @Slot(str)
    def _rerun_video(self, job_id: str) -> None:
        self.open_video(rerun_job_id=job_id)

    @Slot(str)
    def _animate(self, asset_id: str) -> None:
        self.open_video(start_asset_id=asset_id)

    @Slot(str)
    def _use_as_reference(self, path: str) -> None:
        self.image_page.ensure()  # built first: it shows the references the vm sends
        self.image_vm.addReferences([path])
        self.tabs.setCurrentWidget(self.image_page)

    @Slot(str)
    def open_job(self, job_id: str) -> None:
        """Show a job where it belongs (the Image tab for images and Midjourney, the Video tab for videos)."""
        job = self.jobs_vm.model.job(job_id)
        if job is not None and job.capability in ("image", "mj"):
            self.image_page.ensure()  # built first: it shows the job the vm sends
            self.image_vm.show(job_id)
            self.image_vm.fill(job.prompt, job.model)  # the form as the job was made, to change and send again
            self.tabs.setCurrentWidget(self.image_page)
        elif job is not None and job.capability == "video":
            self.video_page.ensure()
            self.video_vm.show(job_id)
            self.video_vm.rerun(job_id)  # prompt, model, format, options and frames of the job
            self.tabs.setCurrentWidget(self.video_page)
        elif job is not None and job.capability in ("transcribe", "speech"):
            self.audio_page.ensure()
            self.audio_vm.show(job_id)  # a transcript with its lines, or a voice-over in the player
            self.tabs.setCurrentWidget(self.audio_page)
        elif job is not None and job.capability == "music":
            self.music_page.ensure()
            self.music_vm.open(job_id)  # its songs; the form is left as typed (Re-run refills it)
            self.tabs.setCurrentWidget(self.music_page)

    @Slot(str)
    def extend_song(self, asset_id: str) -> None:
        """The Gallery's "Extend" on a song: the Music tab comes up with the form set to continue it."""
        self.tabs.setCurrentWidget(self.music_page)
        self.music_page.ensure()
        self.music_vm.extend_from_asset(asset_id)

    @Slot(str)
    def transcribe_asset(self, asset_id: str) -> None:
        """The Gallery's "Transcribe" on a sound or a video: the Audio tab comes up with it as the recording."""
        self.tabs.setCurrentWidget(self.audio_page)
        self.audio_page.ensure()
        self.audio_vm.open_asset(asset_id)

    @Slot()
    def open_video(self, start_asset_id: str | None = None, rerun_job_id: str | None = None) -> None:
        """Switch to the Video tab and fill it: a gallery picture as the start frame ("Animate"), or the
        prompt, model and options of an earlier video job ("Re-run")."""
        self.tabs.setCurrentWidget(self.video_page)
        self.video_page.ensure()
        if rerun_job_id:
            self.video_vm.rerun(rerun_job_id)
        if start_asset_id:
            self.video_vm.animate(start_asset_id)

    @Slot(str)
    def view_image(self, path: str) -> None:
        from studio.views.image_viewer import ImageViewer

        viewer = ImageViewer(path, self)
        viewer.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        viewer.show()

    @Slot(str, str)
    def _show_status(self, profile: str, balance: str) -> None:
        self._status = (profile, balance)
        if profile:
            self.profile_label.setText(self.tr("Profile: {0}").format(profile))
        else:
            self.profile_label.setText(self.tr("No relay profile"))
        self.balance_label.setText(balance)

    def _gallery(self) -> None:
        self.tabs.setCurrentWidget(self.gallery_page)

    def _about(self) -> None:
        text = self.tr("Relay Studio {0}\nA studio for chat, images, video, music and audio through AI relays.")
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.about(self, self.tr("About Relay Studio"), text.format(__version__))

    @Slot(str)
    def show_error(self, sentence: str) -> None:
        """A sentence no conversation or job caused (a bug in a slot, a setting not saved): the current tab's
        banner when it has one, else the status bar."""
        page = self.tabs.currentWidget()
        tab = page.tab if isinstance(page, LazyTab) else None
        banner = getattr(tab, "banner", None)
        if not sentence:
            return
        if banner is not None:
            banner.show_message(sentence)
        else:
            self.statusBar().showMessage(sentence, 10000)

    def show_notice(self, sentence: str) -> None:
        """Something the user must know before they go on (a damaged database replaced): a window-modal
        box that does not block the event loop."""
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Relay Studio"), sentence, QMessageBox.StandardButton.Ok,
                          self)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    # -- window state ----------------------------------------------------------------------------

    def restore_state(self) -> None:
        geometry, state, tab = self.vm.window_state()
        if geometry:
            self.restoreGeometry(geometry)
        if state:
            self.restoreState(state)
        else:  # first run: the Jobs panel at its narrowest once it is built (`jobs_panel`)
            self._narrow_jobs_dock = True
        if 0 <= tab < self.tabs.count():
            self.tabs.setCurrentIndex(tab)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.vm.save_window_state(bytes(self.saveGeometry().data()), bytes(self.saveState().data()),
                                  self.tabs.currentIndex())
        if self.video_page.tab is not None:
            self.video_tab.shutdown()  # libvlc stops drawing before the window goes
        if self.audio_page.tab is not None:
            self.audio_tab.shutdown()
        if self.music_page.tab is not None:
            self.music_tab.shutdown()
        super().closeEvent(event)
