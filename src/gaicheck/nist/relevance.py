"""Which AI 600-1 GAI risks a service raises, and which AI RMF subcategories matter most for it.

Each signal is a declaration fact that makes a risk more likely or more severe; a risk's score is
the sum of its signals and it is *relevant* at ``RELEVANT`` or more. The table follows the mapping
hints of ``shared/reference/nist-ai-rmf.md`` §5 and AI 600-1 §2 (e.g. image generation -> obscene
content and IP; a public chatbot -> confabulation and information integrity; open weights ->
value chain and information security). A subcategory's relevance is the sum of the scores of the
relevant risks its AI 600-1 actions address, plus a few context boosts (a public service needs user
feedback and appeal, MEASURE-3.3; a live one needs post-deployment monitoring, MANAGE-4.1 …).
"""

from __future__ import annotations

from gaicheck.engine.derive import dig as _get
from gaicheck.nist.catalog import NistCatalog
from gaicheck.record import record

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (start-up time, issue 16)
if TYPE_CHECKING:
    from typing import Any, Callable, Optional

RELEVANT = 2  # a risk with at least this score is relevant
HIGH = 4  # ... and "high" from this score on
MEDIA = {"image", "video", "audio"}
VISUAL_CAPS = {"text_to_image", "image_editing", "video_generation"}
FACE_CAPS = {"face_generation", "face_swap", "face_manipulation"}
LIKENESS_CAPS = FACE_CAPS | {"voice_cloning", "digital_human"}
BIOMETRIC_CAPS = FACE_CAPS | {"voice_cloning", "emotion_recognition", "biometric_categorisation", "biometric_identification"}
PEOPLE_CAPS = {"scoring_or_ranking_people", "emotion_recognition", "biometric_categorisation"}


@record
class Facts:
    """The declaration facts relevance reads (unknown lists are empty, unknown values None)."""

    outputs: frozenset[str]
    caps: frozenset[str]
    channels: frozenset[str]
    audience: Optional[str]
    public_sharing: bool
    minors: Optional[str]
    languages: int
    origin: Optional[str]
    open_weights: bool
    upstream_open: bool
    compute: float
    personal_data: bool
    sensitive_data: bool
    user_inputs: bool
    live: bool
    markets: bool

    @property
    def public(self) -> bool:
        """Offered to the general public."""
        return self.audience == "public"

    @property
    def minors_in(self) -> bool:
        """Minors may use the service or are its target."""
        return self.minors in ("allowed", "targeted")

    @property
    def codegen(self) -> bool:
        """The service writes code."""
        return "code" in self.outputs or "code" in self.caps


# Declaration fields relevance depends on most; the report names those left undeclared.
INPUTS = ("service.audience", "service.output_modalities", "service.capabilities", "model.origin")


def undeclared_inputs(decl: dict[str, Any]) -> list[str]:
    """The relevance inputs the declaration does not give (their signals cannot fire)."""
    return [f for f in INPUTS if _get(decl, *f.split(".")) is None]




def read_facts(decl: dict[str, Any]) -> Facts:
    """Extract the relevance facts from the declaration as dumped."""
    svc = decl.get("service") or {}
    model = decl.get("model") or {}
    training = _get(decl, "safeguards", "training_data") or {}
    bases = model.get("base_models") or []
    return Facts(
        outputs=frozenset(svc.get("output_modalities") or ()),
        caps=frozenset(svc.get("capabilities") or ()),
        channels=frozenset(svc.get("channels") or ()),
        audience=svc.get("audience"),
        public_sharing=bool(svc.get("user_publishing") or svc.get("public_opinion_or_mobilization")),
        minors=_get(svc, "users", "minors"),
        languages=len(svc.get("languages") or ()),
        origin=model.get("origin"),
        open_weights=bool(model.get("open_weights")),
        upstream_open=any(isinstance(b, dict) and b.get("open_weights") for b in bases),
        compute=float(model.get("training_compute_flop") or 0),
        personal_data=bool(training.get("personal_information")),
        sensitive_data=bool(training.get("sensitive_personal_information")),
        user_inputs=bool(training.get("uses_user_inputs")),
        live=svc.get("status") == "live",
        markets=bool(svc.get("markets")),
    )


if TYPE_CHECKING:
    Signal = tuple[str, int, Callable[[Facts], bool], str, str]

