from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest
from django.utils import translation

import ally
from ally.survivors import vocabularies

HTCDS_IDS = [
    "prs_Gender",
    "vic_TraffickingStatus",
    "vic_TraffickingStatusDecisionMakingOrg",
    "vic_TypeOfExploitation",
    "vic_MethodsOfControl",
    "vic_ForcedLabourIndustry",
    "vic_MethodOfRecruitment",
    "per_RoleInProcess",
    "cas_Status",
    "hte_Type",
]

# DOMAIN.md §4 working service-category list, phrase by phrase, mapped to its stable value.
DOMAIN_SERVICE_CATEGORIES = {
    "crisis intervention": "crisis_intervention",
    "case management": "case_management",
    "emergency shelter": "emergency_shelter",
    "transitional housing": "transitional_housing",
    "long-term housing assistance": "long_term_housing",
    "basic necessities (food, clothing, personal items)": "basic_necessities",
    "medical": "medical",
    "dental": "dental",
    "mental health/counseling": "mental_health",
    "substance use treatment": "substance_use_treatment",
    "interpretation/translation": "interpretation",
    "transportation": "transportation",
    "immigration legal services (T visa, Continued Presence)": "immigration_legal",
    "civil legal services": "civil_legal",
    "criminal legal services incl. vacatur/record relief": "criminal_legal_vacatur",
    "criminal-justice advocacy and court accompaniment": "criminal_justice_advocacy",
    "safety planning": "safety_planning",
    "education/GED/ESL": "education",
    "employment and job training": "employment",
    "life skills and financial literacy": "life_skills",
    "public benefits assistance": "public_benefits",
    "identity documents": "identity_documents",
    "family reunification/repatriation": "family_reunification",
    "child care": "child_care",
    "disability assistance": "disability_assistance",
    "peer/survivor mentoring": "peer_mentoring",
    "information and referral": "information_referral",
}


def shared_file(*parts: str) -> Path | None:
    # In CI the shared folder sits beside the repository clone; on the workstation at /work/shared.
    for base in (Path(ally.__file__).parents[2] / "shared", Path("/work/shared")):
        if (base / Path(*parts)).is_file():
            return base / Path(*parts)
    return None


def htcds_picklist(field: str) -> list[tuple[str, str]]:
    path = shared_file("htcds", "htcds_fields_v2.0.csv")
    if path is None:
        pytest.skip("HTCDS CSV not available")
    with path.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            if row["Field Name including Prefix"] == field:
                names = row["Value Names (if picklist)"].split("\n")
                labels = row["Value Labels (if picklist)"].split("\n")
                # The standard has stray trailing spaces and non-breaking spaces; keys are trimmed.
                return [
                    (n.strip(), lab.replace("\xa0", " ").strip())
                    for n, lab in zip(names, labels, strict=True)
                ]
    raise AssertionError(f"{field} not in the HTCDS CSV")


@pytest.mark.parametrize("vid", vocabularies.ids())
def test_it_loads_and_validates_every_file(vid):
    vocab = vocabularies.vocabulary(vid)
    assert vocab.id == vid
    assert re.fullmatch(r"\d{4}-\d+", vocab.version)
    assert vocab.source and vocab.labels_es_source
    values = [term.value for term in vocab.values]
    assert len(values) == len(set(values))
    assert all(term.label_en.strip() and term.label_es.strip() for term in vocab.values)


def test_it_ships_the_expected_vocabularies():
    ally_ids = {
        "trafficking_type",
        "citizenship_status",
        "service_category",
        "legal_immigration_need",
        "case_note_type",
        "consent_purpose",
        "referral_source",
        "disability",
        "population",
        "need_domain",
        "trafficking_industry",
    }
    assert set(vocabularies.ids()) == ally_ids | set(HTCDS_IDS)


@pytest.mark.parametrize("vid", HTCDS_IDS)
def test_it_keeps_htcds_values_and_english_labels_as_the_standard_spells_them(vid):
    vocab = vocabularies.vocabulary(vid)
    assert vocab.htcds_field == vid
    assert "CC BY 4.0" in vocab.source
    assert [(t.value, t.label_en) for t in vocab.values] == htcds_picklist(vid)


def test_it_uses_snake_case_values_in_ally_lists():
    for vid in set(vocabularies.ids()) - set(HTCDS_IDS):
        vocab = vocabularies.vocabulary(vid)
        assert vocab.htcds_field is None
        assert all(re.fullmatch(r"[a-z][a-z0-9_]*", t.value) for t in vocab.values), vid


def test_it_covers_every_domain_service_category():
    assert vocabularies.vocabulary("service_category").value_set() == set(
        DOMAIN_SERVICE_CATEGORIES.values()
    )


def test_it_matches_the_service_categories_listed_in_domain_md():
    path = shared_file("DOMAIN.md")
    if path is None:
        pytest.skip("DOMAIN.md not available")
    text = " ".join(path.read_text(encoding="utf-8").split())
    found = re.search(r"Working service-category list \([^)]*\): (.*?)\.(?: -| ##)", text)
    assert found, "DOMAIN.md no longer has the working service-category list"
    assert [p.strip() for p in found.group(1).split(";")] == list(DOMAIN_SERVICE_CATEGORIES)


def test_it_labels_choices_in_the_active_language():
    with translation.override("es"):
        assert ("sex", "Trata con fines de explotación sexual") in vocabularies.choices(
            "trafficking_type"
        )
    with translation.override("en"):
        assert ("sex", "Sex trafficking") in vocabularies.choices("trafficking_type")


def test_it_falls_back_to_english_for_other_languages():
    with translation.override("fr"):
        assert vocabularies.label("cas_Status", "Closed") == "Closed"
    assert vocabularies.label("cas_Status", "Closed", language="es-mx") == "Cerrado"


def test_it_checks_values():
    assert vocabularies.is_valid("vic_MethodsOfControl", "DebtBondage")
    assert not vocabularies.is_valid("vic_MethodsOfControl", "DebtBondage ")
    with pytest.raises(LookupError):
        vocabularies.label("cas_Status", "Reopened")


def test_it_raises_lookup_error_for_an_unknown_vocabulary():
    with pytest.raises(LookupError, match="Unknown vocabulary 'nope'"):
        vocabularies.vocabulary("nope")
    with pytest.raises(LookupError):
        vocabularies.choices("../settings")


def test_it_rejects_a_malformed_file():
    data = json.loads((vocabularies.DATA_DIR / "cas_Status.json").read_text(encoding="utf-8"))
    data["values"].append(dict(data["values"][0]))
    with pytest.raises(ValueError, match="duplicate value 'Active'"):
        vocabularies._parse(data, where="cas_Status.json")
