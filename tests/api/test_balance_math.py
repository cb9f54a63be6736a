from studio.api.billing import balance_from


def test_remaining_is_hard_limit_minus_usage_in_hundredths() -> None:
    b = balance_from({"hard_limit_usd": 25.0, "access_until": 0}, {"total_usage": 1234.5})
    assert (b.limit, b.used, b.remaining) == (25.0, 12.345, 12.655)
    assert b.access_until is None


def test_missing_figures_are_unknown_not_zero() -> None:
    b = balance_from(None, {"total_usage": 550})
    assert b.limit is None and b.remaining is None and b.used == 5.5
    b = balance_from({"hard_limit_usd": 20}, None)
    assert b.used is None and b.remaining is None and b.limit == 20


def test_unlimited_token() -> None:
    b = balance_from({"hard_limit_usd": 100000000}, {"total_usage": 0})
    assert b.unlimited and b.remaining is None and b.limit is None
