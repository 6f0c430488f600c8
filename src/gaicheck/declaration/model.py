"""The declaration of one service (``gaicheck: 1``): the pydantic model is the source of truth."""

from __future__ import annotations

from typing import Literal, Optional

from pydantic import Field

from gaicheck.declaration.base import Strict
from gaicheck.declaration.china import China
from gaicheck.declaration.documents import Documents
from gaicheck.declaration.eu import EU
from gaicheck.declaration.evaluation import Evaluation
from gaicheck.declaration.model_facts import ModelFacts
from gaicheck.declaration.nist import Nist
from gaicheck.declaration.safeguards import Safeguards
from gaicheck.declaration.service import Service
from gaicheck.declaration.settings import Settings
from gaicheck.declaration.waivers import Waiver


class Declaration(Strict):
    """A gaicheck service declaration."""

    gaicheck: Literal[1] = Field(description="Declaration format version.")
    service: Service = Field(description="What is offered, to whom and where: decides which frameworks apply and the China route.")
    model: Optional[ModelFacts] = Field(default=None, description="The model behind the service and where it comes from (decides large-model filing vs registration).")
    china: Optional[China] = Field(default=None, description="China filing facts: numbers once obtained, their display, the security assessment, changes.")
    eu: Optional[EU] = Field(default=None, description="EU AI Act facts: roles, Art 5 screen, Annex III and Annex I, transparency, GPAI. Only read when a market is in the EU.")
    nist: Optional[Nist] = Field(default=None, description="NIST AI RMF practices. Opt-in: without this block no NIST rule runs; with it they are voluntary unless nist.required.")
    safeguards: Optional[Safeguards] = Field(default=None, description="Measures in place: labeling, complaint channel, logs, minors, training data, annotation, content filtering …")
    documents: Optional[Documents] = Field(default=None, description="Filing materials, each a path relative to this file. Which ones are required follows the China route.")
    evaluation: Optional[Evaluation] = Field(default=None, description="TC260-003 §9 samplings: a results file, or counts {size, passed | refused}.")
    waivers: Optional[list[Waiver]] = Field(default=None, description="Accepted exceptions: {rule, reason, expires (at most one year ahead), approver}. A waived rule shows as waived.")
    waivers_file: Optional[str] = Field(
        default=None, min_length=1,
        description="A YAML file with more waivers ({waivers: [...]}), relative to this declaration.",
    )
    settings: Optional[Settings] = Field(default=None, description="Threshold overrides (may only tighten statutory figures) and artifact column names and label mappings.")


def json_schema() -> dict[str, object]:
    """The JSON Schema of the declaration (committed under ``schema/``)."""
    schema = Declaration.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "urn:gaicheck:schema:declaration:1"  # a stable name, not an address that does not exist
    return schema
