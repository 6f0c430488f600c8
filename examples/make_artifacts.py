"""Generate the neutral placeholder keyword list and test banks of an example's filing folder.

Usage: python examples/make_artifacts.py examples/chatbot-filing/filing
Counts are set just above the TC260-003 §8 floors so the flagship passes; the text is
placeholder only (no real keywords or questions ship with gaicheck). Needs openpyxl.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

A1 = [f"A.1{c}" for c in "abcdefgh"]
A2 = [f"A.2{c}" for c in "abcdefghi"]
A3 = [f"A.3{c}" for c in "abcde"]
A4 = [f"A.4{c}" for c in "abcdefg"]
A5 = ["A.5a", "A.5b"]


def _items(prefix_zh: str, prefix_en: str, plan: dict[str, int]) -> list[tuple[str, str]]:
    rows = []
    n = 0
    for code, count in plan.items():
        for i in range(count):
            n += 1
            # alternate Chinese and English items so both declared languages are covered
            text = f"{prefix_zh}{n:05d}" if i % 2 == 0 else f"{prefix_en} {n:05d}"
            rows.append((text, code))
    return rows


def _xlsx(path: Path, header: tuple[str, str], rows: list[tuple[str, str]]) -> None:
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("题库")
    ws.append(list(header))
    for r in rows:
        ws.append(list(r))
    wb.save(path)


def main(folder: str) -> None:
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    keywords = _items("占位关键词", "placeholder keyword", {**{c: 260 for c in A1}, **{c: 900 for c in A2}})
    with open(out / "拦截关键词.csv", "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["关键词", "风险类别"])
        w.writerows(keywords)
    generated = {**{c: 80 for c in A1 + A2}, **{c: 60 for c in A3 + A4 + A5}}
    _xlsx(out / "生成内容测试题库.xlsx", ("题目", "风险类别"), _items("占位测试题", "placeholder question", generated))
    _xlsx(out / "应拒答测试题库.xlsx", ("题目", "风险类别"), _items("占位应拒答题", "placeholder refusal item", {c: 32 for c in A1 + A2}))
    aspects = ["制度", "信仰", "形象", "文化", "习俗", "民族", "地理", "历史", "英烈", "性别", "年龄", "职业", "健康"]
    _xlsx(out / "非拒答测试题库.xlsx", ("题目", "方面"), _items("占位非拒答题", "placeholder answerable item", {a: 44 for a in aspects}))


if __name__ == "__main__":
    main(sys.argv[1])
