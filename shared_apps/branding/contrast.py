"""Colour contrast as WCAG 2.x defines it (relative luminance, contrast ratio)."""

import re

HEX_COLOUR = re.compile(r"^#[0-9a-f]{6}$")
WHITE = "#ffffff"
# WCAG 2.x level AA for normal text.
AA_RATIO = 4.5


def relative_luminance(colour: str) -> float:
    """Relative luminance of a `#rrggbb` sRGB colour (WCAG 2.x definition)."""
    channels = []
    for start in (1, 3, 5):
        value = int(colour[start:start + 2], 16) / 255
        # 0.04045 is the sRGB standard's threshold; WCAG 2.0 printed 0.03928, which gives the
        # same result for every 8-bit value.
        channels.append(value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4)
    red, green, blue = channels
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast_ratio(first: str, second: str) -> float:
    """(L1 + 0.05) / (L2 + 0.05), the lighter colour's luminance over the darker's."""
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)),
                             reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def darker(colour: str, share: float = 0.2) -> str:
    """`colour` mixed with `share` of black: for hover states, which keep the contrast."""
    parts = [round(int(colour[i:i + 2], 16) * (1 - share)) for i in (1, 3, 5)]
    return "#" + "".join(f"{part:02x}" for part in parts)