# (risk, weight, when, reason en, reason zh)
SIGNALS: tuple[Signal, ...] = (
    ("gai.confabulation", 2, lambda f: "text" in f.outputs, "generates text that users may take as fact", "生成的文本可能被用户当作事实"),
    ("gai.confabulation", 1, lambda f: bool(f.caps & {"dialogue", "search", "writing"}), "answers questions, searches or writes", "提供问答、搜索或写作"),
    ("gai.confabulation", 1, lambda f: f.public and "text" in f.outputs, "offered to the public", "面向公众提供"),
    ("gai.confabulation", 1, lambda f: f.codegen, "generates code that may call things that do not exist", "生成的代码可能引用不存在的接口"),
    ("gai.info_integrity", 2, lambda f: bool(f.outputs & MEDIA), "generates synthetic images, video or audio", "生成合成图像、视频或音频"),
    ("gai.info_integrity", 2, lambda f: bool(f.caps & LIKENESS_CAPS), "imitates real people's faces or voices (deepfakes)", "模仿真人面部或声音（深度伪造）"),
    ("gai.info_integrity", 2, lambda f: f.public and f.public_sharing, "output is published or shared at scale", "生成内容可被大规模发布或传播"),
    ("gai.info_integrity", 1, lambda f: f.public and "text" in f.outputs, "generates text for the public", "面向公众生成文本"),
    ("gai.obscene_content", 4, lambda f: bool(f.outputs & {"image", "video"} or f.caps & VISUAL_CAPS), "generates or edits images or video", "生成或编辑图像、视频"),
    ("gai.obscene_content", 2, lambda f: bool(f.caps & FACE_CAPS), "alters real faces (non-consensual intimate imagery)", "修改真人面部（未经同意的私密影像）"),
    ("gai.obscene_content", 1, lambda f: f.minors_in, "minors may use it", "未成年人可使用"),
    ("gai.obscene_content", 1, lambda f: "companion" in f.caps, "companion chat", "陪伴类对话"),
    ("gai.ip", 2, lambda f: bool(f.outputs & MEDIA or f.caps & (VISUAL_CAPS | {"music"})), "generates media that may reproduce protected works", "生成的媒体内容可能复制受保护作品"),
    ("gai.ip", 1, lambda f: f.codegen, "generates code (licences)", "生成代码（许可证问题）"),
    ("gai.ip", 1, lambda f: "writing" in f.caps, "writes long-form text", "撰写长文本"),
    ("gai.ip", 1, lambda f: f.origin in ("self_trained", "fine_tuned"), "trains or fine-tunes on collected data", "使用收集的数据训练或微调"),
    ("gai.dangerous_content", 2, lambda f: f.public, "offered to the public", "面向公众提供"),
    ("gai.dangerous_content", 1, lambda f: "companion" in f.caps or f.minors_in, "companion use or minors (self-harm advice)", "陪伴类使用或未成年人（自伤建议）"),
    ("gai.dangerous_content", 1, lambda f: "agent" in f.caps, "acts through tools", "通过工具执行操作"),
    ("gai.data_privacy", 2, lambda f: f.personal_data, "training data contains personal information", "训练数据含个人信息"),
    ("gai.data_privacy", 1, lambda f: f.sensitive_data, "training data contains sensitive personal information", "训练数据含敏感个人信息"),
    ("gai.data_privacy", 2, lambda f: f.user_inputs, "user inputs are used for training", "用户输入被用于训练"),
    ("gai.data_privacy", 2, lambda f: bool(f.caps & BIOMETRIC_CAPS), "processes faces, voices or other biometric data", "处理人脸、声音等生物识别数据"),
    ("gai.data_privacy", 1, lambda f: f.public and bool(f.caps & {"dialogue", "companion"}), "users confide personal details in conversation", "用户在对话中透露个人信息"),
    ("gai.harmful_bias", 3, lambda f: bool(f.caps & PEOPLE_CAPS), "scores, ranks or categorises people", "对人进行评分、排序或分类"),
    ("gai.harmful_bias", 1, lambda f: "recommendation" in f.caps, "recommends content", "推荐内容"),
    ("gai.harmful_bias", 1, lambda f: f.public, "serves a broad public", "服务广泛公众"),
    ("gai.harmful_bias", 1, lambda f: f.languages > 1, "works in several languages (uneven quality)", "支持多种语言（质量可能不均）"),
    ("gai.human_ai_config", 3, lambda f: bool(f.caps & {"companion", "digital_human"}), "human-like companion or persona", "拟人化陪伴或数字人"),
    ("gai.human_ai_config", 2, lambda f: f.minors_in, "minors may use it", "未成年人可使用"),
    ("gai.human_ai_config", 1, lambda f: "dialogue" in f.caps, "conversational interface", "对话式交互"),
    ("gai.human_ai_config", 1, lambda f: "agent" in f.caps, "acts for users (over-reliance)", "代替用户执行操作（过度依赖）"),
    ("gai.info_security", 2, lambda f: f.codegen, "generates code", "生成代码"),
    ("gai.info_security", 2, lambda f: "agent" in f.caps, "takes actions with tools (prompt injection)", "调用工具执行操作（提示注入）"),
    ("gai.info_security", 2, lambda f: f.open_weights, "its weights are published", "公开模型权重"),
    ("gai.info_security", 1, lambda f: bool(f.channels & {"api", "plugin"}), "reachable through an API or plugins", "通过 API 或插件提供"),
    ("gai.value_chain", 2, lambda f: f.origin in ("api_of_filed_model", "third_party_unfiled"), "built on a third party's model", "基于第三方模型构建"),
    ("gai.value_chain", 1, lambda f: f.origin == "third_party_unfiled", "the upstream model is not filed", "上游模型未备案"),
    ("gai.value_chain", 2, lambda f: f.origin == "fine_tuned", "fine-tunes an upstream model", "微调上游模型"),
    ("gai.value_chain", 2, lambda f: f.open_weights, "publishes weights that others build on", "公开的权重供他人二次开发"),
    ("gai.value_chain", 1, lambda f: f.upstream_open, "uses open-weight upstream models", "使用开放权重的上游模型"),
    ("gai.value_chain", 1, lambda f: "api" in f.channels, "others integrate it through the API", "他人通过 API 集成"),
    ("gai.environmental", 2, lambda f: f.origin == "self_trained", "trains its own model", "自行训练模型"),
    ("gai.environmental", 1, lambda f: f.compute >= 1e23, "large training run (≥ 1e23 FLOP)", "大规模训练（≥ 1e23 FLOP）"),
    ("gai.environmental", 1, lambda f: f.origin == "fine_tuned", "fine-tunes a model", "微调模型"),
    ("gai.cbrn", 2, lambda f: f.compute >= 1e25, "frontier-scale training compute (≥ 1e25 FLOP)", "前沿规模训练算力（≥ 1e25 FLOP）"),
    ("gai.cbrn", 1, lambda f: f.open_weights and f.compute >= 1e24, "large model with published weights", "公开权重的大模型"),
)

