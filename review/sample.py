"""A small flagged patent front page, written into a store, to try the review page on.

It is a real searchable-PDF-plus-record pair in the bucket layout (page drawn with Pillow,
wrapped with img2pdf, record valid against the schema), with field boxes measured where the
text was drawn, so the highlights land on the words. Tests and screenshots use it too.
"""

from __future__ import annotations

import copy
import hashlib
import io
import json
from datetime import UTC, datetime
from typing import Any

import img2pdf
from PIL import Image, ImageDraw, ImageFont

from processors.record import SCHEMA_VERSION, validate_record
from storage.base import Store
from storage.layout import DocumentKeys

DPI = 150
PAGE_SIZE = (1240, 1754)  # A4 at 150 dpi
_FONTS = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf",
)

# (INID, label, printed text, field, value, confidence); None field: printed only.
_LINES: list[tuple[str, str, str, str | None, Any, float]] = [
    ("21", "Application No.:", "1-2018-01234", "application_number",
     {"printed": "1-2018-01234", "normalized": "1201801234"}, 0.92),
    ("22", "Filing date:", "30/04/2018", "filing_date", "2018-04-30", 0.97),
    ("51", "Int. Cl.:", "GO6F 17/30", "ipc", ["G06F 17/30"], 0.42),
    ("54", "Title:", "R0BOT 0BSTACLE DETECTI0N SYSTEM", "title",
     "R0BOT 0BSTACLE DETECTI0N SYSTEM", 0.41),
    ("71", "Applicant:", "Saigon Robotics Joint Stock Company", "applicants",
     ["Saigon Robotics Joint Stock Company"], 0.96),
    ("72", "Inventor:", "Nguyen Van An", "inventors", ["Nguyen Van An"], 0.95),
    ("74", "Agent:", "Pham & Associates", "agent", "Pham & Associates", 0.94),
]  # fmt: skip

_ABSTRACT = (
    "A robot comprises a chassis, drive wheels and an array of ultrasonic sensors mounted "
    "along the front edge. A controller compares the echo delay of each sensor with a stored "
    "profile of the floor and stops the drive when an obstacle is nearer than a safety "
    "distance, then plans a path around it."
)


def _font(size: int, *, serif: bool = False) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    try:
        return ImageFont.truetype(_FONTS[1] if serif else _FONTS[0], size)
    except OSError:
        return ImageFont.load_default()


def draw_page(extra_lines: list[tuple[str, str, str]] | None = None) -> tuple[bytes, dict]:
    """Draw the front page; return PNG bytes and ``{field: bbox}`` of each field's text."""
    image = Image.new("L", PAGE_SIZE, 255)
    draw = ImageDraw.Draw(image)
    small, body, big = _font(22), _font(25), _font(34, serif=True)
    draw.text((90, 70), "(19) VIET NAM INTELLECTUAL PROPERTY OFFICE", font=small, fill=60)
    draw.text((90, 110), "(12) PATENT FOR INVENTION", font=big, fill=0)
    draw.text((860, 75), "(11) 1-0023456", font=body, fill=0)
    draw.line((90, 170, 1150, 170), fill=0, width=3)
    boxes: dict[str, list[int]] = {}
    y = 215
    lines = [(c, lab, text, name) for c, lab, text, name, _, _ in _LINES]
    lines += [(c, lab, text, None) for c, lab, text in extra_lines or []]
    for code, label, text, name in lines:
        draw.text((90, y), f"({code})", font=body, fill=0)
        draw.text((170, y), label, font=body, fill=70)
        x = 170 + int(draw.textlength(label, font=body)) + 18
        draw.text((x, y), text, font=body, fill=0)
        if name:
            x0, y0, x1, y1 = draw.textbbox((x, y), text, font=body)
            boxes[name] = [x0 - 4, y0 - 4, x1 + 4, y1 + 4]
        y += 52
    draw.line((90, y + 6, 1150, y + 6), fill=0, width=1)
    y += 30
    draw.text((90, y), "(57) Abstract", font=body, fill=0)
    y += 46
    words, line = _ABSTRACT.split(), ""
    for word in words:
        trial = f"{line} {word}".strip()
        if draw.textlength(trial, font=body) > 1040:
            draw.text((110, y), line, font=body, fill=30)
            y, line = y + 38, word
        else:
            line = trial
    draw.text((110, y), line, font=body, fill=30)
    # A figure, as the front page of a patent often has one.
    top = y + 70
    draw.rectangle((330, top, 910, top + 420), outline=0, width=3)
    draw.ellipse((400, top + 300, 500, top + 400), outline=0, width=3)
    draw.ellipse((740, top + 300, 840, top + 400), outline=0, width=3)
    for i in range(5):
        draw.arc((360 + i * 110, top - 40, 440 + i * 110, top + 40), 200, 340, fill=0, width=2)
    draw.text((560, top + 440), "FIG. 1", font=body, fill=0)
    out = io.BytesIO()
    image.save(out, format="PNG", dpi=(DPI, DPI))
    return out.getvalue(), boxes


