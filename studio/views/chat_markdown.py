"""Markdown → HTML for the chat view's QTextDocument, and the split of a streaming reply.

Why this exists: on this machine re-rendering a whole streamed reply as markdown every ~40 ms stalled
the UI 180–320 ms, while appending *finished* blocks once and re-rendering only the *open tail*
stalls ≤ 10 ms; this module is the Qt-free half of that (it never imports PySide6).

- `render_markdown` turns markdown into the HTML subset QTextDocument renders well: inline styles and
  table attributes instead of CSS classes, Pygments colours inline, code blocks with a `copy:N` link,
  raw HTML escaped, images shown as links (the view must never fetch remote images).
- `split_finished` finds the prefix of a growing text that later text can no longer change.
- `StreamingMarkdown` keeps one growing message: finished HTML to append once, tail HTML to replace.
"""

from __future__ import annotations

import functools
import re
from collections.abc import MutableMapping, Sequence
from dataclasses import dataclass
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml, unescapeAll
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token
from markdown_it.utils import OptionsDict
from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexer import Lexer
from pygments.lexers import TextLexer, get_lexer_by_name
from pygments.styles import get_style_by_name
from pygments.util import ClassNotFound

__all__ = [
    "COPY_SCHEME",
    "HIGHLIGHT_MAX_CHARS",
    "PREVIEW_HIGHLIGHT_CHARS",
    "RenderedMarkdown",
    "StreamUpdate",
    "StreamingMarkdown",
    "render_markdown",
    "render_typed",
    "split_finished",
]

#: href scheme of the "Copy" link above each code block: `copy:N` copies `code_blocks[N]`.
#: Links written by the model with this scheme are rendered as plain text, so a `copy:` anchor the
#: view receives was always made here.
COPY_SCHEME = "copy:"


@dataclass(frozen=True, slots=True)
class RenderedMarkdown:
    """HTML for QTextDocument plus the raw source of each code block, in `copy:N` order."""

    html: str
    #: source of each fenced/indented code block (without the final line break), in document order.
    code_blocks: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class StreamUpdate:
    """What the view does with one update of a streaming message."""

    #: HTML of blocks newly finished since the last update ("" if none): append once, never re-render.
    finished_html: str
    #: HTML of the open tail: replaces the previous tail ("" when nothing is open).
    tail_html: str


# --------------------------------------------------------------------------------------------------
# Theme


@dataclass(frozen=True, slots=True)
class _Theme:
    """Colours for one appearance; inline because QTextDocument ignores class-based CSS."""

    pygments_style: str
    code_bg: str
    code_fg: str
    header_bg: str
    header_fg: str
    copy_link_fg: str
    inline_code_bg: str
    table_border: str


def _dark_pygments_style() -> str:
    """`github-dark` matches the dark palette best but only exists in recent Pygments."""
    try:
        get_style_by_name("github-dark")
    except ClassNotFound:
        return "monokai"
    return "github-dark"


@functools.cache
def _theme(dark: bool) -> _Theme:
    if dark:
        style = _dark_pygments_style()
        return _Theme(
            pygments_style=style,
            # the style's own background, so its token colours keep their contrast.
            code_bg=get_style_by_name(style).background_color or "#0d1117",
            code_fg="#e6edf3",
            header_bg="#21262d",
            header_fg="#9198a1",
            copy_link_fg="#4493f8",
            inline_code_bg="#3a3f47",
            table_border="#3d444d",
        )
    return _Theme(
        pygments_style="default",
        code_bg="#f6f8fa",
        code_fg="#1f2328",
        header_bg="#e8ebef",
        header_fg="#59636e",
        copy_link_fg="#0969da",
        inline_code_bg="#eceff2",
        table_border="#8c959f",
    )


# --------------------------------------------------------------------------------------------------
# Code highlighting


