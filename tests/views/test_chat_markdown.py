"""Markdown → QTextDocument HTML and the finished/tail split of a streaming reply (no Qt needed)."""

from __future__ import annotations

import ast
import html
import random
import re
from pathlib import Path

import pytest

from studio.views import chat_markdown
from studio.views.chat_markdown import (
    RenderedMarkdown,
    StreamingMarkdown,
    StreamUpdate,
    render_markdown,
    split_finished,
)

FENCE = "```"


def visible_text(markup: str) -> str:
    """What a reader sees: tags stripped, entities decoded, whitespace collapsed."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", markup)).split())


def copy_indices(markup: str) -> list[int]:
    return [int(n) for n in re.findall(r'href="copy:(\d+)"', markup)]


def render_in_chunks(text: str, *splits: int) -> tuple[str, list[str]]:
    """Render `text` cut at `splits` the way the stream does: separately, indices continued."""
    bounds = [0, *splits, len(text)]
    out, codes = "", []
    for start, end in zip(bounds, bounds[1:]):
        part = render_markdown(text[start:end], code_index_start=len(codes))
        out += part.html
        codes += part.code_blocks
    return out, codes


REPLY = f"""# Setting up the relay client

Here is what you need to do. **Read it all** before starting; it takes ~5 minutes.

## Steps

1. Install the package:

   {FENCE}bash
   pip install relay-client
   {FENCE}

2. Create a config file. A config with
   several lines of text that wrap
   and continue.

   - nested point one
   - nested point two

3. Run it.

| Option | Default | Meaning |
|:-------|--------:|---------|
| `timeout` | 30 | seconds before giving up |
| `retries` | 3 | how often to retry |

{FENCE}python
import relay


def main() -> None:
    client = relay.Client(timeout=30)

    for model in client.models():
        print(model.id, "<ok>")


if __name__ == "__main__":
    main()
{FENCE}

> **Note:** keys are stored in the keyring, never in `config.toml`.

~~~~text
a tilde fence with a ``` line inside

```
still inside
~~~~

