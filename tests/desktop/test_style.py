"""The label palette: ten colours told apart in both themes, each readable under the text colour.

CIEDE2000 is written out here (Sharma, Wu & Dalal 2005) and checked against the paper's test
data, so the palette test measures what it claims to.
"""

from __future__ import annotations

import itertools
import math

import pytest
from PySide6.QtGui import QColor, QPalette

from desktop.style import dark_palette, label_styles

MIN_DELTA_E = 20.0
MIN_CONTRAST = 4.5


def _linear(c: float) -> float:
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def lab(colour: QColor) -> tuple[float, float, float]:
    """sRGB (D65) to CIE L*a*b*."""
    r, g, b = (_linear(v) for v in (colour.redF(), colour.greenF(), colour.blueF()))
    x = (0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / 0.95047
    y = 0.2126729 * r + 0.7151522 * g + 0.0721750 * b
    z = (0.0193339 * r + 0.1191920 * g + 0.9503041 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > (6 / 29) ** 3 else t / (3 * (6 / 29) ** 2) + 4 / 29

    fx, fy, fz = f(x), f(y), f(z)
    return 116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)


def ciede2000(lab1, lab2) -> float:
    l1, a1, b1 = lab1
    l2, a2, b2 = lab2
    c_mean = (math.hypot(a1, b1) + math.hypot(a2, b2)) / 2
    g = 0.5 * (1 - math.sqrt(c_mean**7 / (c_mean**7 + 25**7)))
    a1p, a2p = (1 + g) * a1, (1 + g) * a2
    c1p, c2p = math.hypot(a1p, b1), math.hypot(a2p, b2)
    h1p = math.degrees(math.atan2(b1, a1p)) % 360 if c1p else 0.0
    h2p = math.degrees(math.atan2(b2, a2p)) % 360 if c2p else 0.0
    dh = 0.0
    if c1p * c2p:
        dh = h2p - h1p
        dh = dh - 360 if dh > 180 else dh + 360 if dh < -180 else dh
    d_l, d_c = l2 - l1, c2p - c1p
    d_h = 2 * math.sqrt(c1p * c2p) * math.sin(math.radians(dh) / 2)
    l_m, c_m = (l1 + l2) / 2, (c1p + c2p) / 2
    if c1p * c2p == 0:
        h_m = h1p + h2p
    elif abs(h1p - h2p) <= 180:
        h_m = (h1p + h2p) / 2
    else:
        h_m = (h1p + h2p + (360 if h1p + h2p < 360 else -360)) / 2
    t = (
        1
        - 0.17 * math.cos(math.radians(h_m - 30))
        + 0.24 * math.cos(math.radians(2 * h_m))
        + 0.32 * math.cos(math.radians(3 * h_m + 6))
        - 0.20 * math.cos(math.radians(4 * h_m - 63))
    )
    theta = 30 * math.exp(-(((h_m - 275) / 25) ** 2))
    r_c = 2 * math.sqrt(c_m**7 / (c_m**7 + 25**7))
    s_l = 1 + 0.015 * (l_m - 50) ** 2 / math.sqrt(20 + (l_m - 50) ** 2)
    s_c = 1 + 0.045 * c_m
    s_h = 1 + 0.015 * c_m * t
    r_t = -math.sin(math.radians(2 * theta)) * r_c
    return math.sqrt(
        (d_l / s_l) ** 2 + (d_c / s_c) ** 2 + (d_h / s_h) ** 2 + r_t * (d_c / s_c) * (d_h / s_h)
    )


def contrast(a: QColor, b: QColor) -> float:
    """WCAG 2 contrast ratio."""

    def lum(c: QColor) -> float:
        r, g, b_ = (_linear(v) for v in (c.redF(), c.greenF(), c.blueF()))
        return 0.2126 * r + 0.7152 * g + 0.0722 * b_

    hi, lo = sorted((lum(a), lum(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


# Sharma, Wu & Dalal (2005), Table 1: the pairs that catch the usual mistakes in hue handling.
SHARMA = [
    ((50.0, 2.6772, -79.7751), (50.0, 0.0, -82.7485), 2.0425),
    ((50.0, -1.3802, -84.2814), (50.0, 0.0, -82.7485), 1.0),
    ((50.0, 0.0, 0.0), (50.0, -1.0, 2.0), 2.3669),
    ((50.0, 2.49, -0.001), (50.0, -2.49, 0.0009), 7.1792),
    ((50.0, 2.49, -0.001), (50.0, -2.49, 0.0011), 7.2195),
    ((50.0, -0.001, 2.49), (50.0, 0.0011, -2.49), 4.7461),
    ((50.0, 2.5, 0.0), (73.0, 25.0, -18.0), 27.1492),
    ((50.0, 2.5, 0.0), (56.0, -27.0, -3.0), 31.9030),
    ((50.0, 2.5, 0.0), (58.0, 24.0, 15.0), 19.4535),
    ((60.2574, -34.0099, 36.2677), (60.4626, -34.1751, 39.4387), 1.2644),
    ((22.7233, 20.0904, -46.694), (23.0331, 14.973, -42.5619), 2.0373),
    ((90.9257, -0.5406, -0.9208), (88.6381, -0.8985, -0.7239), 1.5381),
    ((2.0776, 0.0795, -1.135), (0.9033, -0.0636, -0.5514), 0.9082),
]


@pytest.mark.parametrize(("one", "two", "expected"), SHARMA)
def test_ciede2000_matches_the_published_test_data(one, two, expected):
    assert ciede2000(one, two) == pytest.approx(expected, abs=1e-4)
    assert ciede2000(two, one) == pytest.approx(expected, abs=1e-4)


def _themes():
    return {"light": (False, QPalette().color(QPalette.ColorRole.Text)),
            "dark": (True, dark_palette().color(QPalette.ColorRole.Text))}  # fmt: skip


def palette_figures() -> dict[str, tuple[float, str, float, str]]:
    """Per theme: (smallest ΔE, its pair, smallest contrast, its label)."""
    out = {}
    for theme, (dark, text) in _themes().items():
        colours = {k: s.background(dark) for k, s in label_styles().items()}
        de, pair = min(
            (ciede2000(lab(colours[a]), lab(colours[b])), f"{a}/{b}")
            for a, b in itertools.combinations(colours, 2)
        )
        ratio, label = min((contrast(c, text), k) for k, c in colours.items())
        out[theme] = (de, pair, ratio, label)
    return out


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_every_two_label_colours_are_far_apart(qapp, theme):
    dark, _text = _themes()[theme]
    styles = label_styles()
    assert len(styles) == 10
    close = [
        (
            a,
            b,
            round(ciede2000(lab(styles[a].background(dark)), lab(styles[b].background(dark))), 1),
        )
        for a, b in itertools.combinations(styles, 2)
    ]
    assert [c for c in close if c[2] < MIN_DELTA_E] == []


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_text_on_every_label_colour_is_readable(qapp, theme):
    dark, text = _themes()[theme]
    low = [
        (k, round(contrast(s.background(dark), text), 2))
        for k, s in label_styles().items()
        if contrast(s.background(dark), text) < MIN_CONTRAST
    ]
    assert low == []
    if not dark:  # whatever the system's light text is, black must read too
        assert all(contrast(s.background(False), QColor("#000000")) >= MIN_CONTRAST
                   for s in label_styles().values())  # fmt: skip


if __name__ == "__main__":  # the figures for the README and the closing note
    from PySide6.QtWidgets import QApplication

    app = QApplication([])
    for theme, (de, pair, ratio, label) in palette_figures().items():
        print(
            f"{theme}: smallest CIEDE2000 {de:.1f} ({pair}), smallest contrast {ratio:.2f}:1 ({label})"
        )
