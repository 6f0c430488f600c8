"""Declarative, three-valued rule conditions (no eval).

A condition compiles to ``Cond``: a function of a ``Context`` returning ``True``, ``False`` or
``None`` (unknown: a fact it needs is missing; the context records which). ``all`` is false if any
part is false, else unknown if any is; ``any`` mirrors it; ``not`` keeps unknown.
"""

from __future__ import annotations

import datetime as dt
import re

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (start-up time, issue 16)
if TYPE_CHECKING:
    from typing import Any, Callable, Optional
    Tri = Optional[bool]
    Cond = Callable[["Context"], Tri]


_MISSING = object()


class Context:
    """The facts one rule evaluation reads, plus the unknown fields it met."""

    __slots__ = ("facts", "params", "unknown", "as_of", "item")

    def __init__(self, facts: dict[str, Any], params: dict[str, Any], as_of: dt.date) -> None:
        self.facts = facts
        self.params = params
        self.as_of = as_of
        self.unknown: list[str] = []
        self.item: Any = _MISSING

    def get(self, path: tuple[str, ...]) -> Any:
        """Value at a split dotted path; ``None`` when absent."""
        node: Any
        if path[0] == "item" and self.item is not _MISSING:
            node, rest = self.item, path[1:]
        else:
            node, rest = self.facts, path
        for part in rest:
            if isinstance(node, dict):
                node = node.get(part)
            elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
                node = node[int(part)]
            else:
                return None
            if node is None:
                return None
        return node


def _empty(v: Any) -> bool:
    return v is None or v == "" or (isinstance(v, (list, dict, tuple, set)) and not v)


def _as_list(v: Any) -> list[Any]:
    return list(v) if isinstance(v, (list, tuple, set)) else [v]


def _cmp_ok(a: Any, b: Any) -> bool:
    if isinstance(a, bool) or isinstance(b, bool):
        return False
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return True
    return isinstance(a, dt.date) and isinstance(b, dt.date)


def _binop(fn: Callable[[Any, Any], bool]) -> Callable[[Any, Any], Tri]:
    def op(v: Any, arg: Any) -> Tri:
        if v is None or arg is None:
            return None
        return fn(v, arg)

    return op


def _ordered(fn: Callable[[Any, Any], bool]) -> Callable[[Any, Any], Tri]:
    def op(v: Any, arg: Any) -> Tri:
        if v is None or arg is None:
            return None
        if not _cmp_ok(v, arg):
            return False
        return fn(v, arg)

    return op


def _each_key_gte(v: Any, arg: Any) -> Tri:
    if v is None:
        return None
    if not isinstance(v, dict):
        return False
    floor = arg["min"]
    return all((v.get(k) or 0) >= floor for k in arg["keys"])


def _truthy(v: Any, arg: Any) -> Tri:
    if v is None:
        return None
    return bool(v) is bool(arg)


# Leaf operators: (value of field, resolved argument) -> Tri. ``present`` is handled apart
# because it is never unknown.
PREDICATES: dict[str, Callable[[Any, Any], Tri]] = {
    "equals": _binop(lambda v, a: v == a),
    "not_equals": _binop(lambda v, a: v != a),
    "in": _binop(lambda v, a: v in _as_list(a)),
    "not_in": _binop(lambda v, a: v not in _as_list(a)),
    "truthy": _truthy,
    "contains": _binop(lambda v, a: a in _as_list(v)),
    "contains_any": _binop(lambda v, a: any(x in _as_list(v) for x in _as_list(a))),
    "contains_all": _binop(lambda v, a: all(x in _as_list(v) for x in _as_list(a))),
    "subset_of": _binop(lambda v, a: all(x in _as_list(a) for x in _as_list(v))),
    "gte": _ordered(lambda v, a: v >= a),
    "lte": _ordered(lambda v, a: v <= a),
    "gt": _ordered(lambda v, a: v > a),
    "lt": _ordered(lambda v, a: v < a),
    "min_items": _binop(lambda v, a: len(_as_list(v)) >= a),
    "matches": _binop(lambda v, a: isinstance(v, str) and re.search(a, v) is not None),
    "each_key_gte": _each_key_gte,
}
LEAF_OPS = frozenset(PREDICATES) | {"present", "all_items"}


class ConditionError(ValueError):
    """A malformed condition; ``path`` is the key path inside the condition."""

    def __init__(self, message: str, path: tuple[Any, ...]) -> None:
        super().__init__(message)
        self.path = path


