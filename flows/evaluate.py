"""``digitize eval``: run the real pipeline over a labelled folder and score what it stored.

A dataset is a folder of scans with a ``truth.json`` ({file name: {document_type, language,
fields, text, degradations}}), as ``processors.groundtruth.write_dataset`` writes it. The batch
runs exactly as ``digitize run`` would; the scores come from the stored records. Reviewed
records of a store can serve as ground truth too, so an office measures the pipeline on its
own documents.
"""

from __future__ import annotations

import json
import re
import statistics
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from processors.languages import AUTO
from processors.metrics import FieldScores, cer
from storage.base import Store


@dataclass(slots=True)
class EvalReport:
    """Scores of one evaluation, overall and per language and degradation."""

    documents: int = 0
    failed: list[str] = field(default_factory=list)
    fields: FieldScores = field(default_factory=FieldScores)
    fields_by_language: dict[str, FieldScores] = field(default_factory=dict)
    type_correct: int = 0
    cer_by_language: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    cer_by_degradation: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))

    def to_json(self) -> dict[str, Any]:
        """A JSON summary for ``--json`` and for the README tables."""

        def scores(fs: FieldScores) -> dict[str, Any]:
            return {
                name: {
                    "truth": s.truth,
                    "precision": round(s.precision, 3),
                    "recall": round(s.recall, 3),
                    "exact_match": round(s.exact_match, 3),
                }
                for name, s in sorted(fs.by_field.items())
            }

        return {
            "documents": self.documents,
            "failed": self.failed,
            "document_type_accuracy": round(self.type_correct / self.documents, 3)
            if self.documents
            else 0.0,
            "fields": scores(self.fields),
            "fields_overall_exact_match": round(self.fields.overall.exact_match, 3),
            "fields_by_language": {
                k: scores(v) for k, v in sorted(self.fields_by_language.items())
            },
            "fields_overall_exact_match_by_language": {
                k: round(v.overall.exact_match, 3)
                for k, v in sorted(self.fields_by_language.items())
            },
            "cer_by_language": {k: cer_summary(v) for k, v in sorted(self.cer_by_language.items())},
            "cer_by_degradation": {
                k: cer_summary(v) for k, v in sorted(self.cer_by_degradation.items())
            },
        }


def cer_summary(values: list[float]) -> dict[str, float]:
    """Mean, median and pages above 5% of a list of page error rates."""
    if not values:
        return {"pages": 0, "mean": 0.0, "median": 0.0, "above_5pct": 0}
    return {
        "pages": len(values),
        "mean": round(statistics.fmean(values), 4),
        "median": round(statistics.median(values), 4),
        "above_5pct": sum(v > 0.05 for v in values),
    }


def load_truth(dataset: Path) -> dict[str, dict[str, Any]]:
    """Read the dataset's ``truth.json``; a clear error when it is missing or malformed."""
    path = dataset / "truth.json"
    try:
        truth = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise ValueError(f"{path} is missing or not JSON: {e}") from e
    if not isinstance(truth, dict):
        raise ValueError(f"{path} must map file names to their ground truth")
    return truth


_TESSERACT_CODE = re.compile(r"[a-z]{3}(?:_[a-z]+)?")


def languages_of(truth: dict[str, dict[str, Any]]) -> str | None:
    """The ``--lang`` that reads a dataset's pages: its one language, or "auto" for several.

    A generated set mixes five languages; read with the default English its Thai, Khmer and
    Lao pages come out as Latin letters, and the scores measure that. A single language other
    than English is read with English beside it, as an office reads its scans ("vie+eng").
    None when the truth names no language, or one that is no Tesseract language code.
    """
    languages = {entry.get("language") for entry in truth.values() if entry.get("language")}
    if not languages or not all(_TESSERACT_CODE.fullmatch(str(code)) for code in languages):
        return None
    if len(languages) > 1:
        return AUTO
    (language,) = languages
    return language if language == "eng" else f"{language}+eng"


def records_by_name(store: Store, record_keys: Iterable[tuple[str, str]]) -> dict[str, dict]:
    """The stored records of a run, by source name."""
    return {name: json.loads(store.get_bytes(key)) for name, key in record_keys if key}


def score(truth: dict[str, dict[str, Any]], records: dict[str, dict[str, Any]]) -> EvalReport:
    """Compare each document's record with its ground truth."""
    report = EvalReport()
    for name, expected in sorted(truth.items()):
        report.documents += 1
        record = records.get(name)
        if record is None:
            report.failed.append(name)
            record = {"fields": {}, "pages": [], "document": {}}
        predicted = {k: v.get("value") for k, v in record["fields"].items()}
        language = expected.get("language", "unknown")
        fields = set(expected.get("fields", {}))
        report.fields.add(predicted, expected.get("fields", {}), fields=fields)
        by_language = report.fields_by_language.setdefault(language, FieldScores())
        by_language.add(predicted, expected.get("fields", {}), fields=fields)
        report.type_correct += record["document"].get("document_type") == expected.get(
            "document_type"
        )
        if expected.get("text"):
            text = "\n".join(page.get("text", "") for page in record["pages"])
            error = cer(expected["text"], text)
            report.cer_by_language[language].append(error)
            for degradation in expected.get("degradations") or ["none"]:
                report.cer_by_degradation[degradation].append(error)
    return report


def reviewed_pairs(store: Store) -> Iterator[tuple[str, dict[str, Any], dict[str, Any]]]:
    """(sha256, machine record, reviewed fields) for every approved review in ``store``."""
    from review import reviewed_ground_truth

    for sha256, fields in reviewed_ground_truth(store):
        machine = json.loads(store.get_bytes(f"records/{sha256}.json"))
        yield sha256, machine, fields


def score_reviewed(store: Store) -> EvalReport:
    """Score the machine records of ``store`` against what people approved in review."""
    truth: dict[str, dict[str, Any]] = {}
    records: dict[str, dict[str, Any]] = {}
    for sha256, machine, fields in reviewed_pairs(store):
        truth[sha256] = {
            "fields": fields,
            "document_type": machine["document"]["document_type"],
            "language": machine["document"]["languages"][0]
            if machine["document"]["languages"]
            else "unknown",
        }
        records[sha256] = machine
    return score(truth, records)
