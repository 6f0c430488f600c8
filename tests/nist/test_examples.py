"""Two examples with different capabilities get different relevant risks and gap orders (issue 6)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import REPO, run

CHATBOT = REPO / "examples" / "chatbot-filing" / "service.yaml"
FACE_SWAP = REPO / "examples" / "face-swap" / "service.yaml"


@pytest.fixture(scope="module")
def chatbot() -> dict[str, Any]:
    return run(CHATBOT).jurisdictions["NIST"]


@pytest.fixture(scope="module")
def face_swap() -> dict[str, Any]:
    return run(FACE_SWAP).jurisdictions["NIST"]


def _ids(block: dict[str, Any]) -> list[str]:
    return [r["id"] for r in block["relevant_risks"]]


def test_public_chatbot_risks(chatbot: dict[str, Any]) -> None:
    # text for the public on a self-trained model: hallucination first, no image-abuse risk
    assert _ids(chatbot) == [
        "gai.confabulation", "gai.environmental", "gai.info_integrity", "gai.dangerous_content", "gai.harmful_bias", "gai.ip",
    ]
    assert chatbot["relevant_risks"][0]["level"] == "high"


def test_face_swap_risks(face_swap: dict[str, Any]) -> None:
    # deepfakes of real people shared publicly, biometric training data, an open upstream model
    assert _ids(face_swap) == [
        "gai.info_integrity", "gai.obscene_content", "gai.data_privacy", "gai.ip", "gai.value_chain", "gai.dangerous_content",
    ]


def test_the_two_differ_where_their_capabilities_do(chatbot: dict[str, Any], face_swap: dict[str, Any]) -> None:
    assert "gai.confabulation" in _ids(chatbot) and "gai.confabulation" not in _ids(face_swap)
    assert "gai.obscene_content" in _ids(face_swap) and "gai.obscene_content" not in _ids(chatbot)
    assert "gai.value_chain" in _ids(face_swap) and "gai.value_chain" not in _ids(chatbot)


def test_gap_orders_differ(chatbot: dict[str, Any], face_swap: dict[str, Any]) -> None:
    chat = [g["id"] for g in chatbot["gaps"]]
    face = [g["id"] for g in face_swap["gaps"]]
    assert chat[:4] == ["MANAGE-2.2", "MANAGE-3.2", "GOVERN-1.3", "MEASURE-2.3"]
    assert face[:4] == ["MANAGE-3.2", "MEASURE-2.6", "MANAGE-2.2", "MAP-4.1"]
    # third-party model work ranks high for the fine-tuned open model, not for the self-trained one
    assert face.index("GOVERN-6.1") < 5 and chat.index("GOVERN-6.1") >= 10
    # the chatbot's declared practices are not gaps; its planned one is
    assert "MEASURE-2.6" not in chat and "MANAGE-2.4" in chat
    assert next(g for g in chatbot["gaps"] if g["id"] == "MANAGE-2.4")["status"] == "planned"


def test_coverage_reflects_declared_practices(chatbot: dict[str, Any], face_swap: dict[str, Any]) -> None:
    assert chatbot["practices_declared"] and face_swap["practices_declared"]
    assert chatbot["coverage"]["overall"]["implemented"] == 7
    assert face_swap["coverage"]["overall"]["implemented"] == 0
    assert chatbot["coverage"]["overall"]["percent"] > face_swap["coverage"]["overall"]["percent"]
    assert "evidence_problems" not in chatbot  # the China filing files double as evidence


def test_nist_never_makes_the_examples_not_ready_by_default() -> None:
    for path in (CHATBOT, FACE_SWAP):
        report = run(path)
        assert not [f for f in report.blocking() if f.framework == "NIST"]