@functools.lru_cache(maxsize=128)
def _lexer(name: str) -> Lexer:
    """Lexer for a fence's language tag; building one costs ~0.1–1 ms, so each is built once.

    Never `guess_lexer`: it tries every lexer on the text and is far too slow for a 40 ms tick.
    """
    if name:
        try:
            return get_lexer_by_name(name, stripnl=False)
        except ClassNotFound:
            pass
    return TextLexer(stripnl=False)


@functools.cache
def _formatter(dark: bool) -> HtmlFormatter:
    """Inline `style=` spans (noclasses) and no wrapper (nowrap): the `<pre>` is ours."""
    return HtmlFormatter(noclasses=True, nowrap=True, style=_theme(dark).pygments_style)


#: Measured on this machine: Pygments lexes Python at ~1.5–4 ms/KB, and QTextDocument inserts
#: coloured code at ~6 ms/KB versus ~2.5 ms/KB for plain code. Hence two limits:
#: code blocks longer than this are never coloured (their one-time render would stall the UI) …
HIGHLIGHT_MAX_CHARS = 10_000
#: … and in the open tail, re-rendered every tick, only a block's first ~this many characters are
#: coloured; the rest stays plain until the block is finished and rendered once, fully coloured.
PREVIEW_HIGHLIGHT_CHARS = 2000


def _highlight(code: str, language: str, dark: bool) -> str:
    if len(code) > HIGHLIGHT_MAX_CHARS:
        return escapeHtml(code.rstrip("\n"))
    return str(highlight(code, _lexer(language.lower()), _formatter(dark))).rstrip("\n")


@functools.lru_cache(maxsize=16)
def _highlight_head(head: str, language: str, dark: bool) -> str:
    """The coloured head of a long open code block: the same text every tick, so computed once."""
    return _highlight(head, language, dark)


def _highlight_preview(code: str, language: str, dark: bool) -> str:
    if len(code) <= PREVIEW_HIGHLIGHT_CHARS or len(code) > HIGHLIGHT_MAX_CHARS:
        return _highlight(code, language, dark)
    cut = code.rfind("\n", 0, PREVIEW_HIGHLIGHT_CHARS) + 1
    head = _highlight_head(code[:cut], language, dark) if cut else ""
    rest = escapeHtml(code[cut:].rstrip("\n"))
    return f"{head}\n{rest}" if head and rest else head or rest


def _code_block_html(code: str, language: str, index: int, theme: _Theme, dark: bool,
                     preview: bool = False, copy_label: str = "Copy") -> str:
    """A one-table code block: header row (language, Copy link) over a padded, tinted `<pre>`.

    A table because QTextDocument paints `bgcolor` and `cellpadding` on cells reliably, while
    padding and background on a bare `<pre>` are only partly honoured.
    """
    label = escapeHtml(language or "code")
    body = (_highlight_preview if preview else _highlight)(code, language, dark)
    return (
        f'<table width="100%" border="0" cellspacing="0" cellpadding="6" bgcolor="{theme.code_bg}">\n'
        f'<tr><td bgcolor="{theme.header_bg}">'
        f'<span style="color:{theme.header_fg}; font-size:small;">{label}</span></td>'
        f'<td bgcolor="{theme.header_bg}" align="right"><a href="{COPY_SCHEME}{index}" '
        f'style="color:{theme.copy_link_fg}; text-decoration:none; font-size:small;">{escapeHtml(copy_label)}</a>'
        "</td></tr>\n"
        f'<tr><td colspan="2" bgcolor="{theme.code_bg}">'
        f'<pre style="margin:0; color:{theme.code_fg}; font-family:monospace; white-space:pre-wrap;">{body}</pre>'
        "</td></tr>\n</table>\n"
    )


# --------------------------------------------------------------------------------------------------
# markdown-it render rules (state travels in `env`, so one parser serves every call and theme)

