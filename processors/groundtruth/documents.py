"""Fictitious bibliographic data: normalized field values and the strings an office prints."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from processors.groundtruth import vocab as v

KINDS = ("patent", "trademark", "industrial_design")
OFFICES = ("VN", "PH", "TH", "KH", "LA", "US")
LANGUAGE_OF_OFFICE = {"VN": "vie", "PH": "eng", "TH": "tha", "KH": "khm", "LA": "lao", "US": "eng"}

# Fields every generated document of a kind carries (others are optional).
MANDATORY: dict[str, tuple[str, ...]] = {
    "patent": (
        "application_number", "filing_date", "ipc", "title", "applicants", "inventors",
        "abstract",
    ),
    "trademark": (
        "application_number", "filing_date", "mark", "nice_classes", "goods_services",
        "applicants",
    ),
    "industrial_design": (
        "application_number", "filing_date", "locarno_classes", "title", "applicants",
        "inventors",
    ),
}  # fmt: skip


def make_document(
    rng: random.Random, *, kind: str, office: str
) -> tuple[dict[str, Any], dict[str, str]]:
    """Draw one document: (normalized field values, printed strings), same keys in both."""
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}; one of {KINDS}")
    if office not in OFFICES:
        raise ValueError(f"unknown office {office!r}; one of {OFFICES}")
    date_style = rng.choice(("dmy", "long")) if office == "PH" else "dmy"
    filing = _date(rng, 2001, 2023)
    fields: dict[str, Any] = {}
    printed: dict[str, str] = {}

    def put(name: str, value: Any, text: str) -> None:
        fields[name] = value
        printed[name] = text

    def put_date(name: str, day: dt.date) -> None:
        put(name, day.isoformat(), format_date(day, office, date_style))

    put("application_number", *[_app_number(rng, kind, office, filing)] * 2)
    put_date("filing_date", filing)
    if kind == "trademark":
        _trademark(rng, office, put)
        if rng.random() < 0.5:
            put("registration_number", *[_reg_number(rng, office)] * 2)
            put_date("registration_date", filing + dt.timedelta(days=rng.randint(300, 700)))
    else:
        registered = kind == "industrial_design" and office in ("PH", "KH", "LA")
        if registered and rng.random() < 0.6:
            put("registration_number", *[_reg_number(rng, office)] * 2)
            put_date("registration_date", filing + dt.timedelta(days=rng.randint(200, 700)))
        elif not registered and (rng.random() < 0.6 or office == "US"):
            # A design patent's number and date are its registration's (ST.80 (11), (45)); only
            # the USPTO prints a design under the patent codes (10) "Patent No.".
            design = kind == "industrial_design"
            number = "registration_number" if design and office != "US" else "publication_number"
            put(number, *[_pub_number(rng, kind, office, filing)] * 2)
            if office == "US":
                kind_code = "S" if design else rng.choice(("B1", "B2"))
                fields[number] += f" {kind_code}"
                printed[number] += f" {kind_code}"
                put("kind", kind_code, kind_code)
            put_date(
                "registration_date" if design else "grant_date",
                filing + dt.timedelta(days=rng.randint(400, 1500)),
            )
        if kind == "patent":
            _patent(rng, office, put)
            if office != "US" and rng.random() < 0.3:
                prio = filing - dt.timedelta(days=rng.randint(30, 360))
                country, number = _priority_number(rng, prio)
                fields["priority"] = [
                    {"country": country, "number": number, "date": prio.isoformat()}
                ]
                printed["priority"] = f"{country} {number} {format_date(prio, office, date_style)}"
        else:
            _design(rng, office, put, printed)
    applicants = _applicants(rng, office, kind)
    put("applicants", applicants, "; ".join(applicants))
    if kind != "trademark":
        inventors: list[str] = []
        for _ in range(rng.randint(1, 3)):
            person = _person(rng, office, with_place=office == "US")
            if person not in inventors:
                inventors.append(person)
        put("inventors", inventors, "; ".join(inventors))
    if office != "US" or rng.random() < 0.7:
        put("agent", *[_agent(rng, office)] * 2)
    return fields, printed


def format_date(day: dt.date, office: str, style: str = "dmy") -> str:
    """A date as ``office`` prints it (Thai dates in the Buddhist era)."""
    if office == "US":
        return f"{v.US_MONTHS[day.month - 1]} {day.day}, {day.year}"
    if style == "long":
        return f"{v.EN_MONTHS[day.month - 1]} {day.day}, {day.year}"
    year = day.year + 543 if office == "TH" else day.year
    return f"{day.day:02d}/{day.month:02d}/{year}"


def _date(rng: random.Random, first: int, last: int) -> dt.date:
    start = dt.date(first, 1, 1).toordinal()
    return dt.date.fromordinal(rng.randint(start, dt.date(last, 12, 31).toordinal()))


def _app_number(rng: random.Random, kind: str, office: str, day: dt.date) -> str:
    digit = {"patent": 1, "trademark": 4, "industrial_design": 3}[kind]
    year = day.year
    if office == "VN":
        return f"{digit}-{year}-{rng.randint(1, 99999):05d}"
    if office == "PH":
        return f"{digit}-{year}-{rng.randint(1, 999999):06d}"
    if office == "TH":
        yy = year % 100
        if kind == "trademark":
            return f"{yy:02d}{rng.randint(1, 99999999):08d}"
        return f"{yy:02d}{'01' if kind == 'patent' else '03'}{rng.randint(1, 999999):06d}"
    if office == "KH":
        letter = {"patent": "P", "trademark": "TM", "industrial_design": "D"}[kind]
        return f"KH/{letter}/{year}/{rng.randint(1, 99999):05d}"
    if office == "LA":
        return f"{year}-{rng.randint(1, 99999):05d}"
    series = {"patent": rng.choice((9, 10, 11)), "industrial_design": 29, "trademark": 87}[kind]
    n = rng.randint(100000, 999999)
    return f"{series:02d}/{n // 1000:03d},{n % 1000:03d}"


def _pub_number(rng: random.Random, kind: str, office: str, day: dt.date) -> str:
    if office == "VN":
        return f"{1 if kind == 'patent' else 3}-{rng.randint(1, 99999):07d}"
    if office == "PH":
        return f"{1 if kind == 'patent' else 3}-{day.year}-{rng.randint(500000, 599999):06d}"
    if office == "US":
        if kind == "industrial_design":
            n = rng.randint(400000, 699999)
            return f"US D{n // 1000:03d},{n % 1000:03d}"
        n = rng.randint(6000000, 7999999)
        return f"US {n // 1000000},{n // 1000 % 1000:03d},{n % 1000:03d}"
    return f"{rng.randint(100, 99999):05d}"


def _reg_number(rng: random.Random, office: str) -> str:
    if office == "US":
        n = rng.randint(3000000, 6999999)
        return f"{n // 1000000},{n // 1000 % 1000:03d},{n % 1000:03d}"
    if office == "VN":
        return f"4-{rng.randint(1, 999999):07d}"
    return f"{rng.randint(10000, 999999)}"


def _priority_number(rng: random.Random, day: dt.date) -> tuple[str, str]:
    country = rng.choice(v.PRIORITY_COUNTRIES)
    y = day.year
    number = {
        "JP": f"{y}-{rng.randint(1, 999999):06d}",
        "US": f"{rng.choice((60, 61, 62))}/{rng.randint(100, 999)},{rng.randint(0, 999):03d}",
        "KR": f"10-{y}-{rng.randint(1, 9999999):07d}",
        "CN": f"{y}1{rng.randint(0, 9999999):07d}.{rng.randint(0, 9)}",
        "DE": f"10 {y} {rng.randint(100, 999)} {rng.randint(100, 999)}.{rng.randint(0, 9)}",
        "SG": f"10{y}{rng.randint(0, 99999):05d}{rng.choice('PTUVWXY')}",
    }[country]
    return country, number


def _person(rng: random.Random, office: str, *, with_place: bool = False) -> str:
    if office == "VN":
        name = f"{rng.choice(v.VI_SURNAMES)} {rng.choice(v.VI_MIDDLE)} {rng.choice(v.VI_GIVEN)}"
        return f"{name} (VN)"
    if office == "TH":
        return f"{rng.choice(v.TH_FIRST)} {rng.choice(v.TH_LAST)} (TH)"
    if office == "KH":
        return f"{rng.choice(v.KM_NAMES)} (KH)"
    if office == "LA":
        return f"{rng.choice(v.LO_NAMES)} (LA)"
    initial = chr(rng.randint(ord("A"), ord("Z")))
    name = f"{rng.choice(v.EN_FIRST)} {initial}. {rng.choice(v.EN_LAST)}"
    if with_place:
        city, state = rng.choice(v.US_PLACES)
        return f"{name}, {city}, {state} (US)"
    return f"{name} ({office})"


def _applicants(rng: random.Random, office: str, kind: str) -> list[str]:
    local = {"VN": v.VI_ORGS, "TH": v.TH_ORGS, "KH": v.KM_ORGS, "LA": v.LO_ORGS, "PH": v.PH_ORGS}
    if office == "US":
        name, cc = rng.choice(v.FOREIGN_ORGS)
        return [f"{name} ({cc})"] if rng.random() < 0.8 else [_person(rng, "US", with_place=True)]
    out: list[str] = []
    if rng.random() < 0.75:
        out.append(f"{rng.choice(local[office])} ({office})")
    else:
        out.append(_person(rng, office))
    if rng.random() < 0.25 and kind == "patent":
        name, cc = rng.choice(v.FOREIGN_ORGS)
        if cc != office:
            out.append(f"{name} ({cc})")
    return out


def _agent(rng: random.Random, office: str) -> str:
    pools = {"VN": v.VI_AGENTS, "TH": v.TH_AGENTS, "US": v.US_AGENTS}
    return rng.choice(pools.get(office, v.EN_AGENTS))


def _title(rng: random.Random, office: str) -> str:
    if office == "VN":
        title = f"{rng.choice(v.VI_TITLE_HEADS)} {rng.choice(v.VI_TITLE_TAILS)}"
        return title.upper()
    if office == "TH":
        return f"{rng.choice(v.TH_TITLE_HEADS)} {rng.choice(v.TH_TITLE_TAILS)}"
    if office == "KH":
        return rng.choice(v.KM_TITLES)
    if office == "LA":
        return rng.choice(v.LO_TITLES)
    title = f"{rng.choice(v.EN_TITLE_HEADS)} {rng.choice(v.EN_TITLE_TAILS)}"
    if office == "US" or rng.random() < 0.5:
        return title.upper()
    return _title_case(title)


def _title_case(text: str) -> str:
    small = {"a", "an", "and", "for", "from", "of", "the", "to", "with", "using", "made"}
    words = text.split(" ")
    return " ".join(w if (i and w in small) else w[:1].upper() + w[1:] for i, w in enumerate(words))


def _patent(rng: random.Random, office: str, put: Any) -> None:
    codes = rng.sample(v.IPC_CODES, rng.randint(1, 3))
    put("ipc", codes, "; ".join(codes) if office != "US" else ", ".join(codes))
    title = _title(rng, office)
    put("title", title, title)
    pools = {"VN": v.VI_ABSTRACT, "TH": v.TH_ABSTRACT, "KH": v.KM_ABSTRACT, "LA": v.LO_ABSTRACT}
    pool = pools.get(office, v.EN_ABSTRACT)
    first = pool[0].format(title=title.lower() if office not in ("KH", "LA", "TH") else title)
    rest = rng.sample(pool[1:], rng.randint(2, len(pool) - 1))
    abstract = " ".join([first, *rest])
    put("abstract", abstract, abstract)


def _design(rng: random.Random, office: str, put: Any, printed: dict[str, str]) -> None:
    pools = {"VN": v.VI_DESIGNS, "TH": v.TH_DESIGNS, "KH": v.KM_DESIGNS, "LA": v.LO_DESIGNS}
    title = rng.choice(pools.get(office, v.EN_DESIGNS))
    if office in ("VN", "US") or (office == "PH" and rng.random() < 0.5):
        title = title.upper()
    put("title", title, title)
    if office == "US":
        noun = title.lower()
        article = "an" if noun[0] in "aeiou" else "a"
        printed["claim"] = f"The ornamental design for {article} {noun}, as shown and described."
        views = ["a front view", "a rear view", "a left side view", "a top plan view"]
        figures = [f"FIG. 1 is a perspective view of {article} {noun} showing our new design;"]
        figures += [f"FIG. {i} is {view} thereof;" for i, view in enumerate(views, 2)]
        figures[-1] = figures[-1].replace("FIG.", "and FIG.").rstrip(";") + "."
        printed["description"] = " ".join(figures)
    loc = rng.choice(v.LOCARNO)
    put("locarno_classes", [loc], loc if office == "US" else f"Cl. {loc}")


def _trademark(rng: random.Random, office: str, put: Any) -> None:
    put("mark", *[rng.choice(v.MARKS)] * 2)
    goods_pool = {"VN": v.VI_GOODS, "TH": v.TH_GOODS}.get(office, v.EN_GOODS)
    classes = sorted(rng.sample(sorted(goods_pool), rng.randint(1, 3)))
    put("nice_classes", classes, ", ".join(f"{c:02d}" for c in classes))
    sep = " " if office == "TH" else "; "
    parts = [goods_pool[c] for c in classes]
    goods = sep.join([parts[0], *(p[:1].lower() + p[1:] for p in parts[1:])])
    if office != "TH":
        goods += "."
    put("goods_services", goods, goods)
