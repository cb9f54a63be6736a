from studio.api.capabilities import capability_of


def test_names_and_endpoint_types_group_models() -> None:
    assert capability_of("gpt-4o") == "chat"
    assert capability_of("claude-3-5-sonnet", ["anthropic", "openai"]) == "chat"
    assert capability_of("dall-e-3") == "image"
    assert capability_of("whatever", ["image-generation"]) == "image"
    assert capability_of("gpt-4o-image") == "image"
    assert capability_of("mj_imagine") == "mj"
    assert capability_of("sora-2", ["openai-video"]) == "video"
    assert capability_of("vidu-video") == "video"
    assert capability_of("kling-v1") == "video"
    assert capability_of("suno_music") == "music"
    assert capability_of("chirp-v3-5") == "music"
    assert capability_of("whisper-1") == "transcribe"
    assert capability_of("tts-1") == "speech"
    assert capability_of("text-embedding-3-small", ["embeddings"]) == "embedding"
    assert capability_of("flux-schnell") == "image"


def test_slash_named_chat_models_stay_chat_models_and_replicate_image_models_are_image_models() -> None:
    # OpenRouter-style relays name chat models owner/name too: the Replicate family's owner/name rule says
    # how such a model is called for an image job, not which picker it belongs in
    assert capability_of("openai/gpt-4o") == "chat"
    assert capability_of("deepseek-ai/deepseek-v3") == "chat"
    assert capability_of("black-forest-labs/flux-schnell") == "image"
    assert capability_of("stability-ai/sdxl") == "image"
