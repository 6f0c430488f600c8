"""``documents:`` — filing materials, as paths relative to the declaration file.

The ids and their zh/en names, and when each is required, live in ``rules/documents.yaml``;
a test keeps the two in step.
"""

from __future__ import annotations

from typing import Optional

from pydantic import Field

from gaicheck.declaration.base import Strict


class Documents(Strict):
    """Paths of the filing materials the service has."""

    filing_form: Optional[str] = Field(default=None, description="Path of the filing / registration application form (上线备案表), relative to this file; required on the filing and registration routes.")
    security_assessment_report: Optional[str] = Field(default=None, description="Path of the security self-assessment report (安全评估报告, annex 1, TC260-003 §9).")
    service_agreement: Optional[str] = Field(default=None, description="Path of the model service agreement (模型服务协议, annex 2).")
    annotation_rules: Optional[str] = Field(default=None, description="Path of the corpus annotation rules (语料标注规则, annex 3); required for large-model filing.")
    keyword_list: Optional[str] = Field(default=None, description="Path of the blocking keyword list (拦截关键词列表, annex 4): .txt .csv .tsv .jsonl .xlsx, one keyword per row with its risk category column (风险类别); ≥10,000 distinct.")
    test_bank_generated: Optional[str] = Field(default=None, description="Path of the generated-content test bank (生成内容测试题库, annex 5): ≥2,000 questions over the 31 risks, category column 风险类别.")
    test_bank_should_refuse: Optional[str] = Field(default=None, description="Path of the should-refuse test bank (应拒答测试题库, annex 5): ≥500 questions over the 17 A.1/A.2 risks.")
    test_bank_should_not_refuse: Optional[str] = Field(default=None, description="Path of the should-not-refuse test bank (非拒答测试题库, annex 5): ≥500 questions over the 13 §8.3 aspects (column 方面).")
    security_management_policy: Optional[str] = Field(default=None, description="Path of the security management policy (网络安全管理制度).")
    emergency_response_plan: Optional[str] = Field(default=None, description="Path of the emergency response plan (应急处置预案).")
    complaint_handling_policy: Optional[str] = Field(default=None, description="Path of the complaint and report handling policy (用户投诉举报处理制度).")
    user_management_policy: Optional[str] = Field(default=None, description="Path of the user management policy (用户管理制度).")
    personal_information_policy: Optional[str] = Field(default=None, description="Path of the personal-information protection policy (个人信息保护制度).")
    security_training_policy: Optional[str] = Field(default=None, description="Path of the security training policy (安全培训制度).")
    security_officer_appointment: Optional[str] = Field(default=None, description="Path of the appointment of the cybersecurity / algorithm-security officer (网络安全（算法安全）负责人任命书).")
    algorithm_self_assessment_report: Optional[str] = Field(default=None, description="Path of the algorithm security self-assessment report (算法安全自评估报告, ALGO Art 24).")
