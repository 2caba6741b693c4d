"""Why a person should check an extraction: missing mandatory fields, weak fields, weak type."""

from __future__ import annotations

from processors.types import Extraction

# Per document type, the groups of fields a usable record must have: each inner tuple is
# satisfied by any one of its fields ("an application or a registration number").
MANDATORY_FIELDS: dict[str, tuple[tuple[str, ...], ...]] = {
    "patent": (("application_number",), ("filing_date",), ("title",), ("applicants",)),
    "utility_model": (("application_number",), ("filing_date",), ("title",), ("applicants",)),
    "trademark": (
        ("application_number", "registration_number"),
        ("filing_date",),
        ("applicants",),
        ("nice_classes",),
    ),
    "industrial_design": (
        ("application_number", "registration_number"),
        ("filing_date",),
        ("title",),
        ("applicants",),
    ),
    "other": (),
}

_TYPE_WORDS = {
    "patent": "a patent",
    "utility_model": "a utility model",
    "trademark": "a trademark",
    "industrial_design": "an industrial design",
    "other": "this document",
}


def _name(field: str) -> str:
    return field.replace("_", " ")


def review_reasons(extraction: Extraction, *, min_field_confidence: float) -> list[str]:
    """Return the reasons, in plain words, to have a person check ``extraction`` (may be empty)."""
    reasons: list[str] = []
    kind = extraction.document_type
    if extraction.type_confidence < min_field_confidence:
        reasons.append(
            f"document type uncertain: read as {kind.replace('_', ' ')} with confidence "
            f"{extraction.type_confidence:.2f}"
        )
    for group in MANDATORY_FIELDS.get(kind, ()):
        if not any(name in extraction.fields for name in group):
            wanted = " or ".join(_name(n) for n in group)
            reasons.append(f"missing {wanted} (mandatory for {_TYPE_WORDS.get(kind, kind)})")
    for name, found in sorted(extraction.fields.items()):
        if found.confidence < min_field_confidence:
            reasons.append(
                f"{_name(name)} read with low confidence "
                f"({found.confidence:.2f} < {min_field_confidence:.2f}): {found.raw[:60]!r}"
            )
    return reasons