That's it — see [the docs](https://example.com/docs) & enjoy.
"""


# --- render_markdown ------------------------------------------------------------------------------


def test_raw_html_is_escaped_not_rendered() -> None:
    out = render_markdown("Hi <script>alert(1)</script> <b>bold?</b>\n\n<div>block</div>").html
    assert "<script" not in out and "<b>" not in out and "<div>" not in out
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out
    assert "<script>alert(1)</script>" in visible_text(out)
    assert "<div>block</div>" in visible_text(out)


def test_code_block_is_highlighted_inline_with_copy_link() -> None:
    result = render_markdown(f"Intro\n\n{FENCE}python\ndef f(x):\n    return x < 2\n{FENCE}\n")
    assert isinstance(result, RenderedMarkdown)
    assert result.code_blocks == ("def f(x):\n    return x < 2",)
    assert 'href="copy:0"' in result.html and ">Copy</a>" in result.html
    assert "<pre" in result.html and 'bgcolor="' in result.html
    assert re.search(r'<span style="[^"]*color:[^"]*">def</span>', result.html)  # inline colours
    assert 'class="' not in result.html  # QTextDocument has no stylesheet for classes
    assert "&lt;" in result.html and "x < 2" in visible_text(result.html)  # code is escaped too
    assert ">python<" in result.html  # the language label in the header row


def test_code_blocks_are_numbered_in_order_including_indented_and_unknown_languages() -> None:
    text = f"{FENCE}\nplain\n{FENCE}\n\n    indented\n\n{FENCE}nosuchlanguage\n<b>x</b>\n{FENCE}\n"
    result = render_markdown(text)
    assert result.code_blocks == ("plain", "indented", "<b>x</b>")
    assert copy_indices(result.html) == [0, 1, 2]
    assert "&lt;b&gt;x&lt;/b&gt;" in result.html
    shifted = render_markdown(text, code_index_start=5)
    assert copy_indices(shifted.html) == [5, 6, 7] and shifted.code_blocks == result.code_blocks


def test_dark_theme_uses_dark_code_colours() -> None:
    text = f"{FENCE}python\nimport os\n{FENCE}\n\nand `x`"
    light, dark = render_markdown(text).html, render_markdown(text, dark=True).html
    assert light != dark
    code_bg = re.compile(r'<td colspan="2" bgcolor="#([0-9a-fA-F]{6})"')
    brightness = [sum(int(m[i:i + 2], 16) for i in (0, 2, 4))
                  for m in (code_bg.search(light)[1], code_bg.search(dark)[1])]  # type: ignore[index]
    assert brightness[0] > 600 > 150 > brightness[1]


def test_image_becomes_a_link_never_an_img() -> None:
    out = render_markdown("Look: ![a cat](http://example.com/cat.png)").html
    assert "<img" not in out
    assert '<a href="http://example.com/cat.png">a cat</a>' in out


def test_links_stay_links_but_model_written_copy_links_are_plain_text() -> None:
    out = render_markdown("[docs](https://example.com) and [click](copy:0) and <copy:1>").html
    assert '<a href="https://example.com">docs</a>' in out
    assert "copy:0" not in out.replace(">copy:1<", "") and 'href="copy:' not in out
    assert "click" in visible_text(out)


def test_inline_code_and_table() -> None:
    out = render_markdown("Use `x < y`.\n\n| a | b |\n|--:|:--|\n| 1 | 2 |\n").html
    assert re.search(r'<code style="background-color:#[0-9a-f]{6}; font-family:monospace;">x &lt; y</code>',
                     out)
    assert '<table border="1" cellspacing="0" cellpadding="4"' in out
    assert '<th align="right">a</th>' in out and '<td align="left">2</td>' in out


def test_strikethrough_and_line_breaks() -> None:
    out = render_markdown("~~old~~ new\nnext line").html
    assert "<s>old</s>" in out and "<br />" in out


def test_module_does_not_import_qt() -> None:
    tree = ast.parse(Path(chat_markdown.__file__).read_text(encoding="utf-8"))
    imported = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    imported |= {node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    assert not any(name.split(".")[0] in {"PySide6", "shiboken6", "qasync"} for name in imported)


# --- split_finished -------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "expected"), [
    ("", 0),
    ("Just one paragraph still growing", 0),
    ("Line one\nline two\n", 0),
    ("Para one.\n\n", 0),  # the next block has not started: it might be indented continuation
    ("Para one.\n\nP", len("Para one.\n\n")),
    ("Para one.\n\n\n\nPara two.\n\nPara", len("Para one.\n\n\n\nPara two.\n\n")),
    ("# Title\n\nText", len("# Title\n\n")),
    ("| a | b |\n|---|---|\n| 1 | 2 |\n\nAfter", len("| a | b |\n|---|---|\n| 1 | 2 |\n\n")),
    ("- a\n- b\n\nNext", len("- a\n- b\n\n")),
    ("- a\n- b\n\n", 0),
    ("- a\n\n  continued in the item", 0),
    ("- a\n\n    still the item, not code", 0),
    ("    indented code\n\n    more code", 0),
    (" indented paragraph\n\n  another", 0),
])
def test_split_finished_basic(text: str, expected: int) -> None:
    assert split_finished(text) == expected


def test_split_finished_never_splits_inside_an_open_fence() -> None:
    assert split_finished(f"{FENCE}python\nx = 1\n\ny = 2\n\nz") == 0
    text = f"Intro.\n\n{FENCE}python\nx = 1\n\ndef f():\n    pass\n"
    assert split_finished(text) == len("Intro.\n\n")


def test_split_finished_after_a_closed_fence() -> None:
    closed = f"{FENCE}python\nx = 1\n\ny = 2\n{FENCE}\n\n"
    assert split_finished(closed) == 0
    assert split_finished(closed + "After") == len(closed)
    assert split_finished(f"{FENCE}\nx\n\ny\n{FENCE}") == 0  # closing line not complete yet


def test_split_finished_tilde_and_longer_fences() -> None:
    tilde = "~~~\nx\n\n```\n\ny\n"
    assert split_finished(tilde) == 0
    assert split_finished(tilde + "~~~\n\nEnd") == len(tilde + "~~~\n\n")
    four = "````md\n```\ninner\n\nnot closed by three\n```\n\nstill inside\n"
    assert split_finished(four) == 0
    assert split_finished(four + "````\n\nDone") == len(four + "````\n\n")
    assert split_finished("   ```\nindented fence\n\nx\n") == 0
    assert split_finished("```js\na\n\n```python\nb\n") == 0  # a fence with info never closes one


def test_split_finished_fence_opened_inside_a_list_item() -> None:
    # "  ```" closes the item's fence; a line scanner that missed the "- ```" opener would take it
    # for an opener, the real fence below for a closer, and split inside that open fence at "more".
    before_fence = f"- {FENCE}\n  in item\n  {FENCE}\n\nPara\n\n"
    assert split_finished(before_fence + f"{FENCE}\ncode\n\nmore") == len(before_fence)


TRICKY_DOCS = [
    REPLY,
    "1. one\n\n   continued\n\n       code in item\n\n2. two\n   - nested\n\n     nested cont\n\n3. three\n",
    "- a\n\n  - b\n\n    - c\n\n- d\n\nAfter the list.\n",
    f"- {FENCE}\n  x\n\n- y\n\n{FENCE}\nz\n\nw\n{FENCE}\n\nend\n",
    "    code 1\n\n    code 2\n\nText\n\n    code 3\n",
    "> quote 1\n\n> quote 2\n>\n> same quote\n\nTitle\n=====\n\n---\n\n* x\n* y\n",
    "````\n```\n\ninner\n```\n\n````\n\n~~~\n\n~~~\n\nok\n",
]


@pytest.mark.parametrize("doc", TRICKY_DOCS)
def test_every_split_point_is_stable_and_renders_the_same(doc: str) -> None:
    whole = render_markdown(doc)
    points = [split_finished(doc[:k]) for k in range(len(doc) + 1)]
    assert all(a <= b <= k for k, (a, b) in enumerate(zip(points, points[1:]), 1)), "only forward"
    assert len(set(points)) >= 2
    for point in sorted(set(points)):
        out, codes = render_in_chunks(doc, point)
        assert visible_text(out) == visible_text(whole.html), doc[:point]
        assert tuple(codes) == whole.code_blocks
        assert copy_indices(out) == list(range(len(codes)))


def test_split_ordered_list_keeps_its_numbers() -> None:
    text = "1. one\n\n2. two\n\n3. three"
    point = split_finished(text)
    assert point == len("1. one\n\n2. two\n\n")
    assert '<ol start="3">' in render_markdown(text[point:]).html


# --- StreamingMarkdown ----------------------------------------------------------------------------


def stream(text: str, rng: random.Random, *, dark: bool = False) -> tuple[str, list[str], int]:
    """Feed `text` in random deltas, taking updates at random moments like the view's timer does.

    Returns the view's final HTML (all finished chunks + last tail), the code sources, and how many
    finished chunks there were.
    """
    md = StreamingMarkdown(dark=dark)
    finished, tail, chunks, pos = "", "", 0, 0
    while pos < len(text):
        step = rng.choice((1, 2, 3, 5, 8, 20, 60))
        md.feed(text[pos:pos + step])
        pos += step
        if rng.random() < 0.4:
            update = md.take_update()
            finished += update.finished_html
            chunks += bool(update.finished_html)
            tail = update.tail_html
            assert copy_indices(finished + tail) == list(range(len(md.code_blocks)))
            # incremental scanning finds the same finished prefix as a scan of the whole text
            expected = render_markdown(md.text[:split_finished(md.text)]).html
            assert visible_text(finished) == visible_text(expected)
    update = md.finish()
    assert update.tail_html == ""
    finished += update.finished_html
    assert md.text == text
    return finished, md.code_blocks, chunks + 1


@pytest.mark.parametrize("seed", range(8))
def test_streaming_matches_rendering_the_whole(seed: int) -> None:
    rng = random.Random(1000 + seed)
    whole = render_markdown(REPLY)
    out, codes, chunks = stream(REPLY, rng)
    assert chunks > 5, "the reply must actually have been split"
    assert visible_text(out) == visible_text(whole.html)
    assert codes == list(whole.code_blocks)
    assert len(codes) == 3 and codes[1].startswith("import relay\n\n\ndef main()")
    assert copy_indices(out) == list(range(len(codes)))


def test_tail_is_replaced_and_finished_blocks_come_once() -> None:
    md = StreamingMarkdown()
    md.feed("# Title\n\nFirst para")
    first = md.take_update()
    assert "<h1>Title</h1>" in first.finished_html
    assert "First para" in first.tail_html and "Title" not in first.tail_html

    again = md.take_update()  # nothing new: nothing to append, same tail
    assert again == StreamUpdate("", first.tail_html)

    md.feed(" goes on.\n\nSecond")
    second = md.take_update()
    assert visible_text(second.finished_html) == "First para goes on."
    assert visible_text(second.tail_html) == "Second"


def test_code_indices_continue_from_finished_chunks_into_the_tail() -> None:
    md = StreamingMarkdown()
    md.feed(f"{FENCE}py\na = 1\n{FENCE}\n\ntext\n\n{FENCE}js\nlet b")
    update = md.take_update()
    assert copy_indices(update.finished_html) == [0]
    assert copy_indices(update.tail_html) == [1]
    assert md.code_blocks == ["a = 1", "let b"]
    md.feed(" = 2;\n")
    assert md.take_update().finished_html == ""
    assert md.code_blocks == ["a = 1", "let b = 2;"]


def test_finish_flushes_the_tail() -> None:
    md = StreamingMarkdown(dark=True)
    md.feed(f"Para\n\n{FENCE}python\nx = 1")
    assert "x" in visible_text(md.take_update().tail_html)
    done = md.finish()
    assert done.tail_html == "" and copy_indices(done.finished_html) == [0]
    assert "x = 1" in visible_text(done.finished_html)
    assert md.code_blocks == ["x = 1"]
    assert md.finish() == StreamUpdate("", "") and md.take_update() == StreamUpdate("", "")
    with pytest.raises(RuntimeError):
        md.feed("more")


def test_finish_without_any_update() -> None:
    md = StreamingMarkdown()
    md.feed("a\n\nb")
    update = md.finish()
    assert visible_text(update.finished_html) == "a b" and update.tail_html == ""


def test_line_breaks_are_normalised_across_deltas() -> None:
    md = StreamingMarkdown()
    for delta in ("a\r", "\nb\r\n\r", "\nc\rd"):
        md.feed(delta)
    assert md.text == "a\nb\n\nc\nd"
    assert visible_text(md.take_update().finished_html) == "a b"


def test_link_definitions_reach_later_chunks() -> None:
    md = StreamingMarkdown()
    md.feed("[docs]: https://example.com/docs\n\nSee [docs].\n\nMore")
    update = md.take_update()
    assert '<a href="https://example.com/docs">docs</a>' in update.finished_html


def test_long_code_in_the_tail_is_coloured_only_at_its_head_until_finished() -> None:
    lines = [f"value_{i} = compute({i})  # step {i}" for i in range(200)]
    code = "\n".join(lines)
    assert chat_markdown.PREVIEW_HIGHLIGHT_CHARS < len(code) < chat_markdown.HIGHLIGHT_MAX_CHARS
    md = StreamingMarkdown()
    md.feed(f"Intro\n\n{FENCE}python\n{code}")
    tail = md.take_update().tail_html
    assert re.search(r"<span[^>]*>#\s*step 0</span>", tail)  # the head is coloured
    assert f"\n{lines[-1]}</pre>" in tail  # the rest is plain, and nothing is lost
    assert md.code_blocks == [code]
    finished = md.finish().finished_html
    assert re.search(r"<span[^>]*>#\s*step 199</span>", finished)  # finished: coloured throughout
    assert visible_text(finished) == visible_text(render_markdown(f"{FENCE}python\n{code}").html)


def test_huge_code_blocks_are_not_coloured() -> None:
    code = "x = 1\n" * (chat_markdown.HIGHLIGHT_MAX_CHARS // 6 + 1)
    result = render_markdown(f"{FENCE}python\n{code}{FENCE}\n\n{FENCE}python\nx = 1\n{FENCE}\n")
    big, small = result.html.split("</table>")[:2]
    assert "<span" not in big.split("<pre")[1] and "<span" in small.split("<pre")[1]
    assert result.code_blocks == (code[:-1], "x = 1")


def test_streaming_line_by_line_through_a_long_fence_with_blank_lines() -> None:
    body = "".join(f"def f{i}():\n    return {i}\n\n\n" for i in range(30))
    text = f"Intro.\n\n{FENCE}python\n{body}{FENCE}\n\nOutro.\n"
    md = StreamingMarkdown()
    finished = ""
    for line in text.splitlines(keepends=True):
        md.feed(line)
        update = md.take_update()
        finished += update.finished_html
        assert copy_indices(finished) == [0] * ("Outro" in md.text)  # the block finishes only whole
    assert "Outro" not in visible_text(finished) and "return 29" in visible_text(finished)
    finished += md.finish().finished_html
    assert visible_text(finished) == visible_text(render_markdown(text).html)
    assert md.code_blocks == [body.rstrip("\n") + "\n" * 2]


def test_a_typed_message_keeps_every_line_space_and_mark_and_shows_fenced_code_as_code() -> None:
    from studio.views.chat_markdown import render_typed

    typed = "look:\n    indented *not emphasis* # not a heading\n\n```python\nif a:\n    b()\n```\nafter <b>tags</b>"
    rendered = render_typed(typed, copy_label="Copy")
    assert rendered.code_blocks == ("if a:\n    b()",)
    assert "<p style='white-space:pre-wrap'>look:\n    indented *not emphasis* # not a heading</p>" in rendered.html
    assert "&lt;b&gt;tags&lt;/b&gt;" in rendered.html and "<b>tags" not in rendered.html
    assert 'href="copy:0"' in rendered.html and "<em>" not in rendered.html and "<h1>" not in rendered.html
    assert render_typed("```\nopen fence, never closed").code_blocks == ("open fence, never closed",)
    assert render_typed("").html == ""
