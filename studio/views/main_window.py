"""The main window: tabs (Chat, Image, Video, Music, Audio), the Jobs dock, menus and the status
bar. It wires view-models to widgets in `_connect_signals` and nowhere else."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Slot
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QDragEnterEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QDockWidget,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from studio import __version__
from studio.viewmodels.chat import ChatViewModel
from studio.viewmodels.gallery import GalleryViewModel
from studio.viewmodels.image import ImageViewModel
from studio.viewmodels.jobs import JobsViewModel
from studio.viewmodels.main import MainViewModel
from studio.views.chat_tab import ChatTab
from studio.views.gallery_tab import GalleryTab
from studio.views.image_tab import ImageTab
from studio.views.jobs_panel import JobsPanel

if TYPE_CHECKING:
    from studio.viewmodels.video import VideoViewModel
    from studio.views.video_tab import VideoTab


class PlaceholderTab(QWidget):
    """A tab whose family lands later: says what it will do and which routing it uses."""

    def __init__(self, what: str, capability: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        title = QLabel(what, self)
        title.setWordWrap(True)
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        routing = self.tr("Requests go to the profile routed for “{0}” (File → Relay profiles…).")
        route = QLabel(routing.format(capability), self)
        route.setAlignment(Qt.AlignmentFlag.AlignCenter)
        route.setWordWrap(True)
        route.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(title)
        layout.addWidget(route)
        layout.addStretch(2)


class LazyVideoTab(QWidget):
    """The Video tab's place: the tab itself (its view module, later the player) is built the first time
    it is shown or something is dragged onto it, so the window opens without them."""

    def __init__(self, vm: VideoViewModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.vm = vm
        self.tab: VideoTab | None = None
        self.setAcceptDrops(True)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)

    def ensure(self) -> VideoTab:
        if self.tab is None:
            from studio.views.video_tab import VideoTab

            self.setAcceptDrops(False)  # the tab's own frame slots take drops from now on
            self.tab = VideoTab(self.vm, self)
            self._layout.addWidget(self.tab)
            self.vm.start()
        return self.tab

    def showEvent(self, event: QShowEvent) -> None:
        self.ensure()
        super().showEvent(event)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        self.ensure()
        event.ignore()  # the drop goes to the frame slot under the pointer


class MainWindow(QMainWindow):
    def __init__(self, main_vm: MainViewModel, chat_vm: ChatViewModel, jobs_vm: JobsViewModel,
                 image_vm: ImageViewModel, gallery_vm: GalleryViewModel, open_profiles: Callable[[], None],
                 parent: QWidget | None = None, *, video_vm: VideoViewModel | None = None) -> None:
        super().__init__(parent)
        self.vm = main_vm
        self.chat_vm = chat_vm
        self.jobs_vm = jobs_vm
        self.image_vm = image_vm
        self.gallery_vm = gallery_vm
        if video_vm is None:
            from studio.viewmodels.video import VideoViewModel

            video_vm = VideoViewModel(jobs_vm.core, jobs_vm)
        self.video_vm = video_vm
        self._open_profiles = open_profiles
        self.setObjectName("mainWindow")
        self.setWindowTitle(self.tr("Relay Studio"))
        self.resize(1180, 760)
        self._build_tabs()
        self._build_jobs_dock()
        self._build_menus()
        self._build_status_bar()
        self._connect_signals()

    def _build_tabs(self) -> None:
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("mainTabs")
        self.tabs.setDocumentMode(True)
        self.tabs.tabBar().setChangeCurrentOnDrag(True)  # drag a gallery picture over "Image" to drop it there
        self.tabs.tabBar().setAcceptDrops(True)
        self.chat_tab = ChatTab(self.chat_vm, self.tabs)
        self.tabs.addTab(self.chat_tab, self.tr("Chat"))
        self.image_tab = ImageTab(self.image_vm, self.tabs)
        self.tabs.addTab(self.image_tab, self.tr("Image"))
        self.video_page = LazyVideoTab(self.video_vm, self.tabs)
        self.video_page.setObjectName("videoPage")
        self.tabs.addTab(self.video_page, self.tr("Video"))
        self.tabs.addTab(PlaceholderTab(self.tr("Music: Suno and Udio songs, lyrics and extensions."), "music"),
                         self.tr("Music"))
        self.tabs.addTab(PlaceholderTab(self.tr("Audio: transcription, translation and speech."), "transcribe"),
                         self.tr("Audio"))
        self.gallery_tab = GalleryTab(self.gallery_vm, self.tabs)
        self.tabs.addTab(self.gallery_tab, self.tr("Gallery"))
        self.setCentralWidget(self.tabs)

    def _build_jobs_dock(self) -> None:
        self.jobs_dock = QDockWidget(self.tr("Jobs"), self)
        self.jobs_dock.setObjectName("jobsDock")
        self.jobs_panel = JobsPanel(self.jobs_vm, self.jobs_dock)
        self.jobs_dock.setWidget(self.jobs_panel)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.jobs_dock)

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        self.profiles_action = QAction(self.tr("Relay &profiles…"), self)
        self.profiles_action.setObjectName("profilesAction")
        self.profiles_action.setShortcut(QKeySequence("Ctrl+,"))
        file_menu.addAction(self.profiles_action)
        self.gallery_action = QAction(self.tr("&Gallery"), self)
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
        choose(value)
        self.statusBar().showMessage(self.tr("The change applies the next time Relay Studio starts."), 6000)

    def _build_status_bar(self) -> None:
        self.profile_label = QLabel(self)
        self.profile_label.setObjectName("profileLabel")
        self.balance_label = QLabel(self)
        self.balance_label.setObjectName("balanceLabel")
        self.statusBar().addPermanentWidget(self.profile_label)
        self.statusBar().addPermanentWidget(self.balance_label)

    def _connect_signals(self) -> None:
        self.vm.statusChanged.connect(self._show_status)
        self.vm.error.connect(self.chat_tab.banner.show_message)
        self.profiles_action.triggered.connect(self._open_profiles)
        self.chat_tab.profilesRequested.connect(self._open_profiles)
        self.gallery_action.triggered.connect(self._gallery)
        self.chat_vm.streamingChanged.connect(lambda streaming: streaming or self.vm.refreshStatus())
        self.jobs_panel.jobOpened.connect(self.open_job)
        self.image_tab.viewRequested.connect(self.view_image)
        self.jobs_vm.assetAdded.connect(self.gallery_vm.assetAdded)
        self.gallery_vm.rerunRequested.connect(self._rerun)
        self.gallery_vm.videoRerunRequested.connect(self._rerun_video)
        self.gallery_vm.animateRequested.connect(self._animate)
        self.gallery_vm.referenceRequested.connect(self._use_as_reference)

    @Slot(str, str)
    def _rerun(self, prompt: str, model: str) -> None:
        self.image_vm.fill(prompt, model)
        self.tabs.setCurrentWidget(self.image_tab)

    @Slot(str)
    def _rerun_video(self, job_id: str) -> None:
        self.open_video(rerun_job_id=job_id)

    @Slot(str)
    def _animate(self, asset_id: str) -> None:
        self.open_video(start_asset_id=asset_id)

    @Slot(str)
    def _use_as_reference(self, path: str) -> None:
        self.image_vm.addReferences([path])
        self.tabs.setCurrentWidget(self.image_tab)

    @Slot(str)
    def open_job(self, job_id: str) -> None:
        """Show a job where it belongs (the Image tab for images and Midjourney, the Video tab for videos)."""
        job = self.jobs_vm.model.job(job_id)
        if job is not None and job.capability in ("image", "mj"):
            self.image_vm.show(job_id)
            self.tabs.setCurrentWidget(self.image_tab)
        elif job is not None and job.capability == "video":
            self.video_vm.show(job_id)
            self.tabs.setCurrentWidget(self.video_page)

    @property
    def video_tab(self) -> VideoTab:
        """The Video tab, built now if it was not yet."""
        return self.video_page.ensure()

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
        if profile:
            self.profile_label.setText(self.tr("Profile: {0}").format(profile))
        else:
            self.profile_label.setText(self.tr("No relay profile"))
        self.balance_label.setText(balance)

    def _gallery(self) -> None:
        self.tabs.setCurrentWidget(self.gallery_tab)

    def _about(self) -> None:
        text = self.tr("Relay Studio {0}\nA studio for chat, images, video, music and audio through AI relays.")
        QMessageBox.about(self, self.tr("About Relay Studio"), text.format(__version__))

    def show_error(self, sentence: str) -> None:
        self.chat_tab.banner.show_message(sentence)

    def show_notice(self, sentence: str) -> None:
        """Something the user must know before they go on (a damaged database replaced): a window-modal
        box that does not block the event loop."""
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
        else:  # first run: a narrow Jobs panel (docks can only be sized once laid out)
            QTimer.singleShot(0, lambda: self.resizeDocks([self.jobs_dock], [260], Qt.Orientation.Horizontal))
        if 0 <= tab < self.tabs.count():
            self.tabs.setCurrentIndex(tab)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.vm.save_window_state(bytes(self.saveGeometry().data()), bytes(self.saveState().data()),
                                  self.tabs.currentIndex())
        if self.video_page.tab is not None:
            self.video_page.tab.shutdown()  # libvlc stops drawing before the window goes
        super().closeEvent(event)
