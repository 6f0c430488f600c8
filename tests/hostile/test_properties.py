"""Property-based: any declaration, valid or not, ends with exit 0, 1 or 2 and parseable output."""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gaicheck.cli import main

MODALITIES = ["text", "image", "audio", "video", "code", "3d", "virtual_scene", "smell"]
CAPS = ["dialogue", "writing", "face_swap", "voice_cloning", "companion", "agent", "text_to_image", "teleport"]
scalars = st.one_of(st.none(), st.booleans(), st.integers(-5, 10**7), st.text(max_size=12), st.dates().map(str))

service = st.fixed_dictionaries(
    {"name": st.one_of(st.text(min_size=1, max_size=10), st.integers()), "provider": st.text(min_size=0, max_size=10)},
    optional={
        "status": st.sampled_from(["planned", "live", "dead"]),
        "markets": st.lists(st.sampled_from(["CN", "EU", "US", "DE", "XX"]), max_size=3),
        "audience": st.sampled_from(["public", "business", "internal", "research", "aliens"]),
        "output_modalities": st.lists(st.sampled_from(MODALITIES), max_size=3),
        "capabilities": st.lists(st.sampled_from(CAPS), max_size=3),
        "public_opinion_or_mobilization": st.one_of(st.booleans(), st.none(), st.text(max_size=3)),
        "user_publishing": st.booleans(),
        "users": st.fixed_dictionaries({}, optional={"minors": st.sampled_from(["excluded", "allowed", "targeted", "x"]),
                                                     "registered_users": st.integers(-1, 2_000_000)}),
        "launch_date": scalars,
    },
)
declaration = st.fixed_dictionaries(
    {"gaicheck": st.sampled_from([1, 1, 1, 2, "1"]), "service": service},
    optional={
        "model": st.fixed_dictionaries({}, optional={
            "origin": st.sampled_from(["self_trained", "fine_tuned", "api_of_filed_model", "third_party_unfiled", "magic"]),
            "training_compute_flop": st.one_of(st.floats(0, 1e27), st.text(max_size=3)),
        }),
        "safeguards": st.fixed_dictionaries({}, optional={
            "log_retention_months": scalars,
            "labeling": st.fixed_dictionaries({}, optional={"explicit": st.lists(st.sampled_from(MODALITIES), max_size=3),
                                                            "implicit_metadata": scalars}),
        }),
        "documents": st.dictionaries(st.sampled_from(["keyword_list", "service_agreement", "bogus"]), st.text(max_size=8), max_size=2),
        "unknown_top": scalars,
    },
)


def _check(result_exit: int, stdout: str, stderr: str) -> None:
    assert result_exit in (0, 1, 2), (result_exit, stderr)
    if result_exit == 2:
        assert stderr.startswith("gaicheck: error: "), stderr
        assert "Traceback" not in stderr
    else:
        report = json.loads(stdout)
        assert report["ready"] is (result_exit == 0)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(decl=declaration)
def test_generated_declarations(tmp_path: Path, decl: dict) -> None:  # type: ignore[type-arg]
    path = tmp_path / "service.yaml"
    path.write_text(yaml.safe_dump(decl, allow_unicode=True), encoding="utf-8")
    r = CliRunner().invoke(main, ["assess", str(path), "--format", "json", "--as-of", "2026-11-27"])
    _check(r.exit_code, r.stdout, r.stderr)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=300))
def test_arbitrary_bytes(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "service.yaml"
    path.write_bytes(data)
    r = CliRunner().invoke(main, ["assess", str(path), "--format", "json"])
    _check(r.exit_code, r.stdout, r.stderr)