_ENV_THEME = "studio_dark"
_ENV_CODES = "studio_code_blocks"
_ENV_CODE_START = "studio_code_start"
_ENV_PREVIEW = "studio_preview"  # rendering the open tail: see PREVIEW_HIGHLIGHT_CHARS
_ENV_COPY_LABEL = "studio_copy_label"  # the (translated) text of the Copy link
_META_PLAIN_LINK = "studio_plain_link"  # on a link_close whose link_open was dropped

_Env = MutableMapping[str, Any]


def _emit_code(env: _Env, code: str, language: str) -> str:
    codes: list[str] = env[_ENV_CODES]
    index = env[_ENV_CODE_START] + len(codes)
    codes.append(code[:-1] if code.endswith("\n") else code)
    dark: bool = env[_ENV_THEME]
    return _code_block_html(code, language, index, _theme(dark), dark, env.get(_ENV_PREVIEW, False),
                            env.get(_ENV_COPY_LABEL, "Copy"))


def _render_fence(self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict,
                  env: _Env) -> str:
    token = tokens[idx]
    info = unescapeAll(token.info).strip() if token.info else ""
    language = info.split(maxsplit=1)[0] if info else ""
    return _emit_code(env, token.content, language)


def _render_code_block(self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict,
                       env: _Env) -> str:
    return _emit_code(env, tokens[idx].content, "")


def _render_code_inline(self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict,
                        env: _Env) -> str:
    bg = _theme(env[_ENV_THEME]).inline_code_bg
    return (f'<code style="background-color:{bg}; font-family:monospace;">'
            f"{escapeHtml(tokens[idx].content)}</code>")


def _is_internal(url: str) -> bool:
    return url.strip().lower().startswith(COPY_SCHEME)


def _render_image(self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict,
                  env: _Env) -> str:
    """A link instead of `<img>`: QTextDocument would fetch the URL, and the view must not."""
    token = tokens[idx]
    src = str(token.attrGet("src") or "")
    alt = self.renderInlineAsText(token.children, options, env) if token.children else ""
    text = escapeHtml(alt or (src if len(src) <= 100 else src[:99] + "…"))  # data: URLs are long
    if not src or _is_internal(src):
        return text
    return f'<a href="{escapeHtml(src)}">{text}</a>'


def _render_link_open(self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict,
                      env: _Env) -> str:
    """Model-written `copy:` links become plain text so they cannot pose as our Copy links."""
    if _is_internal(str(tokens[idx].attrGet("href") or "")):
        for later in tokens[idx + 1:]:  # links never nest, so the next close is ours
            if later.type == "link_close":
                later.meta[_META_PLAIN_LINK] = True
                break
        return ""
    return self.renderToken(tokens, idx, options, env)


def _render_link_close(self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict,
                       env: _Env) -> str:
    if tokens[idx].meta.get(_META_PLAIN_LINK):
        return ""
    return self.renderToken(tokens, idx, options, env)


def _render_table_open(self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict,
                       env: _Env) -> str:
    border = _theme(env[_ENV_THEME]).table_border
    return (f'<table border="1" cellspacing="0" cellpadding="4" '
            f'style="border-collapse:collapse; border-color:{border};">\n')


_ALIGN_STYLE = re.compile(r"text-align:\s*(left|right|center)")


def _render_cell_open(self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict,
                      env: _Env) -> str:
    """Column alignment as the `align` attribute, which QTextDocument honours on cells."""
    token = tokens[idx]
    style = token.attrGet("style")
    if style:
        match = _ALIGN_STYLE.search(str(style))
        del token.attrs["style"]
        if match:
            token.attrSet("align", match.group(1))
    return self.renderToken(tokens, idx, options, env)


@functools.cache
def _markdown() -> MarkdownIt:
    """The one parser, built on first use (construction compiles the rule chains)."""
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "breaks": True})
    md.enable(["table", "strikethrough"])
    md.add_render_rule("fence", _render_fence)
    md.add_render_rule("code_block", _render_code_block)
    md.add_render_rule("code_inline", _render_code_inline)
    md.add_render_rule("image", _render_image)
    md.add_render_rule("link_open", _render_link_open)
    md.add_render_rule("link_close", _render_link_close)
    md.add_render_rule("table_open", _render_table_open)
    md.add_render_rule("th_open", _render_cell_open)
    md.add_render_rule("td_open", _render_cell_open)
    return md


