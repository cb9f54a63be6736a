"""Use cases over the core: profiles and routing, chat turns, (later) images, video, music, audio.

`StudioCore` (core.py) is what the CLI and the GUI's composition root build; everything else is
reached through it.
"""
