import pytest

from ui.urlstate import Setting


@pytest.mark.parametrize(
    "setting, raw, expected",
    [
        (Setting("seed", 0, lo=0, hi=9999), "42", 42),
        (Setting("p", 0.3, lo=0.0, hi=1.0), "0.75", 0.75),
        (Setting("on", False), "true", True),
        (Setting("on", True), "0", False),
        (Setting("kind", "a", choices=("a", "b")), "b", "b"),
        (Setting("text", "", max_len=5), "한국어", "한국어"),
    ],
)
def test_valid_values_parse(setting, raw, expected):
    assert setting.parse(raw) == expected
    assert setting.parse(setting.dump(expected)) == expected


@pytest.mark.parametrize(
    "setting, raw",
    [
        (Setting("seed", 0, lo=0, hi=9999), "-1"),
        (Setting("seed", 0, lo=0, hi=9999), "10000"),
        (Setting("seed", 0, lo=0, hi=9999), "1.5"),
        (Setting("seed", 0, lo=0, hi=9999), "abc"),
        (Setting("p", 0.3, lo=0.0, hi=1.0), "nan"),
        (Setting("p", 0.3, lo=0.0, hi=1.0), "inf"),
        (Setting("on", False), "maybe"),
        (Setting("kind", "a", choices=("a", "b")), "<script>"),
        (Setting("text", "", max_len=5), "toolong"),
    ],
)
def test_invalid_values_raise(setting, raw):
    with pytest.raises(ValueError):
        setting.parse(raw)