def _resolve_arg(arg: Any, path: tuple[Any, ...]) -> Callable[[Context], Any]:
    if isinstance(arg, dict) and len(arg) == 1:
        (kind, val), = arg.items()
        if kind == "param":
            name = str(val)
            return lambda ctx: ctx.params.get(name)
        if kind == "ref":
            ref = tuple(str(val).split("."))
            return lambda ctx: ctx.get(ref)
        if kind == "as_of":
            return lambda ctx: ctx.as_of
        if kind in ("keys", "min"):
            pass
        else:
            raise ConditionError(f"unknown argument form {kind!r} (use param, ref or as_of)", path)
    if isinstance(arg, dict) and set(arg) == {"keys", "min"}:
        min_fn = _resolve_arg(arg["min"], path + ("min",))
        keys = list(arg["keys"])
        return lambda ctx: {"keys": keys, "min": min_fn(ctx)}
    return lambda ctx: arg


def compile_condition(obj: Any, path: tuple[Any, ...] = ()) -> Cond:
    """Compile a condition mapping into a ``Cond``; raise ``ConditionError`` if malformed."""
    if not isinstance(obj, dict) or not obj:
        raise ConditionError("a condition must be a non-empty mapping", path)
    keys = set(obj)
    if keys == {"all"} or keys == {"any"}:
        (kind, parts), = obj.items()
        if not isinstance(parts, list) or not parts:
            raise ConditionError(f"'{kind}' takes a non-empty list of conditions", path + (kind,))
        subs = [compile_condition(p, path + (kind, i)) for i, p in enumerate(parts)]
        return _all(subs) if kind == "all" else _any(subs)
    if keys == {"not"}:
        sub = compile_condition(obj["not"], path + ("not",))

        def neg(ctx: Context) -> Tri:
            r = sub(ctx)
            return None if r is None else not r

        return neg
    if "field" not in obj:
        raise ConditionError(f"unknown condition keys {sorted(map(str, keys))}; expected all/any/not or field", path)
    field = obj["field"]
    if not isinstance(field, str) or not re.fullmatch(r"[A-Za-z_][\w-]*(\.[\w.-]+)*", field):
        raise ConditionError("'field' must be a dotted path", path + ("field",))
    ops = keys - {"field"}
    if len(ops) != 1:
        raise ConditionError(f"a field condition needs exactly one operator, got {sorted(map(str, ops))}", path)
    (op,) = ops
    if op not in LEAF_OPS:
        raise ConditionError(f"unknown operator {op!r}; known: {', '.join(sorted(LEAF_OPS))}", path + (op,))
    fpath = tuple(field.split("."))
    if op == "present":
        want = bool(obj[op])
        return lambda ctx: (not _empty(ctx.get(fpath))) is want
    if op == "all_items":
        inner = compile_condition(obj[op], path + (op,))
        return _all_items(fpath, field, inner)
    fn = PREDICATES[op]
    arg_fn = _resolve_arg(obj[op], path + (op,))

    def leaf(ctx: Context) -> Tri:
        value = ctx.get(fpath)
        result = fn(value, arg_fn(ctx))
        if result is None:
            ctx.unknown.append(field if value is None else f"{field} ({op} argument)")
        return result

    return leaf


def _all(subs: list[Cond]) -> Cond:
    def run(ctx: Context) -> Tri:
        unknown = False
        for s in subs:
            r = s(ctx)
            if r is False:
                return False
            if r is None:
                unknown = True
        return None if unknown else True

    return run


def _any(subs: list[Cond]) -> Cond:
    def run(ctx: Context) -> Tri:
        unknown = False
        for s in subs:
            r = s(ctx)
            if r is True:
                return True
            if r is None:
                unknown = True
        return None if unknown else False

    return run


def _all_items(fpath: tuple[str, ...], field: str, inner: Cond) -> Cond:
    def run(ctx: Context) -> Tri:
        items = ctx.get(fpath)
        if items is None:
            ctx.unknown.append(field)
            return None
        saved = ctx.item
        unknown = False
        try:
            for i, item in enumerate(_as_list(items)):
                ctx.item = item
                before = len(ctx.unknown)
                r = inner(ctx)
                # Name the item, not the generic ``item.`` path, in what is missing.
                ctx.unknown[before:] = [u.replace("item.", f"{field}.{i}.", 1) for u in ctx.unknown[before:]]
                if r is False:
                    return False
                if r is None:
                    unknown = True
        finally:
            ctx.item = saved
        return None if unknown else True

    return run
