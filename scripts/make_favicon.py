"""Draw static/favicon.ico (16, 32 and 48 px) from the shapes of static/favicon.svg: a blue
square with two linked rings, the partnership. Run it again after changing the SVG."""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

STATIC = Path(__file__).resolve().parent.parent / "static"
BRAND, WHITE, GOLD = (11, 79, 138, 255), (255, 255, 255, 255), (255, 191, 71, 255)


def draw(size: int) -> Image.Image:
    scale = 8  # drawn large, then reduced: smooth edges
    s = size * scale / 32
    image = Image.new("RGBA", (size * scale, size * scale), (0, 0, 0, 0))
    pen = ImageDraw.Draw(image)
    pen.rounded_rectangle((0, 0, 32 * s - 1, 32 * s - 1), radius=6 * s, fill=BRAND)
    for cx, colour in ((12, WHITE), (20, GOLD)):
        pen.ellipse(
            ((cx - 8.5) * s, 7.5 * s, (cx + 8.5) * s, 24.5 * s), outline=colour, width=round(3 * s)
        )
    return image.resize((size, size), Image.Resampling.LANCZOS)


def main() -> None:
    draw(48).save(STATIC / "favicon.ico", sizes=[(16, 16), (32, 32), (48, 48)])


if __name__ == "__main__":
    main()
