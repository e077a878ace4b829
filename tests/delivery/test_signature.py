"""The server's rendering of signature strokes: a PNG that decodes to the pad's size,
with ink along the strokes and nowhere far from them."""

from __future__ import annotations

import io

from PIL import Image

from courier_api.delivery.signature import parse, render_png

STROKES = {
    "width": 120,
    "height": 60,
    "strokes": [
        [[10, 10, 0], [60, 10, 20], [110, 50, 40]],
        [[20, 50, 60]],  # a dot
        [[40, 30, 80], [41, 31, 90], [42, 30, 95]],
    ],
}


def _pixels(png: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(png))
    image.load()
    return image.convert("L")


def test_rendered_png_shows_ink_along_the_strokes_only():
    signature = parse(STROKES)
    png = render_png(signature)
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    image = _pixels(png)
    assert image.size == (120, 60)
    ink = {(x, y) for x in range(120) for y in range(60) if image.getpixel((x, y)) == 0}
    # Every point of every stroke, and the middle of each segment, is inked.
    for x, y in [(10, 10), (35, 10), (60, 10), (85, 30), (110, 50), (20, 50), (41, 31)]:
        assert (x, y) in ink, (x, y)
    # Nothing far from the strokes: the corners and the space under the first line.
    for x, y in [(0, 59), (119, 0), (60, 40), (100, 10)]:
        assert (x, y) not in ink, (x, y)
    # Black on white, nothing in between.
    assert {value for _, value in image.getcolors()} == {0, 255}


def test_rendering_is_deterministic():
    assert render_png(parse(STROKES)) == render_png(parse(STROKES))
