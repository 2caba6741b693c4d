"""Export a document's bibliographic fields as XML with WIPO ST.96 element names.

This is an exchange aid for IP administration systems that speak ST.96, not a full ST.96
instance: only the elements for the fields ip-digitizer extracts are written, in ST.96's
namespaces and nesting (Bag elements for lists), and ``ELEMENTS`` documents the mapping.
The document is well-formed and escapes all scanned text.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Mapping
from typing import Any

from processors.render import xml_clean

NS = {
    "com": "http://www.wipo.int/standards/XMLSchema/ST96/Common",
    "pat": "http://www.wipo.int/standards/XMLSchema/ST96/Patent",
    "tmk": "http://www.wipo.int/standards/XMLSchema/ST96/Trademark",
    "dsgn": "http://www.wipo.int/standards/XMLSchema/ST96/Design",
}
ROOTS = {
    "patent": "pat:PatentBibliographicData",
    "utility_model": "pat:PatentBibliographicData",
    "trademark": "tmk:TrademarkBibliographicData",
    "industrial_design": "dsgn:DesignBibliographicData",
    "other": "com:BibliographicData",
}
# Field -> path of ST.96 elements under the root (a "*" step repeats per list item).
ELEMENTS: dict[str, dict[str, str]] = {
    "patent": {
        "publication_number": "com:PublicationNumber",
        "kind": "com:PatentDocumentKindCode",
        "application_number": "com:ApplicationNumber/com:ApplicationNumberText",
        "filing_date": "com:FilingDate",
        "publication_date": "com:PublicationDate",
        "grant_date": "pat:GrantDate",
        "priority": "pat:PriorityClaimBag/*pat:PriorityClaim",
        "ipc": "pat:IPCRClassificationBag/*pat:IPCRClassification/pat:PatentClassificationText",
        "title": "pat:InventionTitle",
        "abstract": "pat:Abstract/com:P",
        "applicants": "pat:PartyBag/pat:ApplicantBag/*pat:Applicant/com:Contact/com:Name/com:EntityName",
        "inventors": "pat:PartyBag/pat:InventorBag/*pat:Inventor/com:Contact/com:Name/com:PersonName/com:PersonFullName",
        "agent": "pat:PartyBag/pat:RegisteredPractitionerBag/pat:RegisteredPractitioner/com:Contact/com:Name/com:EntityName",
    },
    "trademark": {
        "registration_number": "com:RegistrationNumber",
        "registration_date": "com:RegistrationDate",
        "application_number": "com:ApplicationNumber/com:ApplicationNumberText",
        "filing_date": "com:ApplicationDate",
        "priority": "tmk:PriorityBag/*tmk:Priority",
        "mark": "tmk:MarkRepresentation/tmk:MarkReproduction/tmk:WordMarkSpecification/tmk:MarkVerbalElementText",
        "nice_classes": "tmk:GoodsServicesBag/tmk:GoodsServices/tmk:ClassDescriptionBag/*tmk:ClassDescription/tmk:ClassNumber",
        "goods_services": "tmk:GoodsServicesBag/tmk:GoodsServices/tmk:GoodsServicesDescriptionText",
        "applicants": "tmk:ApplicantBag/*tmk:Applicant/com:Contact/com:Name/com:EntityName",
        "agent": "tmk:RepresentativeBag/tmk:Representative/com:Contact/com:Name/com:EntityName",
    },
    "industrial_design": {
        "registration_number": "com:RegistrationNumber",
        "registration_date": "com:RegistrationDate",
        "application_number": "com:ApplicationNumber/com:ApplicationNumberText",
        "filing_date": "com:FilingDate",
        "priority": "dsgn:PriorityClaimBag/*dsgn:PriorityClaim",
        "locarno_classes": "dsgn:ClassificationBag/*dsgn:LocarnoClassification/dsgn:LocarnoClassNumber",
        "title": "dsgn:DesignTitle",
        "applicants": "dsgn:ApplicantBag/*dsgn:Applicant/com:Contact/com:Name/com:EntityName",
        "inventors": "dsgn:DesignerBag/*dsgn:Designer/com:Contact/com:Name/com:PersonName/com:PersonFullName",
        "agent": "dsgn:RepresentativeBag/dsgn:Representative/com:Contact/com:Name/com:EntityName",
    },
}
ELEMENTS["utility_model"] = ELEMENTS["patent"]


def _qname(prefixed: str) -> str:
    prefix, local = prefixed.split(":")
    return f"{{{NS[prefix]}}}{local}"


def _text(value: Any) -> str:
    """The printed-and-normalized dict of numbers exports its printed form."""
    if isinstance(value, Mapping) and "printed" in value:
        return str(value["printed"])
    return str(value)


def _priority(parent: ET.Element, claim: Mapping[str, Any]) -> None:
    if claim.get("country"):
        ET.SubElement(parent, _qname("com:IPOfficeCode")).text = xml_clean(str(claim["country"]))
    if claim.get("number"):
        number = ET.SubElement(parent, _qname("com:ApplicationNumber"))
        ET.SubElement(number, _qname("com:ApplicationNumberText")).text = xml_clean(
            str(claim["number"])
        )
    if claim.get("date"):
        ET.SubElement(parent, _qname("com:FilingDate")).text = xml_clean(str(claim["date"]))


def _place(root: ET.Element, path: str, value: Any) -> None:
    """Create the elements of ``path`` under ``root``; a "*" step repeats for list items."""
    steps = path.split("/")
    parent = root
    for i, step in enumerate(steps):
        if step.startswith("*"):
            items = value if isinstance(value, list) else [value]
            for item in items:
                element = ET.SubElement(parent, _qname(step[1:]))
                rest = "/".join(steps[i + 1 :])
                if isinstance(item, Mapping) and "country" in item:
                    _priority(element, item)
                elif rest:
                    _place(element, rest, item)
                else:
                    element.text = xml_clean(_text(item))
            return
        existing = parent.find(_qname(step))
        is_last = i == len(steps) - 1
        parent = (
            existing
            if existing is not None and not is_last
            else ET.SubElement(parent, _qname(step))
        )
    parent.text = xml_clean(_text(value))


def st96_xml(document_type: str, fields: Mapping[str, Mapping[str, Any]], *, sha256: str) -> str:
    """Return the ST.96-aligned XML of ``fields`` (the record's ``fields`` block)."""
    for prefix, uri in NS.items():
        ET.register_namespace(prefix, uri)
    root = ET.Element(_qname(ROOTS.get(document_type, ROOTS["other"])))
    ET.SubElement(root, _qname("com:DocumentIdentifier")).text = sha256
    mapping = ELEMENTS.get(document_type, {})
    for name, path in mapping.items():
        field = fields.get(name)
        if field is None or field.get("value") in (None, "", []):
            continue
        _place(root, path, field["value"])
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
