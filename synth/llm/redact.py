"""Mask e-mail addresses, phone numbers and known names before text leaves the machine.

Placeholders are stable within one call (`<EMAIL_1>`, `<PHONE_1>`, `<NAME_2>`):
the same value always gets the same placeholder, so the model can still tell
people apart, and the answer is mapped back by walking its strings.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from pydantic import BaseModel

EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
# International or national numbers: 7+ digits with the usual separators, not dates or prices.
PHONE = re.compile(r"(?<![\w/.-])(?:\+\d{1,3}[\s.-]?)?(?:\(\d{1,4}\)[\s.-]?)?\d{2,4}(?:[\s.-]\d{2,4}){1,4}(?![\w/-])")
_PLACEHOLDER = re.compile(r"<(EMAIL|PHONE|NAME)_(\d+)>")


class Redactor:
    def __init__(self, names: Iterable[str] = ()) -> None:
        cleaned = sorted({n.strip() for n in names if n and n.strip()}, key=len, reverse=True)
        self._names = (
            re.compile(r"(?<!\w)(" + "|".join(re.escape(n) for n in cleaned) + r")(?!\w)", re.I) if cleaned else None
        )
        self.forward: dict[str, str] = {}
        self.back: dict[str, str] = {}
        self._counts: dict[str, int] = {}

    def _placeholder(self, kind: str, value: str) -> str:
        key = f"{kind}:{value.lower()}" if kind == "NAME" else f"{kind}:{value}"
        if key not in self.forward:
            self._counts[kind] = self._counts.get(kind, 0) + 1
            ph = f"<{kind}_{self._counts[kind]}>"
            self.forward[key] = ph
            self.back[ph] = value
        return self.forward[key]

    def redact(self, text: str) -> str:
        text = EMAIL.sub(lambda m: self._placeholder("EMAIL", m.group(0)), text)
        text = PHONE.sub(lambda m: self._phone(m.group(0)), text)
        if self._names is not None:
            text = self._names.sub(lambda m: self._placeholder("NAME", m.group(0)), text)
        return text

    def _phone(self, value: str) -> str:
        digits = sum(c.isdigit() for c in value)
        return self._placeholder("PHONE", value) if 7 <= digits <= 15 else value

    def redact_messages(self, messages: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return [{**m, "content": self.redact(m["content"])} if isinstance(m.get("content"), str) else m for m in messages]

    def restore(self, text: str) -> str:
        if not self.back:
            return text
        return _PLACEHOLDER.sub(lambda m: self.back.get(m.group(0), m.group(0)), text)

    def restore_data(self, data: Any) -> Any:
        """Map placeholders back in any JSON-like value (dicts, lists, strings)."""
        if isinstance(data, str):
            return self.restore(data)
        if isinstance(data, dict):
            return {k: self.restore_data(v) for k, v in data.items()}
        if isinstance(data, list):
            return [self.restore_data(v) for v in data]
        return data

    def restore_model(self, obj: BaseModel) -> None:
        """Map placeholders back in place, in every string field of a pydantic object."""
        for name in type(obj).model_fields:
            setattr_value = self._restore_value(getattr(obj, name))
            object.__setattr__(obj, name, setattr_value)

    def _restore_value(self, value: Any) -> Any:
        if isinstance(value, str):
            return self.restore(value)
        if isinstance(value, BaseModel):
            self.restore_model(value)
            return value
        if isinstance(value, list):
            return [self._restore_value(v) for v in value]
        if isinstance(value, tuple):
            return tuple(self._restore_value(v) for v in value)
        if isinstance(value, dict):
            return {k: self._restore_value(v) for k, v in value.items()}
        return value


def restoring_model(model: type[BaseModel], redactor: Redactor) -> type[BaseModel]:
    """A subclass of `model` that maps placeholders back BEFORE the model's own validators run.

    Validators that check quotes against the real transcript then see real text;
    and a validation error (which becomes the re-ask message) is redacted again
    so the re-ask never carries what was masked.
    """
    from pydantic import ValidationError, create_model, model_validator

    def _restore(cls: type[BaseModel], data: Any, handler: Any) -> Any:
        try:
            return handler(redactor.restore_data(data))
        except ValidationError as exc:
            raise ValueError(redactor.redact(_error_text(exc))) from None

    validators: dict[str, Any] = {"_synth_restore": model_validator(mode="wrap")(_restore)}
    sub: type[BaseModel] = create_model(model.__name__, __base__=model, __validators__=validators)
    sub.__doc__ = model.__doc__
    sub.__qualname__ = model.__qualname__
    return sub


def _error_text(exc: Any) -> str:
    lines = []
    for err in exc.errors():
        where = ".".join(str(p) for p in err.get("loc", ()))
        lines.append(f"{where}: {err.get('msg', '')}" if where else str(err.get("msg", "")))
    return "\n".join(lines)
