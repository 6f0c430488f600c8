"""``documents:`` — filing materials, as paths relative to the declaration file.

The ids and their zh/en names, and when each is required, live in ``rules/documents.yaml``;
a test keeps the two in step.
"""

from __future__ import annotations

from typing import Optional

from gaicheck.declaration.base import Strict


class Documents(Strict):
    """Paths of the filing materials the service has."""

    filing_form: Optional[str] = None
    security_assessment_report: Optional[str] = None
    service_agreement: Optional[str] = None
    annotation_rules: Optional[str] = None
    keyword_list: Optional[str] = None
    test_bank_generated: Optional[str] = None
    test_bank_should_refuse: Optional[str] = None
    test_bank_should_not_refuse: Optional[str] = None
    security_management_policy: Optional[str] = None
    emergency_response_plan: Optional[str] = None
    complaint_handling_policy: Optional[str] = None
    user_management_policy: Optional[str] = None
    personal_information_policy: Optional[str] = None
    security_training_policy: Optional[str] = None
    security_officer_appointment: Optional[str] = None
    algorithm_self_assessment_report: Optional[str] = None
