"""Scraping media out of chat-format replies (docs/PROTOCOLS.md#chat-format-media)."""

from __future__ import annotations

from studio.api.chatmedia import extract, progress_of

VIDU = (
    "```\n{\n  \"prompt\": \"Panda\",\n  \"image_url\": \"https://filesystem.site/cdn/in.webp\"\n}\n```\n\n\n\n"
    "> 排队中..\n> 生成中....\n> 生成完成 ✅\n> 视频信息 688x384 `fps: 16`\n\n"
    "![cover](https://vidu.cf.vidu.studio/x/cover.jpeg?Expires=1722524202&Signature=a~b%2Bc)\n"
    "[在线播放▶️](https://filesystem.site/cdn/20240801/F6uD.mp4)"
)


def test_vidu_reply_gives_the_video_and_ignores_echoed_inputs() -> None:
    media = extract(VIDU, default_kind="video")
    assert [(r.url, r.kind) for r in media.results()] == [("https://filesystem.site/cdn/20240801/F6uD.mp4", "video")]
    cover = [link for link in media.links if link.thumbnail]
    assert cover and cover[0].url.endswith("Expires=1722524202&Signature=a~b%2Bc")  # query kept whole
    assert all("in.webp" not in link.url for link in media.links)
    assert media.progress == 100.0 and media.failure is None


def test_html_video_tag_and_reasoning_progress() -> None:
    media = extract("<video src='https://storage.googleapis.com/v.mp4?Expires=1&amp;Signature=a%2Bb' controls></video>",
                    "生成进度: 3%\n生成进度: 44%\n")
    assert media.results()[0].url == "https://storage.googleapis.com/v.mp4?Expires=1&Signature=a%2Bb"
    assert media.progress == 44.0


def test_sora_dots_progress_and_image_link() -> None:
    text = "> 排队中.\n> 生成中\n\n>🏃 进度 36..44..61..\n\n> 生成完成 ✅\n\n![a.webp](https://x/a.webp)\n[在线播放▶️](https://x/v.mp4)"
    assert progress_of("> 排队中.\n>🏃 进度 36..44..") == 44.0
    media = extract(text, default_kind="video")
    assert {r.kind for r in media.results()} == {"image", "video"}


def test_in_band_failure_has_its_text() -> None:
    media = extract("> 排队中.\n生成失败: upstream error")
    assert media.results() == [] and media.failure == "upstream error"
    veo = extract("", "✨ 视频生成任务已启动\n❌ 生成失败: Flow API request failed: HTTP Error 401\n")
    assert veo.failure == "Flow API request failed: HTTP Error 401"


def test_data_url_and_bare_links() -> None:
    media = extract("![image](data:image/png;base64,iVBORw0KGgo=) and https://cdn.example/b.png).")
    assert [r.kind for r in media.results()] == ["image", "image"]
    assert media.results()[1].url == "https://cdn.example/b.png"


def test_a_broken_data_url_is_one_sentence() -> None:
    import pytest

    from studio.api.chatmedia import decode_data_url
    from studio.api.errors import BadResponse

    assert decode_data_url("data:image/png;base64,iVBORw0KGgo") == b"\x89PNG\r\n\x1a\n"  # padding repaired
    with pytest.raises(BadResponse):
        decode_data_url("data:image/png;base64,#not*base64")


def test_untyped_links_beside_a_clip_are_no_results() -> None:
    text = ("\n\n> ID: `task_01`\n>[数据预览](https://asyncdata.net/web/task_01) | "
            "[原始数据](https://asyncdata.net/source/task_01)\n> 排队中.\n> 生成中\n\n>🏃 进度 36..81..\n\n"
            "> 生成完成 ✅\n\n![p](https://x/p.webp)\n[在线播放▶️](https://x/v.mp4)")
    media = extract(text, default_kind="video")
    assert [r.url for r in media.results("video")] == ["https://x/v.mp4"]
    assert all("asyncdata" not in link.url for link in media.links)
    assert extract("![image](https://cdn.example/abc?x=1)").results()[0].kind == "image"  # alone, it is the result


def test_an_escaped_character_in_a_link_is_no_progress_figure() -> None:
    assert progress_of("<video src='https://s/v.mp4?Expires=1&Signature=ab12%2Bc'>") is None
    assert progress_of("生成进度: 72%\n<video src='https://s/v.mp4?Signature=a12%2Fb'>") == 72.0
    assert progress_of("进度12%") == 12.0 and progress_of(" 45%|████▌ | 9/20") == 45.0
