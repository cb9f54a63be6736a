"""Every error dialect of docs/PROTOCOLS.md#shapes becomes one class and one sentence (pure parsing; the
same shapes over real HTTP are in test_client_faults.py)."""

import pytest

from studio.api import errors as e


def parse(status: int, body: str | bytes, headers: dict[str, str] | None = None) -> e.RelayError:
    raw = body.encode() if isinstance(body, str) else body
    return e.error_from_response(status, headers or {"content-type": "application/json"}, raw)


def test_new_api_401_keeps_request_id_and_relay_message() -> None:
    err = parse(401, '{"error":{"message":"无效的令牌 (request id: 2025010100001)","type":"new_api_error","code":""}}')
    assert isinstance(err, e.AuthError)
    assert err.request_id == "2025010100001"
    assert "无效的令牌" in str(err) and "(request id: 2025010100001)" in str(err)
    assert str(err).count("request id") == 1


@pytest.mark.parametrize(
    ("status", "body", "cls"),
    [
        (403, '{"error":{"message":"用户额度不足, 剩余额度: 0 (request id: x)","type":"new_api_error",'
              '"param":"","code":"insufficient_user_quota"}}', e.QuotaExceeded),
        (503, '{"error":{"message":"分组 default 下模型 nope 无可用渠道（distributor） (request id: x)",'
              '"type":"new_api_error","code":"model_not_found"}}', e.ModelUnavailable),
        (500, '{"error":{"message":"bad response status code 500 (request id: x)","type":"upstream_error",'
              '"param":"","code":"bad_response_status_code"}}', e.ServerError),
        (501, '{"error":{"message":"API not implemented","type":"new_api_error","param":"",'
              '"code":"api_not_implemented"}}', e.NotImplementedByRelay),
        (429, '{"error":{"message":"您已达到请求数限制：1分钟内最多请求10次","type":"new_api_error","code":""}}',
         e.RateLimited),
        (500, '{"type":"error","error":{"type":"upstream_error","message":"bad (request id: x)"}}', e.ServerError),
        (500, '{"error":{"message":"当前分组上游负载已饱和 (request id: x)","type":"one_api_error"}}', e.ServerError),
        (400, '{"code":"task_not_exist","message":"task_not_exist","data":null}', e.BadRequest),
        (400, '{"description":"task_no_found ","type":"upstream_error","code":4}', e.BadRequest),
        (404, '{"error":{"message":"Invalid URL (GET /v1/unknown)","type":"invalid_request_error"}}', e.NotFound),
    ],
)
def test_json_error_shapes(status: int, body: str, cls: type) -> None:
    err = parse(status, body)
    assert type(err) is cls
    assert err.status == status
    assert err.message and "request id" not in err.message
    assert str(err).endswith(".")


def test_html_502_page_is_summarised_by_its_title() -> None:
    page = ("<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1>"
            "</center><hr><center>nginx</center></body></html>")
    err = parse(502, page, {"content-type": "text/html"})
    assert isinstance(err, e.ServerError)
    assert "HTML error page (502 Bad Gateway)" in str(err)
    assert "<" not in str(err)


def test_empty_and_plain_text_bodies() -> None:
    assert "empty response body" in str(parse(500, b"", {}))
    err = parse(500, "upstream connect error or disconnect/reset before headers", {"content-type": "text/plain"})
    assert "upstream connect error" in str(err)


def test_empty_429_reads_retry_after_header() -> None:
    err = parse(429, b"", {"retry-after": "7"})
    assert isinstance(err, e.RateLimited)
    assert err.retry_after == 7.0
    assert "7 s" in str(err)


def test_request_id_from_header_when_message_has_none() -> None:
    err = parse(500, '{"error":{"message":"boom"}}', {"x-oneapi-request-id": "abc123"})
    assert err.request_id == "abc123"


def test_redact_removes_the_key_from_relay_messages() -> None:
    err = e.error_from_response(
        401, {}, b'{"error":{"message":"token sk-secret-123 is invalid"}}',
        redact=lambda t: t.replace("sk-secret-123", "***"),
    )
    assert "sk-secret-123" not in str(err)


def test_long_messages_are_clipped_to_one_line() -> None:
    err = parse(400, '{"error":{"message":"' + "x\\n" * 500 + '"}}')
    assert "\n" not in str(err)
    assert len(str(err)) < 400


def test_openai_429_insufficient_quota_is_a_quota_error_not_a_rate_limit() -> None:
    body = ('{"error":{"message":"You exceeded your current quota","type":"insufficient_quota",'
            '"code":"insufficient_quota"}}')
    assert isinstance(parse(429, body), e.QuotaExceeded)
