"""The filing package (issues 8, 17): material checklists, pre-filled drafts and the verifiable bundle.

Pure functions only: :mod:`checklist` (with :mod:`items`, :mod:`eu_duties`, :mod:`workbook`) turns a
:class:`~gaicheck.report.model.Report` into Markdown/CSV/JSON text or XLSX bytes; :mod:`drafts`
renders ``templates/`` through the writers of :mod:`markup` into Markdown working drafts and, via
:mod:`word`, clean .docx submission copies; :mod:`bundle` packs and verifies the archive. Words for
codes come from :mod:`vocabulary`. Writing files is the CLI's job (``cli_filing``, ``cli_bundle``).
"""
