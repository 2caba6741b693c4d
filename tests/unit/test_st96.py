"""ST.96-aligned XML export: well-formed, the documented element set, scanned text escaped."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from processors.st96 import ELEMENTS, NS, st96_xml

SHA = "a" * 64
PATENT = {
    "application_number": {"value": {"printed": "1-2018-01234", "normalized": "1201801234"}},
    "filing_date": {"value": "2018-04-30"},
    "ipc": {"value": ["G06F 17/30", "H04L 9/32"]},
    "title": {"value": "SORTING <PARCELS> & SACKS"},
    "applicants": {"value": ["Saigon Robotics JSC", "Hanoi Tech Ltd"]},
    "inventors": {"value": ["Nguyen Van An"]},
    "priority": {"value": [{"country": "JP", "number": "2017-123456", "date": "2017-05-01"}]},
}


def local_names(root: ET.Element) -> set[str]:
    return {el.tag.split("}")[1] for el in root.iter()}


def test_patent_export_is_well_formed_with_st96_elements():
    root = ET.fromstring(st96_xml("patent", PATENT, sha256=SHA).encode("utf-8"))
    assert root.tag == f"{{{NS['pat']}}}PatentBibliographicData"
    ns = {"com": NS["com"], "pat": NS["pat"]}
    assert root.findtext("com:ApplicationNumber/com:ApplicationNumberText", namespaces=ns) == (
        "1-2018-01234"
    )
    assert root.findtext("com:FilingDate", namespaces=ns) == "2018-04-30"
    ipc = root.findall(".//pat:IPCRClassification/pat:PatentClassificationText", ns)
    assert [e.text for e in ipc] == ["G06F 17/30", "H04L 9/32"]
    assert root.findtext("pat:InventionTitle", namespaces=ns) == "SORTING <PARCELS> & SACKS"
    assert len(root.findall(".//pat:ApplicantBag/pat:Applicant", ns)) == 2
    claim = root.find(".//pat:PriorityClaim", ns)
    assert claim.findtext("com:IPOfficeCode", namespaces=ns) == "JP"


def test_only_documented_elements_are_written():
    allowed = {
        "PatentBibliographicData",
        "DocumentIdentifier",
        "IPOfficeCode",
        "ApplicationNumber",
        "ApplicationNumberText",
        "FilingDate",
    }
    for path in ELEMENTS["patent"].values():
        allowed |= {step.lstrip("*").split(":")[1] for step in path.split("/")}
    root = ET.fromstring(st96_xml("patent", PATENT, sha256=SHA).encode("utf-8"))
    assert local_names(root) <= allowed


def test_trademark_and_design_roots():
    mark = {"mark": {"value": "LOTUS"}, "nice_classes": {"value": [9, 35]}}
    root = ET.fromstring(st96_xml("trademark", mark, sha256=SHA).encode("utf-8"))
    assert [e.text for e in root.iter(f"{{{NS['tmk']}}}ClassNumber")] == ["9", "35"]
    design = {"locarno_classes": {"value": ["06-01"]}, "title": {"value": "Chair"}}
    root = ET.fromstring(st96_xml("industrial_design", design, sha256=SHA).encode("utf-8"))
    assert root.findtext(f"{{{NS['dsgn']}}}DesignTitle") == "Chair"


def test_control_characters_cannot_break_the_document():
    fields = {"title": {"value": "BAD\x0c\x01 TITLE"}}
    root = ET.fromstring(st96_xml("patent", fields, sha256=SHA).encode("utf-8"))
    assert root.findtext(f"{{{NS['pat']}}}InventionTitle") == "BAD TITLE"
