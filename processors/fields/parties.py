"""Names of applicants, inventors and agents, and priority claims.

Names: a list of the entries as printed ("Joseph L. Jones, Acton, MA (US)"), one string per
person or company. Entries split on ";", at a line break after a closing country code, and,
for persons only, on " and " / "&"; never on the comma between a name and its city, because
company names hold commas too ("Bell Telephone Laboratories, Incorporated").

Priority: a list of ``{"country", "number", "date"}`` (ST.3 code, number as printed, ISO
date), any of which may be None when it was not printed or could not be read.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable
from functools import cache
from importlib import resources
from itertools import pairwise

from processors.fields._text import Parsed, clean, join_lines, nfc, repair_digits
from processors.fields.dates import find_dates
from processors.fields.labels import prefix_matches
from processors.lexicon import default_lexicons, space_inside_word
from processors.metrics import levenshtein
from processors.types import can_part_between, has_unspaced_script, script_country

# WIPO ST.3: ISO 3166-1 alpha-2 plus the codes of regional and international offices.
_ST3_TEXT = """
    AD AE AF AG AI AL AM AO AR AT AU AW AZ BA BB BD BE BF BG BH BI BJ BM BN BO BQ BR BS BT BV
    BW BY BZ CA CD CF CG CH CI CK CL CM CN CO CR CU CV CW CY CZ DE DJ DK DM DO DZ EC EE EG EH
    ER ES ET FI FJ FK FO FR GA GB GD GE GG GH GI GL GM GN GQ GR GS GT GW GY HK HN HR HT HU ID
    IE IL IM IN IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS
    LT LU LV LY MA MC MD ME MG MK ML MM MN MO MP MR MS MT MU MV MW MX MY MZ NA NE NG NI NL NO
    NP NR NZ OM PA PE PG PH PK PL PT PW PY QA RO RS RU RW SA SB SC SD SE SG SH SI SK SL SM SN
    SO SR SS ST SV SX SY SZ TC TD TG TH TJ TL TM TN TO TR TT TV TW TZ UA UG US UY UZ VA VC VE
    VG VN VU WS YE ZA ZM ZW
    AP BX EA EM EP GC IB OA QZ WO XN XU XV
    """
ST3_CODES = frozenset(_ST3_TEXT.split())

_PLACE_SUFFIX = re.compile(r"[,;]?\s*\b(?:both|all)\s+of\s+(?P<place>[^;]+?)\s*[;,]?\s*$", re.I)
# Persons also part at a comma after a country code, before another name with its code: OCR
# reads the ";" between two names as one ("ວັນນະສອນ ພູມມະລາ (LA), ແສງດາວ ອິນທະວົງ (LA)", seed
# 2063). Not before a suffix or an address ("Juan Dela Cruz (PH), Jr.").
_PERSON_AND = re.compile(
    r"\s+(?:and|&|và|และ|និង|ແລະ)\s+|(?-i:(?<=\([A-Z]{2}\))\s*,\s+(?=[^;]*\([A-Z]{2}\)))", re.I
)
_ORG_AND = re.compile(r"(?<=\))\s*(?:,|and|&|và)\s+")  # only after a country code "(US) and"
_ET_AL = re.compile(r"\bet\s+al\.?$", re.I)
# A middle initial I read as a bar or a one: "Maria |. Johnson", "Sarah l. Cruz".
_BAR_INITIAL = re.compile(r"(?<=[A-Za-z] )[|l1]\.(?= [A-Z])")
# OCR debris: bracket pairs with nothing inside, or a bracket standing alone.
_EMPTY_BRACKETS = re.compile(r"\s*(?:[(\[]\s*[)\]]|(?<!\S)[()\[\]](?!\S))")
# After the country code that ends a name, an opening bracket with a digit or two: the next
# line's code cut in half ("University of the Philippines (PH) (1", seed 2106).
_SCRAP_AFTER_CODE = re.compile(r"(?<=\([A-Z]{2}\))\s+[(\[]\d{1,2}$")
# A name's country code that lost a bracket or gained a period ("TH)", "(TH", "(TH).").
_GLUED_COUNTRY = re.compile(r"(?<=[^\s(])\(([A-Z]{2})\)\.?$")
_HALF_COUNTRY = re.compile(r"(?<=\s)(?:\(([A-Z]{2})\)?|([A-Z]{2})\))\.?$")
# A colon after a country code separates two names, as a semicolon would ("(TH): B (TH)"),
# also after one OCR garbled ("A (110): B (TH)", which then takes the others' code).
# Or after one or two local letters in brackets ("លី ម៉េងហុង (យោ): ហេង ...", seed 2066), or
# that lost the opening bracket ("សុខ សុភា យ): គឹម ...").
_COUNTRY_COLON = re.compile(
    r"(\((?:[A-Za-z0-9|]{1,3}|[^\sA-Za-z0-9()]{1,2})\)|(?<=\s)[^\sA-Za-z0-9()]{1,2}\))\s*:\s+"
)


def _entries(lines: list[str]) -> list[str]:
    """Join wrapped lines into entries: a new entry after ";" or a closing ")" only."""
    entries: list[list[str]] = []
    for raw in lines:
        line = clean(raw)
        if not line:
            continue
        previous = entries[-1][-1] if entries else ""
        if (
            not entries
            or previous.endswith(";")
            or (previous.endswith(")") and not line.startswith("("))
        ):
            entries.append([line])
        else:
            entries[-1].append(line)
    return [join_lines(parts) for parts in entries]


def split_names(text: str, *, persons: bool = True) -> Parsed | None:
    """Split printed names into a list; None when no name-like text is left.

    Args:
        text: the field's text, one printed line per text line.
        persons: also split on " and " / "&" (inventors); companies are split there only
            after a country code, since "Iandiorio & Teska" is one firm.
    """
    if not text or not text.strip():
        return None
    lines = nfc(text).split("\n")
    joined = "\n".join(lines)
    place = None
    suffix = _PLACE_SUFFIX.search(joined)
    if suffix and suffix.start() > 0:
        place = clean(suffix["place"]).rstrip(",;")
        joined = joined[: suffix.start()]
    names: list[str] = []
    any_slip = False
    splitter = _PERSON_AND if persons else _ORG_AND
    joined = _GARBLED_CODE_BEFORE_NAME.sub(_end_name_at_garbled_code, joined)
    for entry in _entries(_COUNTRY_COLON.sub(r"\1; ", joined).split("\n")):
        for part in entry.split(";"):
            for name in splitter.split(part):
                name = name.strip()
                if (unscrapped := _SCRAP_AFTER_CODE.sub("", name)) != name:
                    name, any_slip = unscrapped, True
                name = _ET_AL.sub("", _EMPTY_BRACKETS.sub("", name)).strip(" ,;:-—–|")
                if (unsigned := name.lstrip(_NEVER_STARTS_NAME)) != name:
                    name, any_slip = unsigned.lstrip(), True
                name = _STRAY_BRACKET_BEFORE_COUNTRY.sub(" ", name)
                name = _repair_country(_BAR_INITIAL.sub("I.", name))
                if (slipped := _slipped_country(name)) is not None:
                    name, any_slip = slipped, True
                name = repair_name_words(name, name_words())
                name = _rejoin_thai_person(name, name_words())
                name = _KO_LA_IN_NAME.sub("\u0e87", name)
                if (unspecked := _without_specks(name)) != name:
                    name, any_slip = unspecked, True
                if (unlabelled := _without_garbled_label(name)) != name:
                    name, any_slip = unlabelled, True
                if sum(c.isalpha() for c in name) >= 2:
                    names.append(name)
    names = _same_country_for_garbled(names)
    guessed = [_script_country_for_garbled(n) for n in names]
    names = [name for name, guess in guessed if not _debris(name)]
    if not names:
        return None
    any_guess = any(guess for name, guess in guessed if not _debris(name))
    if place:
        # "A, Summit; B, Murray Hill, both of N.J.": the place belongs to everyone.
        names = [f"{n}, {place}" for n in names]
    fit = min(_name_fit(n) for n in names)
    if any_slip:
        fit *= _SLIPPED_FIT
    if any_guess or any(_unread_country(n) for n in names):
        fit = min(fit, _GUESSED_FIT)  # a guessed code, or one left unread: a person checks
    return Parsed(names, fit, ((0, len(text)),), repaired=any_slip)


def _unread_country(name: str) -> bool:
    """Whether ``name`` still ends with a country bracket no code could be read from."""
    valid = _TRAILING_COUNTRY.search(name)
    return _garbled_country(name) is not None and not (valid and valid[1] in ST3_CODES)


@cache
def name_words() -> frozenset[str]:
    """The packaged legal forms and titles of the unspaced scripts (``data/name_words.json``)."""
    path = resources.files("processors").joinpath("data").joinpath("name_words.json")
    table = json.loads(path.read_text(encoding="utf-8"))
    return frozenset(nfc(w) for key, words in table.items() if key != "_about" for w in words)


# A US professional corporation or association closing a name, read with one of its two
# periods ("Garcia Patent Group, PC." for "P.C."): a form printed without periods has none.
_HALF_DOTTED_FORM = re.compile(r"(?<=, )P(?:\.([CA])|([CA])\.)(?=(?: \([A-Z]{2}\))?$)")


def repair_name_words(name: str, words: frozenset[str]) -> str:
    """Put back the legal forms and titles of a Thai, Lao or Khmer name that OCR garbled.

    These words are a closed set ("บริษัท ... จำกัด", "ບໍລິສັດ"), so a token one letter off a
    word of five letters or more is that word ("จำกัดด", "ນໍລິສັດ"), so is such a word at the
    start of a token that glued on the next word ("ມະຫາວິທະຍາໂລແຫ່ງຊາດ"), and a false space
    inside such a word goes ("มหาวิ ทยาลัยเกษตรศาสตร์"). Of Latin names only a closing
    "P.C." or "P.A." that lost one of its periods ("Group, PC.") is put back.
    """
    name = _HALF_DOTTED_FORM.sub(lambda m: f"P.{m[1] or m[2]}.", name)
    if not has_unspaced_script(name):
        return name
    tokens = name.split(" ")
    out: list[str] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if i + 1 < len(tokens) and _cut_name_word(token, tokens[i + 1], words):
            tokens[i + 1] = token + tokens[i + 1]
            i += 1
            continue
        out += _split_closing_form(_closest_name_word(token, words), words)
        i += 1
    if out:
        out[:1] = _split_opening_form(out[0])
    return " ".join(_complete_company_form(out))


# A Thai or Lao company name is "company ... limited": each half says the other is there.
_COMPANY_FORMS = (("บริษัท", "จำกัด"), ("ບໍລິສັດ", "ຈຳກັດ"))
# "Limited", which closes such a name as a word of its own.
_CLOSING_FORMS = tuple(closing for _, closing in _COMPANY_FORMS)


# "Company" opening a Thai, Lao or Khmer firm's name is a word of its own ("บริษัท ไทยอะโกร ...");
# OCR ran it into the name now and then ("บริษัทไทยอะโกร", seed 2070). Only before a letter: not
# its abbreviation ("บริษัทฯ") nor punctuation ("บริษัท.").
_OPENING_FORMS = (*(opening for opening, _ in _COMPANY_FORMS), "ក្រុមហ៊ុន")


def _split_opening_form(token: str) -> list[str]:
    """``token`` as the company form it opens with and the rest, when OCR glued them."""
    for form in _OPENING_FORMS:
        rest = token[len(form) :]
        letter = rest[:1].isalpha() and rest[0] != "ฯ"  # paiyannoi counts as a letter
        if token.startswith(form) and letter and can_part_between(form, rest):
            return [form, rest]
    return [token]


_COUNTRY_TOKEN = re.compile(r"\([A-Z]{2}\)")
_LATIN_SLIP_CHARS = 8


def _latin_slip(token: str) -> bool:
    """A short token of Latin letters and marks where a local word should be ("Gaga")."""
    return (
        len(token) <= _LATIN_SLIP_CHARS
        and any(c.isascii() and c.isalpha() for c in token)
        and not has_unspaced_script(token)
    )


def _complete_company_form(tokens: list[str]) -> list[str]:
    """Put back the "company" or "limited" of a Thai or Lao name that OCR read as Latin.

    "Gaga ກາເຟປາກຊ່ອງ ຈຳກັດ": only when the other half and a local name between are read.
    A half misread in its own script is put back too ("ບໍລິສັດ ລາວອາໂກຣ ນ້ຳກັດ", "ຜໍລິສົດ ກາເຟປາກຊ່ອງ
    ຈຳກັດ"), and so are both halves when each is garbled (one read as Latin at most).
    """
    end = len(tokens)
    while end and _COUNTRY_TOKEN.fullmatch(tokens[end - 1]):
        end -= 1
    core = tokens[:end]
    if len(core) < 3 or not all(has_unspaced_script(t) for t in core[1:-1]):
        return tokens
    for opening, closing in _COMPANY_FORMS:
        if core[0] == opening and core[-2] == closing and _latin_slip(core[-1]):
            # Debris after the name's own "limited" ("จำกัด ‘a (TH)", seed 2103) is no
            # second one.
            return [*tokens[: end - 1], *tokens[end:]]
        if core[-1] == closing and (_latin_slip(core[0]) or _near(core[0], opening)):
            return [opening, *tokens[1:]]
        if core[0] == opening and (_latin_slip(core[-1]) or _near(core[-1], closing)):
            return [*tokens[: end - 1], closing, *tokens[end:]]
        # Both halves garbled ("Gasia ລາວອາໂກຣ ນ້ຳກັດ", seed 2088): each in the shape of its
        # form, one a Latin slip at most, and the other within two letters in its own script.
        opens, closes = _near(core[0], opening), _near(core[-1], closing)
        if (opens and (closes or _latin_slip(core[-1]))) or (closes and _latin_slip(core[0])):
            return [opening, *core[1:-1], closing, *tokens[end:]]
    return tokens


def _near(token: str, form: str) -> bool:
    """Whether ``token``, in the form's script, is the whole form two letters off at most.

    After "ບໍລິສັດ" the last word of the name is its "ຈຳກັດ": "ນ້ຳກັດ" (seeds 2055, 2057), a
    misread two edits away that the one-letter repair of name words leaves alone; before
    "ຈຳກັດ" the first is its "ບໍລິສັດ" ("ຜໍລິສົດ", seed 2074).
    """
    if not has_unspaced_script(token) or len(token) < len(form):
        return False  # a shorter word is another word ("จัด"), not the form with a mark lost
    return any(end == len(token) for _, end in prefix_matches(form, token, 2))


def _split_closing_form(token: str, words: frozenset[str]) -> list[str]:
    """``token`` cut before a "limited" that OCR glued on the name ("เชียงใหม่ฟู้ดจำกัด").

    Not in a name word that ends in it ("ห้างหุ้นส่วนจำกัด", a limited partnership).
    """
    core = token.rstrip(_TRAILING_MARKS)
    if core in words:
        return [token]
    for form in _CLOSING_FORMS:
        head = core[: -len(form)]
        if core.endswith(form) and len(head) >= 2 and has_unspaced_script(head):
            return [head, token[len(head) :]]
    return [token]


def _cut_name_word(token: str, following: str, words: frozenset[str]) -> bool:
    """Whether ``token`` and ``following`` are one name word that OCR cut with a space.

    Misread letters in it are allowed as for a whole one ("จำ คัด" for "จำกัด", seed 2078);
    the word must reach past the space.
    """
    if not has_unspaced_script(token) or token.rstrip(_TRAILING_MARKS) in words:
        return False
    if not token[0].isalpha():
        return False  # "(มหา ชน)": a bracket is no letter of the word, nor an edit
    joined = token + following
    return any(
        len(w) >= 5
        and len(w) > len(token)
        and any(end > len(token) for _d, end in prefix_matches(w, joined, _edits_allowed(w)))
        for w in words
    )


_TRAILING_MARKS = ".,:;"


@cache
def _guessable(words: frozenset[str]) -> tuple[str, ...]:
    """The name words of five letters or more, longest first.

    Shorter ones are never guessed: "นาย" and "นาง" are one letter apart.
    """
    return tuple(sorted((w for w in words if len(w) >= 5), key=len, reverse=True))


# A name word of nine letters or more ("ມະຫາວິທະຍາໄລ", "มหาวิทยาลัย", "ក្រុមហ៊ុន") is put back
# from two misread letters ("ມະທາວິທະຍາໂລ", "ມະຫາວິທະຢາໂລ", seed 2077; "ក្រុមហូន", seed 2086,
# its sign and vowel under the ho read as one vowel); no two such words are within four.
_LONG_NAME_WORD = 9


def _edits_allowed(word: str) -> int:
    """How many misread letters a token may hold and still be the name word ``word``."""
    return 2 if len(word) >= _LONG_NAME_WORD else 1


def _closest_name_word(token: str, words: frozenset[str]) -> str:
    """``token`` with a name word it holds a letter or two off put right, trailing marks kept."""
    core = token.rstrip(_TRAILING_MARKS)
    marks = token[len(core) :]
    if not has_unspaced_script(core):
        return token
    for word in _guessable(words):
        for distance, end in prefix_matches(word, core, _edits_allowed(word)):  # closest first
            rest = core[end:]
            # The whole token, or a long word with another glued on (the rest is a word too).
            if not rest or (len(word) >= 8 and len(rest) >= 3):
                return word + rest + marks if distance else token
    return token


_ACCENTED_COUNTRY = re.compile(r"\(([^\W\d_]{2})\)$")


def _repair_country(name: str) -> str:
    """Repair a name's ST.3 country code as OCR garbled it.

    A lost bracket ("X TH)" -> "X (TH)"), a lost space ("Solutions AB(SE)", seed 2076), and the
    plain capitals of a code the Vietnamese model accented or lower-cased ("(ÚS)" -> "(US)",
    "(Vn)" -> "(VN)").
    """
    glued = _GLUED_COUNTRY.search(name)
    if glued is not None and glued[1] in ST3_CODES:
        name = f"{name[: glued.start()]} {name[glued.start() :]}"
    accented = _ACCENTED_COUNTRY.search(name)
    if accented is not None:
        decomposed = unicodedata.normalize("NFD", accented[1])
        plain = "".join(c for c in decomposed if not unicodedata.combining(c)).upper()
        if plain != accented[1] and plain in ST3_CODES:
            return f"{name[: accented.start()]}({plain})"
    m = _HALF_COUNTRY.search(name)
    if m is None or (m[1] or m[2]) not in ST3_CODES:
        return name
    return f"{name[: m.start()]}({m[1] or m[2]})"


# A trailing bracket that should hold a country code but does not ("(17)", "(117)", "(1717)", "(10",
# "(โ)", "យ)").
# In any script: the Thai and Khmer models read "(TH)", "(KH)" as "(โ)", "(យោ".
# Local letters: two at most, as "(ไทย)" (Thai) closes "บริษัท เนสท์เล่ (ไทย) จำกัด".
# Also two characters read apart ("(1 ร)" for "(TH)", seed 2069).
_GARBLED_BRACKET = r"\((?:[A-Za-z0-9|]{1,4}|[^\s()]{1,2}|[^\s()]\s[^\s()])\)"
# Or three local letters after a bracket never closed ("(โโป" for "(TH)", seed 2091): a closed
# "(ไทย)" may be part of a firm's name, an unclosed one at the name's end is not.
_GARBLED_CODE_AT_END = re.compile(
    rf"\s(?:{_GARBLED_BRACKET}?|[A-Za-z0-9|]{{1,3}}\)|\([^\sA-Za-z0-9()]{{3}})$"
)
# One or two local letters closed by a bracket never opened: "សុខ សុភា យ)". Not after an open
# bracket, which they may close ("(Ấn Độ)", "(มหา ชน)").
_UNOPENED_CODE_AT_END = re.compile(r"^[^(]*\s([^\sA-Za-z0-9()]{1,2}\))$")


def _garbled_country(name: str) -> int | None:
    """Where the garbled country bracket that ends ``name`` starts (its space), if any."""
    if (m := _GARBLED_CODE_AT_END.search(name)) is not None:
        return m.start()
    if (m := _UNOPENED_CODE_AT_END.search(name)) is not None:
        return m.start(1) - 1
    return None


_TRAILING_COUNTRY = re.compile(r"\(([A-Z]{2})\)$")


def _same_country_for_garbled(names: list[str]) -> list[str]:
    """Give a garbled country bracket the code every other name of the field carries.

    "A (TH)", "B (TH)", "C (17)": OCR turned TH into 17; with one code on all the other names
    that is the likeliest reading. With no code, or codes that differ, nothing is guessed; nor
    for a name in another script than theirs: a Latin firm among Thai names on a Thai page is
    likely foreign ("Acme Semiconductor, Inc. (ปร)" for "(US)", seed 2112); nor where the
    bracket still shows capitals none of which the code has ("Kyoto Precision Co., Ltd. (P)"
    for "(JP)" beside a "(VN)" firm, seed 2121).
    """
    coded = [n for n in names if (m := _TRAILING_COUNTRY.search(n)) and m[1] in ST3_CODES]
    codes = {m[1] for n in coded if (m := _TRAILING_COUNTRY.search(n))}
    if len(codes) != 1:
        return names
    (code,) = codes
    scripts = set().union(*(_scripts_of(n) for n in coded))
    out = []
    for name in names:
        start = _garbled_country(name)
        if (
            start is not None
            and _unread_country(name)
            and _scripts_of(name[:start]) <= scripts
            and _may_be_garbled(name[start:], code)
        ):
            name = f"{name[:start]} ({code})"
        out.append(name)
    return out


def _may_be_garbled(bracket: str, code: str) -> bool:
    """Whether ``bracket`` may be ``code`` misread: no Latin letter read, or one the code has.

    Letters are compared in capitals ("(ip)" is no misread VN). One shared letter is enough:
    weak evidence ("(S)" beside "(SG)" still becomes SG), and the field goes to review anyway.
    """
    letters = set(re.findall("[A-Z]", bracket.upper()))
    return not letters or bool(letters & set(code))


def _scripts_of(name: str) -> set[str | None]:
    """The countries of the scripts a name's letters are in (None: Latin and other scripts)."""
    return {script_country(c) for c in _without_country(name) if c.isalpha()}


def _without_country(name: str) -> str:
    """``name`` without the country code it ends with ("(LA)")."""
    return _TRAILING_COUNTRY.sub("", name).rstrip()


# A garbled bracket inside an entry, with a name after it: the semicolon was lost too
# ("ประเสริฐ บุญมา (โ) อรุณี วงศ์ไทย (TH)", seed 2050), or read as a second bracket
# ("(111)) ", seed 2065). Not before "and" and its kin, which
# join two names of one entry, and never a bracket with Latin letters in it: those are parts
# of firm names ("Acme (Pty) Ltd", "Nestle Products (M) Sdn. Bhd.", "Unilever (UK) Limited").
# Four digits only before a Thai, Lao or Khmer name ("(1713)) วิชัย", seed 2097), and no
# year: a firm's name may hold one ("Acme (1998) Limited", "บริษัท ... (2019) จำกัด").
_NO_YEAR = r"(?!19\d\d|20\d\d|24[4-9]\d|25\d\d)"
_GARBLED_CODE_BEFORE_NAME = re.compile(
    r"(\((?:[0-9|]{1,3}|[^\sA-Za-z0-9()]{1,2})\)"
    rf"|\({_NO_YEAR}[0-9|]{{4}}\)(?=(?:\s*\))?\s+[\u0e00-\u0eff\u1780-\u17ff]))"
    r"(?:\s*\))?\s+(?!(?:and|&|và|และ|និង|ແລະ)\s)"
    r"(?=[^\W\d_])",
    re.I,
)


# An unclosed scrap of a bracket right before the country code: a second reading of the code
# ("ณัฐพล ทองดี (โ (TH)", seed 2056). Never Latin letters: "(M" may be a firm's "(M)".
_STRAY_BRACKET_BEFORE_COUNTRY = re.compile(r"\s\((?:[^\sA-Za-z()]{1,2})\s+(?=\([A-Z]{2}\)$)")


def _end_name_at_garbled_code(m: re.Match[str]) -> str:
    return f"{m[1]}; "


# The country a name's script points to, for a bracket OCR garbled beyond reading when no
# other name of the field carries a code to go by ("(117)" for "(TH)" in one Thai font, on
# seeds 2046 and 2050). A guess: the field's fit drops below the review floor, so a person
# checks it.
_GUESSED_FIT = 0.5


def _script_country_for_garbled(name: str) -> tuple[str, bool]:
    """``name`` with a garbled country bracket replaced by its script's country, and whether.

    A Latin-script name, or one of mixed scripts, is left as it is.
    """
    start = _garbled_country(name)
    if start is None or not _unread_country(name):
        return name, False
    letters = [c for c in name[:start] if c.isalpha()]
    codes = {script_country(c) for c in letters}
    if len(codes) == 1 and (code := codes.pop()) is not None:
        return f"{name[:start]} ({code})", True
    return name, False


# Signs no name starts with: a speck before the first name read as one ("!ແສງດາວ", seed 2096).
# Where they end a name they may be its own ("Yahoo!").
_NEVER_STARTS_NAME = "!?*~^_`"

# A speck read as a letter or two inside a Thai, Lao or Khmer name ("วิชัย ศรีสุข a 3a (TH)",
# seed 2067): one or two characters with a lower-case letter. Digits and capitals stay: they
# are parts of firm names ("บริษัท 3M ประเทศไทย จำกัด", "ทรู 5G", "ບໍລິສັດ 2 ພີ່ນ້ອງ") or initials.
# Or a sign or two standing alone between its words ("ក្រុមហ៊ុន អង្គរ # អគ្រីធិច", seed 2097).
_SPECK = re.compile(r"(?=[A-Za-z0-9]?[a-z])[A-Za-z0-9]{1,2}|[#*~^_`|§¤°•]{1,2}")


def _rejoin_thai_person(name: str, words: frozenset[str]) -> str:
    """A Thai person's name with a space OCR read inside its given name or surname taken out.

    A Thai person is a given name and a surname, after a title maybe: "ประ เสริฐ ศรีสุข" and
    "ประเส ริฐ แก้วมณี" (seed 2089) have a word too many. A space that lies inside a word of the
    Thai list (``processors.lexicon.space_inside_word``: "เสริฐ" and "ริฐ" are no words,
    "ประเสริฐ" is) goes, unless two such spaces share a word or two words would not be left.
    Firms (a legal form among the words) and names of two words stay as read.
    """
    tokens = name.split(" ")
    end = len(tokens) - 1 if _COUNTRY_TOKEN.fullmatch(tokens[-1]) else len(tokens)
    start = 1 if tokens[0] in words else 0  # a title: "นาย", "นางสาว"
    core = tokens[start:end]
    if (
        len(core) < 3
        or any(t in words for t in core)
        or not all(t and {script_country(c) for c in t} == {"TH"} for t in core)
    ):
        return name
    # Only now: the word lists are read once a worker meets a Thai name, never for Latin ones.
    lexicon = default_lexicons().get("TH")
    if lexicon is None:
        return name
    inside = [k for k in range(len(core) - 1) if space_inside_word(core[k], core[k + 1], lexicon)]
    apart = all(b - a > 1 for a, b in pairwise(inside))
    if not inside or not apart or len(core) - len(inside) < 2:
        return name
    for k in reversed(inside):
        core[k : k + 2] = [core[k] + core[k + 1]]
    return " ".join([*tokens[:start], *core, *tokens[end:]])


# Lao ko la (the repeat mark) is no letter of a name: before a consonant it is the ngo it
# looks like ("ມະຫາວິທະຍາໄລແຫ່ໆຊາດ", five names on seeds 2058-2062). In running text it may
# follow a word unspaced ("ຕ່າງໆກັນ"), so only names.
_KO_LA_IN_NAME = re.compile("\u0ec6(?=[\u0e81-\u0eae])")


# An English label read by a local model, left before the name: "[71] Applicant: គឹម សុវណ្ណ"
# came back as "&ឯព||0ទណៈៈ គឹម សុវណ្ណ (KH)" (seed 2126, the label at confidence 0): local
# letters with ASCII signs or digits among them, ending in a colon or the Khmer sign that looks
# like one (U+17C8). No name's first word is written so.
_LABEL_END = ":\u17c8"
_NOT_IN_A_NAME = frozenset("&|#*~^_`§¤°•0123456789")


def _without_garbled_label(name: str) -> str:
    """``name`` without a first word that is a label a local model read as junk."""
    first, _, rest = name.partition(" ")
    rest = rest.lstrip()
    if (
        rest
        and first.endswith(tuple(_LABEL_END))
        and has_unspaced_script(first)
        and not _NOT_IN_A_NAME.isdisjoint(first)
    ):
        return rest
    return name


def _without_specks(name: str) -> str:
    """``name`` without the specks among its words, when it is written in an unspaced script."""
    if not has_unspaced_script(name):
        return name
    words = name.split(" ")

    def speck(k: int) -> bool:
        if not _SPECK.fullmatch(words[k]):
            return False
        # "#" before a number is a firm's own ("ร้านค้า # 1 จำกัด").
        return not (words[k] == "#" and k + 1 < len(words) and words[k + 1][:1].isdigit())

    return " ".join(word for k, word in enumerate(words) if not speck(k))


def _debris(name: str) -> bool:
    """OCR debris taken for a name: digits outside brackets and no word of three letters.

    Thai, Lao and Khmer vowel and tone marks count as letters of their word: "วิชัย ศรีสุข 3a"
    (a speck read "3a" after the name, seed 2067) is a name, not debris. Lone capitals
    without a country code, no initials (no period), are debris too: "A A" (seed 2078).
    """
    bare = re.sub(r"\([^)]*\)", "", name)
    words = bare.split()
    longest = max(
        (sum(c.isalpha() or unicodedata.category(c) == "Mn" for c in w) for w in words),
        default=0,
    )
    lone_letters = bare == name and bool(words) and all(len(w) == 1 and w.isalpha() for w in words)
    return (any(c.isdigit() for c in bare) and longest < 3) or lone_letters


def _name_fit(name: str) -> float:
    letters = sum(c.isalpha() or unicodedata.category(c)[0] == "M" for c in name)
    odd = sum(
        not (c.isalnum() or c.isspace() or c in ".,'-()&/" or unicodedata.category(c)[0] == "M")
        for c in name
    )
    digits = sum(c.isdigit() for c in name)
    score = letters / max(1, letters + 3 * odd + digits)
    return round(max(0.3, min(1.0, score + 0.1)), 3)


def normalize_names(text: str, *, persons: bool = True) -> list[str] | None:
    """Return the names in ``text`` as a list, or None (see ``split_names``)."""
    parsed = split_names(text, persons=persons)
    return parsed.value if parsed else None


_COUNTRY = re.compile(r"(?<![A-Za-z0-9/])\(?([A-Z]{2})\)?(?![A-Za-z0-9/])")
_TOKEN = re.compile(r"\S+")
_TRIM = "()[],.;:"


def parse_priority(text: str) -> Parsed | None:
    """Read priority claims in any order of date, country and number, one or several.

    Items are grouped in reading order; a claim closes when an item of a kind it already
    holds comes ("2018-1 30.04.2018 JP 2018-2 01.05.2018 JP" is two claims).
    """
    if not text:
        return None
    # A line break ends an item, unless a date runs over it ("June 15,\n2008", seed 2052).
    flat = text.replace("\n", " ")
    in_date = [False] * len(flat)
    for found in find_dates(flat):
        start, end = found.spans[0]
        in_date[start:end] = [True] * (end - start)
    base = clean("".join(" ; " if c == "\n" and not in_date[i] else c for i, c in enumerate(text)))
    items: list[tuple[int, str, str, bool]] = []  # (position, kind, value, repaired)
    taken = [False] * len(base)
    for found in find_dates(base):
        start, end = found.spans[0]
        items.append((start, "date", found.value, found.repaired))
        taken[start:end] = [True] * (end - start)
    # A code read one letter off is guessed only in a text that holds no valid code at all: in
    # "BR PI 0512345-6" the "PI" is Brazil's number prefix, not Poland.
    any_valid = any(m[1] in ST3_CODES for m in _COUNTRY.finditer(base))
    for m in _COUNTRY.finditer(base):
        code = m[1] if m[1] in ST3_CODES or any_valid else _misread_country(m[1])
        if code in ST3_CODES and not any(taken[m.start() : m.end()]):
            items.append((m.start(), "country", code, code != m[1]))
            taken[m.start() : m.end()] = [True] * (m.end() - m.start())
    # Numbers, with runs printed in groups ("10 2005 280 241.3", "2018 - 123") kept whole.
    run: list[tuple[int, str, bool]] = []  # (start, repaired token, repaired?)

    def close_run() -> None:
        number = " ".join(token for _, token, _ in run)
        if sum(c.isdigit() for c in number) >= 3:
            items.append((run[0][0], "number", number, any(r for _, _, r in run)))
        run.clear()

    previous_end = -2
    for m in _TOKEN.finditer(base):
        token = m.group()
        start = m.start() + len(token) - len(token.lstrip(_TRIM))
        token = token.strip(_TRIM)
        number, changes = repair_digits(token) if token else ("", 0)
        numeric = sum(c.isdigit() for c in number) * 2 > len(number) > 0
        if not numeric or any(taken[start : start + len(token)]):
            if run:
                close_run()
            continue
        if run and (m.start() != previous_end + 1 or not m.group()[:1].isdigit()):
            close_run()
        run.append((start, number, changes > 0))
        previous_end = m.end()
        if m.group()[-1:] in ",;":
            close_run()
    if run:
        close_run()
    items.sort()
    claims: list[dict[str, str | None]] = []
    repaired = False
    current: dict[str, str | None] = {}
    for _, kind, value, was_repaired in items:
        if kind in current:
            claims.append(current)
            current = {}
        current[kind] = value
        repaired = repaired or was_repaired
    if current:
        claims.append(current)
    out = [
        {"country": c.get("country"), "number": c.get("number"), "date": c.get("date")}
        for c in claims
        if c.get("number") or c.get("date")
    ]
    if not out:
        return None
    complete = sum(all(c.values()) for c in out) / len(out)
    fit = (0.6 + 0.4 * complete) * (0.8 if repaired else 1.0)
    return Parsed(out, fit, ((0, len(text)),), repaired=repaired)


# Capitals OCR was seen to read for others in a country code: J as I ("IP" for JP, seed 2058),
# as G ("GP" for JP, seed 2055) and as T (a serif J with its top bar, "(TP)", seed 2128), and
# the bracket with the J as Q ("QP)", seed 2090).
_CODE_LETTER_SLIPS = {"I": "J", "G": "J", "Q": "J", "T": "J"}


# A country code put right from a letter slip is likely right, not certain.
_SLIPPED_FIT = 0.9


def _slipped_country(name: str) -> str | None:
    """``name`` with a country code one letter slip off one ST.3 code put right, else None.

    "Kyoto Precision Co., Ltd. GP)" for "(JP)" (seeds 2055 and 2062).
    """
    m = _HALF_COUNTRY.search(name)
    if m is None or (m[1] or m[2]) in ST3_CODES:
        return None
    code = _misread_country(m[1] or m[2])
    return f"{name[: m.start()]}({code})" if code is not None else None


def _misread_country(code: str) -> str | None:
    """The one ST.3 code that ``code`` (not one) is a single letter slip away from, else None."""
    found = {
        code[:i] + letter + code[i + 1 :]
        for i, read in enumerate(code)
        for letter in _CODE_LETTER_SLIPS.get(read, "")
    } & ST3_CODES
    return found.pop() if len(found) == 1 else None


def normalize_priority(text: str) -> list[dict[str, str | None]] | None:
    """Return the priority claims in ``text`` as ``[{country, number, date}]``, or None."""
    parsed = parse_priority(text)
    return parsed.value if parsed else None


# Reading the same name twice -------------------------------------------------------------------

# A person who applies for a patent is often its inventor too: the front page prints the name
# twice, and OCR may read the two prints differently ("ວັນນະສອນ 1ູມມະຄາ" as applicant,
# "ວັນນະສອນ ພູມມະລາ" as inventor, seed 2109). Two readings this close are one name:
_SAME_NAME_SHARE = 1 / 3  # edits against the shorter reading's length (at least 2 allowed)
# A likelier reading by a letter model must gain this much (natural log) to be taken, as a
# word put right by that model must (``processors.letter_model.COST_PER_EDIT``).
_LIKELIER_BY = 10.0


def reconcile_repeated_names(
    first: list[str],
    second: list[str],
    likelihood_of: Callable[[str], Callable[[str], float] | None],
) -> tuple[list[str], list[str]]:
    """Two name lists (applicants, inventors) with each name printed in both read one way.

    Where a name of one list and a name of the other are close readings of one name (same
    country code, a third of the letters or fewer apart) and one reading is plainly the worse,
    both lists take the better: the one with fewer words mixing a digit or Latin letters into
    a local script ("1ູມມະຄາ"), else, in a script with a letter model, the one it finds
    ``_LIKELIER_BY`` likelier ("ມື້ມມະຈັນ" against "ພົມມະຈັນ"). Names that differ and
    are both plausible ("Nguyễn Văn An", "Nguyễn Văn Anh") stay as read.
    """
    first, second = list(first), list(second)
    for i, name in enumerate(first):
        closest = _closest_reading(name, second)
        if closest is None:
            continue
        better = _better_reading(name, second[closest], likelihood_of)
        if better is not None:
            first[i] = second[closest] = better
    return first, second


def _closest_reading(name: str, others: list[str]) -> int | None:
    """The index of the other reading of ``name`` among ``others`` (close, same country)."""
    best: tuple[int, int] | None = None
    for j, other in enumerate(others):
        if other == name or _country_of(other) != _country_of(name):
            continue
        edits = levenshtein(name, other)
        allowed = max(2, int(min(len(name), len(other)) * _SAME_NAME_SHARE))
        if edits <= allowed and (best is None or edits < best[0]):
            best = (edits, j)
    return best[1] if best else None


def _country_of(name: str) -> str | None:
    """The country code a name ends with ("(LA)"), or None."""
    found = _TRAILING_COUNTRY.search(name)
    return found[1] if found else None


def _better_reading(
    one: str, other: str, likelihood_of: Callable[[str], Callable[[str], float] | None]
) -> str | None:
    """The plainly better of two readings of one name, or None when neither is."""
    odd_one, odd_other = _mixed_words(one), _mixed_words(other)
    if odd_one != odd_other:
        return one if odd_one < odd_other else other
    if odd_one:
        return None
    letters = [c for c in _without_country(one) if has_unspaced_script(c)]
    likelihood = likelihood_of(script_country(letters[0])) if letters else None
    if likelihood is None:
        return None
    score_one, score_other = _name_likelihood(one, likelihood), _name_likelihood(other, likelihood)
    if abs(score_one - score_other) < _LIKELIER_BY:
        return None
    return one if score_one > score_other else other


def _mixed_words(name: str) -> int:
    """Words of a local-script name that hold a digit or Latin letters, or are Latin alone."""
    words = _without_country(name).split()
    local = [has_unspaced_script(word) for word in words]
    if not any(local):
        return 0
    return sum(
        not is_local or any(c.isdigit() or (c.isascii() and c.isalpha()) for c in word)
        for word, is_local in zip(words, local, strict=True)
    )


def _name_likelihood(name: str, likelihood: Callable[[str], float]) -> float:
    """The letter model's log-likelihood of a name's words, summed (its country code left out)."""
    return sum(likelihood(word) for word in _without_country(name).split())