def sample_record(
    sha256: str,
    boxes: dict[str, list[int]],
    *,
    source_name: str,
    processed_at: datetime,
    size_bytes: int,
    drop: tuple[str, ...] = ("filing_date",),
    overrides: dict[str, dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """The machine record of the sample page: weak title and IPC, and ``drop``ped fields."""
    fields: dict[str, dict[str, Any]] = {}
    for code, _, text, name, value, confidence in _LINES:
        if name is None or name in drop:
            continue
        fields[name] = {
            "value": copy.deepcopy(value),
            "raw": text,
            "confidence": confidence,
            "inid": code,
            "page": 0,
            "bbox": boxes.get(name),
        }
    for name, patch in (overrides or {}).items():
        fields.setdefault(name, {"raw": "", "inid": None, "page": 0, "bbox": None})
        fields[name].update(patch)
    reasons = [f"missing {n.replace('_', ' ')} (mandatory for a patent)" for n in drop]
    reasons += [
        f"{n.replace('_', ' ')} read with low confidence ({f['confidence']:.2f} < 0.60): "
        f"{f['raw'][:60]!r}"
        for n, f in sorted(fields.items())
        if f["confidence"] < 0.6
    ]
    keys = DocumentKeys(sha256, "png")
    record = {
        "schema_version": SCHEMA_VERSION,
        "document": {
            "sha256": sha256,
            "source_name": source_name,
            "media_type": "image/png",
            "size_bytes": size_bytes,
            "page_count": 1,
            "document_type": "patent",
            "document_type_confidence": 0.93,
            "languages": ["eng"],
            "processed_at": processed_at.isoformat(timespec="seconds"),
            "processing_seconds": {"total": 1.2},
            "software": {"ip-digitizer": "sample"},
            "notes": [],
        },
        "pages": [
            {
                "index": 0,
                "path": "ocr",
                "width": PAGE_SIZE[0],
                "height": PAGE_SIZE[1],
                "dpi": DPI,
                "dpi_source": "file",
                "languages": "eng",
                "mean_confidence": 78.5,
                "word_count": 120,
                "ocr_passes": 1,
                "blank": False,
                "timed_out": False,
                "cleanup": {},
                "note": "",
                "text": "\n".join(text for _, _, text, _, _, _ in _LINES),
            }
        ],
        "fields": fields,
        "review": {"needed": bool(reasons), "reasons": reasons},
        "outputs": {
            "original": keys.original,
            "text": keys.text,
            "hocr": keys.hocr,
            "alto": keys.alto,
            "pdf": keys.pdf,
        },
    }
    validate_record(record)
    return record


def write_sample(
    store: Store,
    *,
    source_name: str = "VN-1-2018-01234.png",
    processed_at: datetime | None = None,
    drop: tuple[str, ...] = ("filing_date",),
    overrides: dict[str, dict[str, Any]] | None = None,
    salt: str = "",
) -> str:
    """Write the sample's original, searchable PDF and record into ``store``; return its hash.

    ``salt`` adds a line of text to the page so several samples get different hashes.
    """
    png, boxes = draw_page([("99", "Ref.:", salt)] if salt else None)
    sha256 = hashlib.sha256(png).hexdigest()
    keys = DocumentKeys(sha256, "png")
    pdf = img2pdf.convert(png, layout_fun=img2pdf.get_fixed_dpi_layout_fun((DPI, DPI)))
    record = sample_record(
        sha256,
        boxes,
        source_name=source_name,
        processed_at=processed_at or datetime.now(UTC),
        size_bytes=len(png),
        drop=drop,
        overrides=overrides,
    )
    store.put_bytes(keys.original, png, content_type="image/png")
    store.put_bytes(keys.pdf, pdf, content_type="application/pdf")
    body = json.dumps(record, ensure_ascii=False, indent=1).encode("utf-8")
    store.put_bytes(keys.record, body, content_type="application/json")
    return sha256