def _render(text: str, *, dark: bool, code_index_start: int,
            references: dict[str, Any] | None = None, preview: bool = False,
            copy_label: str = "Copy") -> RenderedMarkdown:
    """Render with code indices starting at `code_index_start`; `references` carries link
    definitions (`[x]: url`) from earlier chunks of the same message and receives this chunk's;
    `preview` marks the open tail (long code blocks only partly coloured)."""
    if not text.strip():
        return RenderedMarkdown("", ())
    codes: list[str] = []
    env: dict[str, Any] = {_ENV_THEME: dark, _ENV_CODES: codes, _ENV_CODE_START: code_index_start,
                           _ENV_PREVIEW: preview, _ENV_COPY_LABEL: copy_label}
    if references is not None:
        env["references"] = references
    return RenderedMarkdown(_markdown().render(text, env), tuple(codes))


def render_markdown(text: str, *, dark: bool = False, code_index_start: int = 0,
                    copy_label: str = "Copy") -> RenderedMarkdown:
    """Markdown → HTML for QTextDocument; raw HTML in `text` is escaped, never rendered.

    `code_index_start` numbers the `copy:N` links from N when this text continues a message whose
    earlier code blocks were rendered separately (`StreamingMarkdown` does that).
    """
    return _render(text, dark=dark, code_index_start=code_index_start, copy_label=copy_label)


def render_typed(text: str, *, dark: bool = False, code_index_start: int = 0,
                 copy_label: str = "Copy") -> RenderedMarkdown:
    """A message as its writer typed it: every line break, space and markdown mark kept (a prompt is
    rarely meant as markdown: `*`, `#` and `_` in pasted logs or maths stay what they are), except that
    a fenced code block is shown as a code block, coloured and with its Copy link, like in a reply."""
    lines = text.split("\n")
    md = _markdown()
    tokens: list[Token] = []
    md.block.parse(text, md, {}, tokens)
    codes: list[str] = []
    env: dict[str, Any] = {_ENV_THEME: dark, _ENV_CODES: codes, _ENV_CODE_START: code_index_start,
                           _ENV_COPY_LABEL: copy_label}
    parts: list[str] = []
    done = 0

    def typed(first: int, end: int) -> None:
        chunk = "\n".join(lines[first:end]).strip("\n")
        if chunk.strip():
            parts.append(f"<p style='white-space:pre-wrap'>{escapeHtml(chunk)}</p>")

    for token in tokens:
        if token.type != "fence" or not token.map or token.level != 0:
            continue
        first, end = token.map
        typed(done, first)
        info = unescapeAll(token.info).strip() if token.info else ""
        parts.append(_emit_code(env, token.content, info.split(maxsplit=1)[0] if info else ""))
        done = end
    typed(done, len(lines))
    return RenderedMarkdown("".join(parts), tuple(codes))


# --------------------------------------------------------------------------------------------------
# Finished prefix of a growing text

#: a blank line followed by a line that starts in column 0 with a visible character: the only kind
#: of boundary after which nothing later can change how the text before it renders.
_BOUNDARY = re.compile(r"\n[ \t]*\n(?=[^ \t\n])")


