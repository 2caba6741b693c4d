"""Write the demo scans of ``make demo`` into samples/scans/ (committed; rerun to rebuild).

Front pages of a Vietnamese patent (PNG, slightly skewed), a Philippine patent with a
description page (multi-page TIFF), a trademark (JPEG), an industrial design (scanned PDF) and
a born-digital patent (PDF with a text layer), all fictitious, with samples/truth.json giving the
fields each should yield.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import img2pdf
import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

OUT = Path(__file__).resolve().parent / "scans"
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"
FONT_BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf"
DPI = 200

DOCUMENTS = {
    "vn-patent.png": {
        "header": ["CỤC SỞ HỮU TRÍ TUỆ", "(12) BẰNG ĐỘC QUYỀN SÁNG CHẾ"],
        "lines": [
            "(11) Số bằng: 1-0034567",
            "(21) Số đơn: 1-2018-01234",
            "(22) Ngày nộp đơn: 30/04/2018",
            "(45) Ngày cấp: 15/09/2021",
            "(51) Phân loại IPC: A01F 25/12",
            "(54) Tên sáng chế: MÁY SẤY LÚA DÙNG NĂNG LƯỢNG MẶT TRỜI",
            "(71) Chủ đơn: Công ty Cổ phần Cơ khí Nông nghiệp Cửu Long (VN)",
            "(72) Tác giả sáng chế: Nguyễn Văn An (VN); Trần Thị Bình (VN)",
            "(74) Người đại diện: Công ty Luật TNHH Phạm và Liên danh",
        ],
        "abstract": "(57) Sáng chế đề cập đến máy sấy lúa gồm buồng sấy, tấm thu nhiệt mặt "
        "trời và quạt hút, giúp giảm độ ẩm của hạt xuống dưới mười bốn phần trăm.",
        "fields": {
            "application_number": "1-2018-01234",
            "filing_date": "2018-04-30",
            "title": "MÁY SẤY LÚA DÙNG NĂNG LƯỢNG MẶT TRỜI",
            "ipc": ["A01F 25/12"],
        },
        "skew": 1.5,
    },
    "ph-patent-2pages.tif": {
        "header": ["INTELLECTUAL PROPERTY OFFICE OF THE PHILIPPINES", "(12) INVENTION PATENT"],
        "lines": [
            "(11) Patent No.: 1-2019-000456",
            "(21) Application No.: 1-2019-000123",
            "(22) Filing Date: 14/03/2019",
            "(30) Priority: JP 2018-051234 15/03/2018",
            "(51) Int. Cl.: B65G 47/34; G06K 7/10",
            "(54) Title: PARCEL SORTING CONVEYOR WITH BARCODE READER",
            "(71) Applicant: Manila Logistics Systems Inc. (PH)",
            "(72) Inventors: Maria Santos (PH); Jose Reyes (PH)",
            "(74) Agent: Cruz Marcelo & Tenefrancia",
        ],
        "abstract": "(57) A conveyor for sorting parcels has a barcode reader above the belt and "
        "diverter arms that push each parcel into the chute of its destination.",
        "fields": {
            "application_number": "1-2019-000123",
            "filing_date": "2019-03-14",
            "title": "PARCEL SORTING CONVEYOR WITH BARCODE READER",
        },
        "skew": -2.0,
    },
    "ph-trademark.jpg": {
        "header": ["INTELLECTUAL PROPERTY OFFICE OF THE PHILIPPINES", "TRADEMARK REGISTRATION"],
        "lines": [
            "(111) Registration No.: 4-2020-012345",
            "(210) Application No.: 4-2019-009876",
            "(220) Filing Date: 02/07/2019",
            "(540) Mark: MANGO SUNRISE",
            "(511) Classes: 29, 32, 35",
            "(731) Applicant: Sunrise Fruit Processing Corporation (PH)",
            "(740) Agent: Villaraza & Angangco",
        ],
        "abstract": "Goods: dried mangoes, fruit juices, retail services for fruit products.",
        "fields": {
            "application_number": "4-2019-009876",
            "filing_date": "2019-07-02",
            "mark": "MANGO SUNRISE",
            "nice_classes": [29, 32, 35],
        },
        "skew": 0.0,
    },
    "vn-design-scan.pdf": {
        "header": ["CỤC SỞ HỮU TRÍ TUỆ", "BẰNG ĐỘC QUYỀN KIỂU DÁNG CÔNG NGHIỆP"],
        "lines": [
            "(11) Số bằng: 3-0012345",
            "(21) Số đơn: 3-2020-00567",
            "(22) Ngày nộp đơn: 21/08/2020",
            "(51) Phân loại Locarno: 06-01",
            "(54) Tên kiểu dáng: GHẾ TRE GẤP",
            "(71) Chủ đơn: Hợp tác xã Mây tre Phú Vinh (VN)",
            "(72) Tác giả kiểu dáng: Lê Văn Cường (VN)",
        ],
        "abstract": "",
        "fields": {
            "application_number": "3-2020-00567",
            "filing_date": "2020-08-21",
            "locarno_classes": ["06-01"],
        },
        "skew": 0.7,
    },
}
BORN_DIGITAL = {
    "name": "ph-patent-born-digital.pdf",
    "lines": [
        "INTELLECTUAL PROPERTY OFFICE OF THE PHILIPPINES",
        "(12) UTILITY MODEL",
        "(21) Application No.: 2-2021-000789",
        "(22) Filing Date: 09/11/2021",
        "(51) Int. Cl.: A47J 31/44",
        "(54) Title: COCONUT HUSK COFFEE FILTER",
        "(71) Applicant: Bicol Coco Crafts Cooperative (PH)",
        "(72) Inventor: Ana Dela Cruz (PH)",
    ],
    "fields": {
        "application_number": "2-2021-000789",
        "filing_date": "2021-11-09",
        "title": "COCONUT HUSK COFFEE FILTER",
    },
}


def render(doc: dict, *, dpi: int = DPI) -> Image.Image:
    """An A4 front page: office header, INID-coded lines, abstract; then the scanner's skew."""
    width, height = round(8.27 * dpi), round(11.69 * dpi)
    page = Image.new("L", (width, height), 250)
    draw = ImageDraw.Draw(page)
    size = lambda pt: round(pt * dpi / 72)  # noqa: E731
    y = round(0.8 * dpi)
    for i, line in enumerate(doc["header"]):
        font = ImageFont.truetype(FONT_BOLD, size(14 if i else 12))
        draw.text((width // 2, y), line, font=font, fill=20, anchor="mt")
        y += size(26)
    draw.line((round(0.8 * dpi), y, width - round(0.8 * dpi), y), fill=40, width=3)
    y += size(20)
    font = ImageFont.truetype(FONT, size(11))
    for line in doc["lines"]:
        draw.text((round(0.9 * dpi), y), line, font=font, fill=25)
        y += size(22)
    words, line = doc["abstract"].split(), ""
    y += size(10)
    for word in words:
        if draw.textlength(f"{line} {word}", font=font) > width - 1.8 * dpi:
            draw.text((round(0.9 * dpi), y), line.strip(), font=font, fill=25)
            y, line = y + size(18), ""
        line += " " + word
    if line.strip():
        draw.text((round(0.9 * dpi), y), line.strip(), font=font, fill=25)
    if doc["skew"]:
        page = page.rotate(doc["skew"], resample=Image.BICUBIC, fillcolor=250)
    page = page.filter(ImageFilter.GaussianBlur(0.5))
    # A few dark specks of scanner dust (dense noise would make the samples large).
    pixels = np.asarray(page).copy()
    rng = np.random.default_rng(7)
    specks = rng.random(pixels.shape) < 0.0004
    pixels[specks] = 60
    return Image.fromarray(pixels)


def description_page() -> Image.Image:
    """A second page of running text, as a patent's description."""
    doc = {
        "header": ["DESCRIPTION"],
        "lines": [],
        "skew": -2.0,
        "abstract": "The conveyor comprises a belt driven by a motor, a barcode reader "
        "mounted on a frame above the belt, and a controller that reads the destination "
        "code of each parcel. " * 4,
    }
    return render(doc)


def born_digital_pdf(lines: list[str]) -> bytes:
    """A PDF with a real text layer, as an office's own software would write it."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.add_page()
    pdf.add_font("dejavu", fname=FONT)
    pdf.set_font("dejavu", size=11)
    for line in lines:
        pdf.cell(0, 9, line, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def main() -> None:
    """Render every sample and write the files and truth.json."""
    OUT.mkdir(parents=True, exist_ok=True)
    truth = {}
    for name, doc in DOCUMENTS.items():
        page = render(doc)
        out = io.BytesIO()
        if name.endswith(".png"):
            page.save(out, format="PNG", dpi=(DPI, DPI), optimize=True)
        elif name.endswith(".tif"):
            page.save(
                out,
                format="TIFF",
                save_all=True,
                append_images=[description_page()],
                dpi=(DPI, DPI),
                compression="tiff_adobe_deflate",
            )
        elif name.endswith(".jpg"):
            page.save(out, format="JPEG", quality=70, dpi=(DPI, DPI))
        else:
            png = io.BytesIO()
            page.save(png, format="PNG", dpi=(DPI, DPI), optimize=True)
            out.write(img2pdf.convert(png.getvalue()))
        (OUT / name).write_bytes(out.getvalue())
        truth[name] = {"fields": doc["fields"]}
    (OUT / BORN_DIGITAL["name"]).write_bytes(born_digital_pdf(BORN_DIGITAL["lines"]))
    truth[BORN_DIGITAL["name"]] = {"fields": BORN_DIGITAL["fields"]}
    # Beside the scans, not among them: `digitize run samples/scans` reads every file there.
    (OUT.parent / "truth.json").write_text(json.dumps(truth, ensure_ascii=False, indent=1) + "\n")
    total = sum(p.stat().st_size for p in OUT.iterdir())
    print(f"wrote {len(truth)} sample scans to {OUT} ({total / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
