"""The local library of generated assets: files under `library/<yyyy>/<mm>/`, rows in `assets`
(`store.py`), and thumbnails cached under `thumbs/` for worker threads (`thumbnails.py`). Qt-free."""