def split_finished(text: str) -> int:
    """Length of the prefix of `text` made of finished markdown blocks (0 if none).

    The prefix ends right after a blank line (so it includes it) that is followed by a line starting
    in column 0 with a visible character, and that blank line is not inside a fenced code block
    (``` or ~~~, any length, indented ≤ 3 spaces, open or closed later) — fences are found with the
    same markdown-it block parser the renderer uses, so container-nested fences count correctly.

    Why wait for the next line's first character instead of splitting at the blank line itself: a
    blank line followed by an indented line continues a list item (or an indented code block), and
    rendered alone that line would become a paragraph or code block. A column-0 line closes every
    container except a top-level fence; if it is a new item of the same list, the split makes two
    lists (ordered ones keep their numbers via `start`) with the same content — accepted so that a
    reply written as one long list still streams in small pieces.

    Monotone: a split point, once found, stays valid for every longer text. Expects `\\n` line
    breaks (`StreamingMarkdown` normalises). Cost: one C-speed regex scan, plus a block parse of the
    text when it contains ``` or ~~~ (~50 ms for 100 KB) — a growing text should go through
    `StreamingMarkdown`, which only ever looks at text that is not finished yet.
    """
    return _FinishedScanner().advance(text)


class _FinishedScanner:
    """`split_finished` for one growing text, amortised O(new text).

    Each candidate boundary is judged once (a verdict never changes as text grows), the block parse
    covers only the unfinished part, and while a top-level fence is open no parse happens at all
    until a line that could close it arrives.
    """

    def __init__(self) -> None:
        self.finished = 0  # length of the finished prefix found so far
        self._checked = -1  # candidates at positions ≤ this have been judged
        self._closer: re.Pattern[str] | None = None  # closing line of the fence open at the end
        self._closer_from = 0  # no closing line before this offset

    def advance(self, text: str) -> int:
        """The finished length of `text`, which must extend the text of earlier calls."""
        start, checked = self.finished, self._checked
        self._checked = len(text) - 1  # a candidate needs its next character, so this is all
        # a new candidate (p > checked) starts at a newline at or after the last one before `checked`
        search_from = max(start, text.rfind("\n", start, max(checked, start)))
        candidates = [m.end() for m in _BOUNDARY.finditer(text, search_from) if m.end() > checked]
        if not candidates:
            return start
        if self._closer is not None:
            if not self._closer.search(text, self._closer_from):
                self._closer_from = text.rfind("\n") + 1  # complete lines before this were searched
                return start  # every new candidate is inside the still-open fence
            self._closer = None
        line_end = text.find("\n", candidates[-1])
        scope = text[start:] if line_end < 0 else text[start:line_end + 1]
        if "```" not in scope and "~~~" not in scope:
            self.finished = candidates[-1]
            return self.finished
        fences = _fences(scope)
        scope_lines = scope.count("\n") + (line_end < 0)
        for p in reversed(candidates):
            line = text.count("\n", start, p)
            inside = [(end, marker) for first, end, marker in fences if first < line < end]
            if not inside:
                self.finished = p
                return p
            end, marker = inside[-1]
            if p == candidates[-1] and end == scope_lines:
                # the fence runs to the end of the text: skip parsing until its closing line arrives
                self._closer = _closing_line(marker)
                self._closer_from = p
        return start


def _fences(text: str) -> list[tuple[int, int, str]]:
    """`(first line, end line, opening marker)` of every fenced code block in `text`, closed or
    not, from a block-only parse (inline parsing is most of markdown-it's cost and not needed)."""
    md = _markdown()
    tokens: list[Token] = []
    md.block.parse(text, md, {}, tokens)
    return [(t.map[0], t.map[1], t.markup) for t in tokens if t.type == "fence" and t.map]


def _closing_line(marker: str) -> re.Pattern[str]:
    """A complete line that can close a top-level fence opened with `marker` (``` / ~~~~ …)."""
    return re.compile(rf"^ {{0,3}}{re.escape(marker[0])}{{{len(marker)},}}[ \t]*\n", re.MULTILINE)


# --------------------------------------------------------------------------------------------------
# One streaming message


