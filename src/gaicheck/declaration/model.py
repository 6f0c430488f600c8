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
    service: Service
    model: Optional[ModelFacts] = None
    china: Optional[China] = None
    eu: Optional[EU] = None
    nist: Optional[Nist] = None
    safeguards: Optional[Safeguards] = None
    documents: Optional[Documents] = None
    evaluation: Optional[Evaluation] = None
    waivers: Optional[list[Waiver]] = None
    waivers_file: Optional[str] = Field(
        default=None, min_length=1,
        description="A YAML file with more waivers ({waivers: [...]}), relative to this declaration.",
    )
    settings: Optional[Settings] = None


def json_schema() -> dict[str, object]:
    """The JSON Schema of the declaration (committed under ``schema/``)."""
    schema = Declaration.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "urn:gaicheck:schema:declaration:1"  # a stable name, not an address that does not exist
    return schema
