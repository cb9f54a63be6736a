"""One lock for Qt's image readers in worker threads.

Qt reads images through plugins it holds behind one mutex, and a plugin that fails (the TGA reader tries any
bytes it does not recognise) words its error (`QCoreApplication.translate`) and may log a warning while
holding it. Our translators are Qt's own (studio/views/retranslate.py), but a warning reaches any Python
message handler (pytest-qt installs one; a crash reporter might), which needs the GIL; and some image calls
(`QImageReader.size`) keep the GIL while they wait for Qt's mutex. Two worker threads reading at once could so
wait for each other for ever (seen while the translator was Python: a thumbnail decode and a gallery load,
with the UI thread waiting to start a third). Every Qt image read — in workers, and the UI thread's few reads
of small thumbnails — takes this lock, so one reads at a time and the others wait here, where the GIL is free.
"""

from __future__ import annotations

import threading

#: held around QImage.fromData / QImageReader in worker threads
QT_IMAGES = threading.Lock()