# Context boosts to single subcategories: (subcategory, weight, when, reason en, reason zh).
BOOSTS: tuple[Signal, ...] = (
    ("MEASURE-3.3", 3, lambda f: f.public, "the public needs a way to report problems and appeal", "公众需要反馈问题和申诉的渠道"),
    ("MAP-5.1", 2, lambda f: f.public, "public impacts and disclosure of AI use", "对公众的影响及告知使用了人工智能"),
    ("GOVERN-3.2", 2, lambda f: f.public or "agent" in f.caps, "acceptable use and human oversight roles", "可接受使用政策与人工监督职责"),
    ("MANAGE-4.1", 2, lambda f: f.live, "the service is live: post-deployment monitoring", "服务已上线：部署后监测"),
    ("MANAGE-4.3", 2, lambda f: f.live, "the service is live: incident handling", "服务已上线：事件处理"),
    ("GOVERN-1.1", 2, lambda f: f.markets, "offered in declared markets with their own laws", "在声明的市场提供，需遵守当地法律"),
    ("MANAGE-2.4", 1, lambda f: f.live, "a live service must be able to be switched off", "已上线服务须能够停用"),
)


def score_risks(facts: Facts, catalog: NistCatalog) -> dict[str, dict[str, Any]]:
    """Per GAI risk: score, level (high/medium/low/none) and the reasons, in catalog order."""
    out: dict[str, dict[str, Any]] = {r: {"score": 0, "reasons": []} for r in catalog.risks}
    for risk, weight, when, en, zh in SIGNALS:
        if when(facts):
            out[risk]["score"] += weight
            out[risk]["reasons"].append({"en": en, "zh": zh})
    for entry in out.values():
        s = entry["score"]
        entry["level"] = "high" if s >= HIGH else "medium" if s >= RELEVANT else "low" if s else "none"
    return out


def relevant_risks(scores: dict[str, dict[str, Any]]) -> list[str]:
    """Relevant risk ids, most relevant first (ties in catalog order)."""
    order = list(scores)
    hits = [r for r, e in scores.items() if e["score"] >= RELEVANT]
    return sorted(hits, key=lambda r: (-scores[r]["score"], order.index(r)))


def score_subcategories(
    facts: Facts, catalog: NistCatalog, scores: dict[str, dict[str, Any]], relevant: list[str]
) -> dict[str, dict[str, Any]]:
    """Per subcategory: relevance, the relevant risks keyed to it and the context reasons."""
    out: dict[str, dict[str, Any]] = {}
    for sid, sub in catalog.subcategories.items():
        risks = [r for r in relevant if r in sub.risks]
        actions = sum(1 for a in sub.actions if any(r in catalog.actions[a] for r in risks))
        out[sid] = {"relevance": sum(scores[r]["score"] for r in risks), "risks": risks, "actions": actions, "reasons": []}
    for sid, weight, when, en, zh in BOOSTS:
        if when(facts):
            out[sid]["relevance"] += weight
            out[sid]["reasons"].append({"en": en, "zh": zh})
    return out


def ranked(subs: dict[str, dict[str, Any]]) -> list[str]:
    """Subcategory ids by relevance, then by how many relevant AI 600-1 actions they carry."""
    order = list(subs)
    return sorted(subs, key=lambda s: (-subs[s]["relevance"], -subs[s]["actions"], order.index(s)))
