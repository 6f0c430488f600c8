"""The filing package (issue 8): material checklists and pre-filled document drafts.

Pure functions only: :mod:`checklist` turns a :class:`~gaicheck.report.model.Report` into
Markdown/CSV/JSON text or XLSX bytes; :mod:`drafts` renders ``templates/`` into Markdown (and
.docx bytes). Writing files is the CLI's job (``gaicheck.cli_filing``).
"""
