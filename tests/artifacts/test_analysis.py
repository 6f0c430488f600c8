"""analyze_artifact across every format and encoding: totals, duplicates, categories, languages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from gaicheck.artifacts import ColumnNames, analyze_artifact, load_taxonomy
from gaicheck.artifacts.coverage import coverage, group_floors, shortfalls
from gaicheck.errors import InputError
from tests.artifacts.artifact_files import FORMAT_ENCODINGS, placeholder, write_items, write_rows

CATEGORISED = [f for f, _ in FORMAT_ENCODINGS if f != "txt"]


def _path(tmp_path: Path, fmt: str, name: str = "bank") -> Path:
    return tmp_path / f"{name}.{fmt}"


@pytest.mark.parametrize(("fmt", "encoding"), FORMAT_ENCODINGS)
def test_counts_every_format_and_encoding(tmp_path: Path, fmt: str, encoding: str | None) -> None:
    items = [(placeholder(i, zh=i % 2 == 0), "A.1a" if i < 6 else "民族歧视") for i in range(10)]
    items += [(placeholder(3, zh=False), "A.1a")]                    # exact duplicate of item 3
    items += [("  " + placeholder(5).upper() + "  ", "A.1a")]       # normalised duplicate of item 5
    path = write_items(_path(tmp_path, fmt), items, encoding=encoding)
    stats = analyze_artifact(path, "keyword_list")
    assert stats.format == fmt
    assert stats.encoding == encoding
    assert stats.total == 12
    assert stats.unique == 10
    offset = 0 if fmt in ("txt", "jsonl") else 1   # header row
    assert stats.duplicates_exact.count == 1 and stats.duplicates_exact.lines == (11 + offset,)
    assert stats.duplicates_normalised.count == 1 and stats.duplicates_normalised.lines == (12 + offset,)
    assert stats.languages == {"zh": 5, "en": 5}
    if fmt == "txt":
        assert stats.by_risk is None and stats.uncategorised == 10
    else:
        assert stats.by_risk is not None
        assert stats.by_risk["A.1a"] == 6 and stats.by_risk["A.2a"] == 4
        assert sum(stats.by_risk.values()) == 10 and len(stats.by_risk) == 31
        assert stats.by_group == {"A.1": 6, "A.2": 4, "A.3": 0, "A.4": 0, "A.5": 0}
    json.dumps(stats.to_dict())


@pytest.mark.parametrize(("fmt", "encoding"), [(f, e) for f, e in FORMAT_ENCODINGS if f != "txt"])
def test_unknown_categories_with_lines(tmp_path: Path, fmt: str, encoding: str | None) -> None:
    items = [(placeholder(i), "A.1a") for i in range(5)]
    items[1] = (placeholder(1), "no-such-category")
    items[3] = (placeholder(3), "A.9z")
    items.append((placeholder(9), None))
    path = write_items(_path(tmp_path, fmt), items, encoding=encoding)
    stats = analyze_artifact(path, "keyword_list")
    assert stats.unknown_categories.count == 2
    header = 0 if fmt == "jsonl" else 1
    assert stats.unknown_categories.lines == (2 + header, 4 + header)
    assert stats.uncategorised == 1
    assert stats.by_risk is not None and stats.by_risk["A.1a"] == 3


def test_user_mapping_and_columns(tmp_path: Path) -> None:
    path = write_rows(tmp_path / "kw.csv", [["编号", "词条", "我们的分类"],
                                            [1, placeholder(1), "政治-1"], [2, placeholder(2), "政治-1"]])
    with pytest.raises(InputError, match="no text column"):
        analyze_artifact(path, "keyword_list")
    stats = analyze_artifact(path, "keyword_list", columns=ColumnNames.with_overrides("词条", "我们的分类"),
                             category_map={"政治-1": "A.1b"})
    assert stats.by_risk is not None and stats.by_risk["A.1b"] == 2


def test_headerless_single_column_csv(tmp_path: Path) -> None:
    path = tmp_path / "kw.csv"
    path.write_text("\n".join(placeholder(i) for i in range(4)) + "\n", encoding="utf-8")
    stats = analyze_artifact(path, "keyword_list")
    assert stats.total == 4 and stats.by_risk is None


def test_multiline_csv_record_keeps_line_numbers(tmp_path: Path) -> None:
    path = tmp_path / "bank.csv"
    path.write_text('题目,类别\n"placeholder\nitem one",A.1a\nplaceholder item one,A.1a\n', encoding="utf-8")
    stats = analyze_artifact(path, "test_bank_generated")
    assert stats.total == 2 and stats.duplicates_normalised.lines == (4,)


def test_jsonl_variants_and_errors(tmp_path: Path) -> None:
    path = tmp_path / "bank.jsonl"
    path.write_text('"placeholder item 1"\n\n{"question": "placeholder item 2", "risk": "A.1c"}\n',
                    encoding="utf-8")
    stats = analyze_artifact(path, "test_bank_should_refuse")
    assert stats.total == 2 and stats.by_risk is not None and stats.by_risk["A.1c"] == 1
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "placeholder"}\n{"text": \n', encoding="utf-8")
    with pytest.raises(InputError) as err:
        analyze_artifact(bad, "keyword_list")
    assert str(err.value.location).endswith("bad.jsonl:2")
    arr = tmp_path / "arr.jsonl"
    arr.write_text("[1, 2]\n", encoding="utf-8")
    with pytest.raises(InputError, match="object or a string"):
        analyze_artifact(arr, "keyword_list")


def test_xlsx_named_sheet_and_gaps(tmp_path: Path) -> None:
    import openpyxl

    wb = openpyxl.Workbook()
    wb.active.title = "说明"
    wb.active.append(["本表为说明页"])
    ws = wb.create_sheet("题库")
    ws.append(["问题", "风险类别"])
    ws.append([placeholder(1), "A.5a"])
    ws.append([None, None])
    ws.append([42, "A.5b"])                         # numbers are text too
    ws.append([placeholder(1), "A.5a"])
    path = tmp_path / "bank.xlsx"
    wb.save(path)
    stats = analyze_artifact(path, "test_bank_generated", sheet="题库")
    assert stats.total == 3 and stats.unique == 2 and stats.sheet == "题库"
    assert stats.duplicates_exact.lines == (5,)
    assert stats.by_risk is not None and stats.by_risk["A.5a"] == 1 and stats.by_risk["A.5b"] == 1
    with pytest.raises(InputError, match="no sheet named"):
        analyze_artifact(path, "test_bank_generated", sheet="missing")


def test_should_not_refuse_bank_counts_aspects(tmp_path: Path) -> None:
    items = [(placeholder(i), "历史" if i % 2 else "英烈") for i in range(6)] + [(placeholder(9), "A.1a")]
    path = write_items(tmp_path / "nr.csv", items, header=("问题", "方面"))
    stats = analyze_artifact(path, "test_bank_should_not_refuse")
    assert stats.by_risk is None and stats.by_aspect is not None
    assert stats.by_aspect["nr.history"] == 3 and stats.by_aspect["nr.heroes"] == 3
    assert stats.unknown_categories.count == 1


def test_languages_declared_latin_uses_langdetect(tmp_path: Path) -> None:
    items = [("Ceci est une phrase de remplissage en français pour le test", None),
             ("This is a neutral placeholder sentence written in English", None),
             ("占位条目的示例文本 with words", None), ("12345", None)]
    path = write_items(tmp_path / "l.txt", items)
    assert analyze_artifact(path, "keyword_list").languages == {"en": 2, "zh": 1, "und": 1}
    stats = analyze_artifact(path, "keyword_list", languages=["zh", "fr"])
    assert stats.languages == {"fr": 1, "en": 1, "zh": 1, "und": 1}


# --- floors: exactly at the floor passes, one short fails (per category and overall) -------------

def _keyword_items(per_a1: int, per_a2: int, short: str | None = None) -> list[tuple[str, str]]:
    tax = load_taxonomy()
    items: list[tuple[str, str]] = []
    n = 0
    for code in tax.codes_in("A.1", "A.2"):
        want = per_a1 if code.startswith("A.1") else per_a2
        if code == short:
            want -= 1
        for _ in range(want):
            items.append((placeholder(n, zh=n % 3 == 0), code))
            n += 1
    return items


@pytest.mark.parametrize(("fmt", "encoding"), [(f, e) for f, e in FORMAT_ENCODINGS if f != "txt"])
@pytest.mark.parametrize("short", [None, "A.1a", "A.1h", "A.2a", "A.2i"])
def test_keyword_floors_at_and_below(tmp_path: Path, fmt: str, encoding: str | None, short: str | None) -> None:
    # scaled-down floors (A.1: 4, A.2: 2) keep the test fast; the rules use 200/100 from params
    tax = load_taxonomy()
    floors = group_floors({g: tax.codes_in(g) for g in tax.groups}, {"A.1": 4, "A.2": 2})
    path = write_items(_path(tmp_path, fmt), _keyword_items(4, 2, short), encoding=encoding)
    rows = coverage(analyze_artifact(path, "keyword_list"), floors)
    assert shortfalls(rows) == ([] if short is None else [short])


def test_real_keyword_floor_sizes(tmp_path: Path) -> None:
    """The reference floors themselves: 200 per A.1 risk, 100 per A.2 risk (2,500 items)."""
    tax = load_taxonomy()
    floors = group_floors({g: tax.codes_in(g) for g in tax.groups}, {"A.1": 200, "A.2": 100})
    at = analyze_artifact(write_items(tmp_path / "at.csv", _keyword_items(200, 100)), "keyword_list")
    assert shortfalls(coverage(at, floors)) == [] and at.unique == 2500
    short = analyze_artifact(write_items(tmp_path / "s.csv", _keyword_items(200, 100, "A.2e")), "keyword_list")
    assert shortfalls(coverage(short, floors)) == ["A.2e"]


def test_duplicates_do_not_reach_a_floor(tmp_path: Path) -> None:
    items = [(placeholder(i), "A.1a") for i in range(3)] + [(placeholder(0).upper(), "A.1a")]
    stats = analyze_artifact(write_items(tmp_path / "d.csv", items), "keyword_list")
    assert coverage(stats, {"A.1a": 4})[0].ok is False
    assert coverage(stats, {"A.1a": 3})[0].ok is True


def test_coverage_unknown_without_categories(tmp_path: Path) -> None:
    stats = analyze_artifact(write_items(tmp_path / "d.txt", [(placeholder(1), None)]), "keyword_list")
    assert coverage(stats, {"A.1a": 1})[0].ok is None


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_title_rows_above_the_header(tmp_path: Path, fmt: str) -> None:
    rows: list[list[object]] = [["示例公司拦截关键词列表（占位）"], [], ["关键词", "风险类别"]]
    rows += [[placeholder(i), "A.1a"] for i in range(3)]
    stats = analyze_artifact(write_rows(tmp_path / f"kw.{fmt}", rows), "keyword_list")
    assert stats.total == 3 and stats.by_risk is not None and stats.by_risk["A.1a"] == 3


def test_headerless_list_in_second_column(tmp_path: Path) -> None:
    rows: list[list[object]] = [[None, placeholder(i)] for i in range(7)]
    stats = analyze_artifact(write_rows(tmp_path / "kw.xlsx", rows), "keyword_list")
    assert stats.total == 7


def test_two_columns_without_header_is_an_error(tmp_path: Path) -> None:
    rows: list[list[object]] = [[placeholder(i), "A.1a"] for i in range(7)]
    with pytest.raises(InputError, match="no text column") as err:
        analyze_artifact(write_rows(tmp_path / "kw.csv", rows), "keyword_list")
    assert err.value.location is not None and err.value.location.line == 1
