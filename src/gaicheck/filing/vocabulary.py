"""Every word the filing package shows for a declared code: the one mapping module (issue 17).

Declarations and reports speak in codes (``fine_tuned``, ``legal_representative``, ``valid``);
documents a reviewer reads speak Chinese. The checklist, the drafts and the bundle's summary take
their words from here, so a status is called the same thing everywhere.
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (start-up time, issue 16)
if TYPE_CHECKING:
    from typing import Any, Iterable, Optional


CN_PATH_NAMES: dict[Optional[str], tuple[str, str]] = {
    "filing": ("大模型备案", "large-model filing"),
    "registration": ("登记", "registration"),
    "none": ("无需备案或登记", "neither filing nor registration"),
    "undetermined": ("未确定", "undetermined"),
    None: ("未确定", "undetermined"),
}
REQUIRED_WORDS: dict[Optional[bool], tuple[str, str]] = {True: ("是", "yes"), False: ("否", "no"), None: ("待定", "unknown")}

# Checklist statuses: documents (report documents[].status) and EU duties.
STATUS_WORDS: dict[str, tuple[str, str]] = {
    "valid": ("有效", "valid"),
    "invalid": ("无效", "invalid"),
    "missing": ("缺失", "missing"),
    "not_required": ("无需提交", "not required"),
    "to_prepare": ("待准备", "to prepare"),
    "to_confirm": ("待确认", "to confirm"),
}
SECTION_WORDS: dict[str, tuple[str, str]] = {"CN": ("中国", "China"), "EU": ("欧盟", "EU"), "NIST": ("NIST", "NIST")}
FINDING_WORDS: dict[str, tuple[str, str]] = {
    "pass": ("通过", "pass"), "fail": ("未通过", "fail"), "manual": ("待确认", "manual"),
    "waived": ("已豁免", "waived"), "not_applicable": ("不适用", "not applicable"),
}

ZH: dict[str, dict[str, str]] = {
    "audience": {"public": "社会公众", "business": "企业用户", "internal": "内部使用", "research": "科研用途"},
    "status": {"planned": "拟上线", "live": "已上线"},
    "origin": {
        "self_trained": "自主训练", "fine_tuned": "基于基础模型微调",
        "api_of_filed_model": "调用已备案模型", "third_party_unfiled": "第三方未备案模型",
    },
    "channel": {"web": "网页", "app": "移动应用（App）", "mini_program": "小程序", "api": "应用程序接口（API）",
                "on_premise": "本地部署", "device": "终端设备", "plugin": "插件"},
    "modality": {"text": "文本", "image": "图片", "audio": "音频", "video": "视频", "3d": "三维",
                 "code": "代码", "virtual_scene": "虚拟场景"},
    "minors": {"excluded": "不面向未成年人", "allowed": "允许未成年人使用", "targeted": "面向未成年人"},
    "capability": {
        "dialogue": "智能对话", "writing": "智能写作", "code": "代码生成", "search": "搜索问答", "recommendation": "推荐",
        "text_to_image": "文生图", "image_editing": "图像编辑", "face_generation": "人脸生成", "face_swap": "人脸替换",
        "face_manipulation": "人脸操控", "voice_synthesis": "语音合成", "voice_cloning": "声音克隆", "music": "音乐生成",
        "video_generation": "视频生成", "virtual_scene": "虚拟场景", "digital_human": "数字人", "companion": "陪伴",
        "emotion_recognition": "情绪识别", "biometric_categorisation": "生物特征分类",
        "biometric_identification": "生物特征识别", "scoring_or_ranking_people": "对人评分或排序", "agent": "智能体",
    },
    "language": {"zh": "中文", "en": "英文", "ja": "日文", "ko": "韩文", "fr": "法文", "de": "德文", "es": "西班牙文",
                 "ru": "俄文", "ar": "阿拉伯文", "pt": "葡萄牙文", "ug": "维吾尔文", "bo": "藏文", "mn": "蒙古文"},
    "licence": {"proprietary": "专有（不对外许可）", "open": "开源许可", "open_weights": "开放权重"},
    "role": {"provider": "服务提供者", "technical_supporter": "技术支持者"},
    "performed_by": {"self": "自行评估", "third_party": "委托第三方机构评估"},
    "signatory": {"legal_representative": "法定代表人", "assessment_lead": "评估工作总体负责人",
                  "legality_lead": "合法性评估负责人"},
    "source_kind": {"open_source": "开源数据", "self_collected": "自采数据", "commercial": "商业采购",
                    "user_inputs": "用户输入"},
    "audio_label": {"spoken": "语音提示", "rhythm": "“短长短短”节奏提示", "interface": "交互界面常驻提示", "none": "无"},
    "market": {"CN": "中国境内", "EU": "欧盟", "US": "美国", "GB": "英国", "HK": "中国香港", "MO": "中国澳门",
               "TW": "中国台湾", "JP": "日本", "KR": "韩国", "SG": "新加坡"},
}

# The six function categories of the filing form (cn.md §6), from capabilities and output modalities.
FUNCTION_CATEGORIES: tuple[tuple[str, frozenset[str], frozenset[str]], ...] = (
    ("人机对话", frozenset({"dialogue", "companion", "agent", "search", "digital_human"}), frozenset()),
    ("文字生成", frozenset({"writing"}), frozenset({"text"})),
    ("图片生成", frozenset({"text_to_image", "image_editing", "face_generation", "face_swap", "face_manipulation"}),
     frozenset({"image"})),
    ("声音合成", frozenset({"voice_synthesis", "voice_cloning", "music"}), frozenset({"audio"})),
    ("视频合成", frozenset({"video_generation", "digital_human"}), frozenset({"video"})),
    ("代码生成", frozenset({"code"}), frozenset({"code"})),
)


def function_categories(capabilities: Optional[Iterable[str]], outputs: Optional[Iterable[str]]) -> Optional[
        list[tuple[bool, str]]]:
    """``[(ticked, category)]`` for the six categories, or None when neither list is declared."""
    if capabilities is None and outputs is None:
        return None
    caps, outs = set(capabilities or ()), set(outputs or ())
    return [(bool(caps & c or outs & o), name) for name, c, o in FUNCTION_CATEGORIES]


def word(kind: str, code: Any) -> str:
    """The Chinese word for ``code`` of ``kind`` (the code itself when the table has none)."""
    return ZH.get(kind, {}).get(str(code), str(code))


def words(kind: str, codes: Iterable[Any]) -> str:
    """Codes as Chinese words joined with 、."""
    return "、".join(word(kind, c) for c in codes)


def status_word(status: str, lang: str) -> str:
    """A checklist status in ``lang`` (zh or en)."""
    zh, en = STATUS_WORDS.get(status, (status, status))
    return zh if lang == "zh" else en


def required_word(required: Optional[bool], lang: str) -> str:
    """是 / 否 / 待定 (or yes / no / unknown)."""
    zh, en = REQUIRED_WORDS[required]
    return zh if lang == "zh" else en


def section_word(section: str, lang: str) -> str:
    """中国 / 欧盟 (or China / EU)."""
    zh, en = SECTION_WORDS.get(section, (section, section))
    return zh if lang == "zh" else en


def route_word(route: Optional[str], lang: str = "zh") -> str:
    """The China route in ``lang``."""
    zh, en = CN_PATH_NAMES.get(route, (str(route), str(route)))
    return zh if lang == "zh" else en