class StreamingMarkdown:
    """The render state of one growing message: finished blocks are rendered exactly once.

    Call `feed` for each delta, `take_update` on the view's timer, `finish` when the stream ends.
    `copy:N` indices run across finished chunks and the tail; `code_blocks[N]` is what N copies.
    """

    def __init__(self, *, dark: bool = False, code_index_start: int = 0, copy_label: str = "Copy") -> None:
        self._dark = dark
        self._copy_label = copy_label
        #: the first `copy:N` number, so several messages in one document never share a number
        self._code_base = code_index_start
        self._parts: list[str] = []  # deltas not yet joined (joining per delta would be quadratic)
        self._text = ""
        self._after_cr = False  # the last delta ended in "\r": a leading "\n" next is the same break
        self._finished = 0  # length of the finished prefix, already handed out as finished_html
        self._scanner = _FinishedScanner()  # finds where the finished prefix ends, incrementally
        self._finished_codes: list[str] = []
        self._references: dict[str, Any] = {}  # link definitions from finished chunks
        self._tail_source = ""
        self._tail_html = ""
        self._tail_codes: tuple[str, ...] = ()
        self._done = False

    @property
    def text(self) -> str:
        """All text fed so far (line breaks normalised to `\\n`)."""
        if self._parts:
            self._text += "".join(self._parts)
            self._parts.clear()
        return self._text

    @property
    def code_blocks(self) -> list[str]:
        """Sources for `copy:N` (N - code_index_start): finished code blocks, then the tail's."""
        return [*self._finished_codes, *self._tail_codes]

    def feed(self, delta: str) -> None:
        """Append a delta; cheap (rendering happens in `take_update`)."""
        if self._done:
            raise RuntimeError("feed() after finish(): this message is complete")
        if self._after_cr and delta:
            self._after_cr = False
            if delta.startswith("\n"):
                delta = delta[1:]
        if not delta:
            return
        if "\r" in delta:
            self._after_cr = delta.endswith("\r")
            delta = delta.replace("\r\n", "\n").replace("\r", "\n")
        self._parts.append(delta)

    @property
    def tail_text(self) -> str:
        """The open (unfinished) tail as source text."""
        return self.text[self._finished:]

    def take_update(self, *, render_tail: bool = True) -> StreamUpdate:
        """Render what changed: newly finished blocks (once) and the open tail (again).

        With `render_tail=False` the tail is not rendered (`tail_html` is ""): the view shows a long
        open tail as plain text instead, because re-rendering it per update would grow without bound.
        """
        if self._done:
            return StreamUpdate("", "")
        text = self.text
        split = self._scanner.advance(text)
        finished_html = self._finish_chunk(text[self._finished:split]) if split > self._finished else ""
        if not render_tail:
            self._tail_source, self._tail_html, self._tail_codes = "", "", ()
            return StreamUpdate(finished_html, "")
        tail = text[self._finished:]
        if tail != self._tail_source:
            rendered = _render(tail, dark=self._dark, code_index_start=self._code_base + len(self._finished_codes),
                               references=dict(self._references), preview=True, copy_label=self._copy_label)
            self._tail_source, self._tail_html, self._tail_codes = tail, rendered.html, rendered.code_blocks
        return StreamUpdate(finished_html, self._tail_html)

    def finish(self, *, render_tail: bool = True) -> StreamUpdate:
        """The stream ended: the whole remaining tail is finished; `tail_html` is "".

        `render_tail=False` skips rendering the last tail (the view already shows it exactly, as
        plain text without markdown syntax).
        """
        if self._done:
            return StreamUpdate("", "")
        finished_html = self._finish_chunk(self.text[self._finished:]) if render_tail else ""
        self._done = True
        return StreamUpdate(finished_html, "")

    def _finish_chunk(self, chunk: str) -> str:
        rendered = _render(chunk, dark=self._dark, code_index_start=self._code_base + len(self._finished_codes),
                           references=self._references, copy_label=self._copy_label)
        self._finished_codes.extend(rendered.code_blocks)
        self._finished += len(chunk)
        self._tail_source, self._tail_html, self._tail_codes = "", "", ()
        return rendered.html
