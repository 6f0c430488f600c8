"""The .docx drafts: ``templates/docx/draft.docx`` filled by docxtpl (``pip install 'gaicheck[docx]'``).

The template (built by ``scripts/build_docx_template.py``) holds the page (A4, GB/T 9704
margins), the styles (仿宋 body, 黑体 headings, zh-CN language), heading numbering, the footer's
page number and the title block; docxtpl fills the title block and puts the body that
:class:`gaicheck.filing.markup.WordWriter` wrote in place of ``{{p body}}``. The result's zip is
rewritten with fixed timestamps so the same draft always has the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io

from gaicheck.filing.archive import normalise_zip
from gaicheck.record import record
from gaicheck.resources import data_path

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (start-up time, issue 16)
if TYPE_CHECKING:
    from typing import Mapping

TEMPLATE = ("templates", "docx", "draft.docx")

LABELS = {
    "zh": {"classification": "密级", "service": "服务名称", "provider": "服务提供者", "model": "模型名称及版本",
           "date": "日期", "status": "文稿状态"},
    "en": {"classification": "Classification", "service": "Service", "provider": "Provider",
           "model": "Model and version", "date": "Date", "status": "Status"},
}


def available() -> bool:
    """True when docxtpl (and python-docx beneath it) can be imported."""
    try:
        import docxtpl  # noqa: F401
    except ImportError:
        return False
    return True


@record
class TitleBlock:
    """What the title block of a .docx draft shows."""

    title: str
    service: str
    provider: str
    model: str
    date: dt.date
    classification: str = "内部"
    status: str = "草稿（待补充、待审核）"
    lang: str = "zh"

    def as_context(self) -> dict[str, object]:
        """The docxtpl context (plain strings; docxtpl escapes them)."""
        date = (f"{self.date.year}年{self.date.month}月{self.date.day}日" if self.lang == "zh"
                else self.date.isoformat())
        return {"title": self.title, "service": self.service, "provider": self.provider, "model": self.model,
                "date": date, "classification": self.classification, "status": self.status,
                "labels": LABELS[self.lang]}


def render_docx(body_xml: str, block: TitleBlock) -> bytes:
    """A .docx: the shipped template with ``block`` in the title block and ``body_xml`` as the body."""
    from docxtpl import DocxTemplate
    from markupsafe import Markup

    with data_path(*TEMPLATE).open("rb") as fh:
        tpl = DocxTemplate(io.BytesIO(fh.read()))
    context: Mapping[str, object] = dict(block.as_context(), body=Markup(body_xml))
    tpl.render(context, autoescape=True)
    stamp = dt.datetime(block.date.year, block.date.month, block.date.day, tzinfo=dt.timezone.utc)
    props = tpl.docx.core_properties
    props.title = block.title
    props.created = props.modified = stamp
    props.author = props.last_modified_by = block.provider
    props.language = "zh-CN" if block.lang == "zh" else "en"
    buf = io.BytesIO()
    tpl.save(buf)
    return normalise_zip(buf.getvalue())
