"""Prompt templates: files in the `prompts` package, loaded by name.

A prompt is `prompts/<name>.j2`: optional YAML front matter (name, version,
description), then a Jinja2 body. The body is either one template (it becomes
the user message) or defines `{% block system %}` and `{% block user %}`.
Rendering uses a sandboxed environment with StrictUndefined, so a missing
variable raises `PromptError` naming it. The format is documented in
prompts/README.md.

Files are read through importlib.resources, so a regular (non-editable)
install finds them inside the installed `prompts` package.
"""

from __future__ import annotations

import hashlib
import importlib.resources
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

from synth.errors import UserError

PACKAGE = "prompts"
SUFFIX = ".j2"
_FRONT = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*\r?\n", re.S)
_NAME = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.-]*$")


class PromptError(UserError):
    """A prompt file that is missing, malformed, or rendered without a variable it needs."""


class FrontMatter(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str = ""
    version: str = "1"
    description: str = ""


@dataclass(frozen=True)
class Rendered:
    """One rendered prompt: what is sent, and where it came from."""

    name: str
    version: str
    system: str
    user: str

    def messages(self, preamble: str = "") -> list[dict[str, str]]:
        system = "\n\n".join(p for p in (preamble.strip(), self.system.strip()) if p)
        out = [{"role": "system", "content": system}] if system else []
        out.append({"role": "user", "content": self.user.strip()})
        return out


@dataclass(frozen=True)
class Prompt:
    name: str
    version: str
    """The declared version plus a hash of the file, so any edit changes it."""
    description: str
    source: str

    def render(self, variables: dict[str, Any]) -> Rendered:
        import jinja2

        env = _environment()
        try:
            template = env.from_string(self.source)
            if "user" in template.blocks:
                ctx = template.new_context(dict(variables))
                user = "".join(template.blocks["user"](ctx))
                system = "".join(template.blocks["system"](ctx)) if "system" in template.blocks else ""
            else:
                user, system = template.render(**variables), ""
        except jinja2.UndefinedError as exc:
            raise PromptError(f"prompt {self.name!r} needs a variable: {exc.message}") from None
        except jinja2.TemplateError as exc:
            raise PromptError(f"prompt {self.name!r} does not render: {exc}") from None
        return Rendered(self.name, self.version, system, user)


@lru_cache(maxsize=1)
def _environment() -> Any:
    from jinja2 import StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment

    from synth.llm.datablock import data_block

    env = SandboxedEnvironment(undefined=StrictUndefined, keep_trailing_newline=False, autoescape=False)

    # In templates the text comes first, so the function and the filter read alike:
    # {{ data_block(transcript, "transcript") }} == {{ transcript | data_block("transcript") }}
    def block(text: Any, name: str = "data", **attrs: Any) -> str:
        return data_block(name, str(text), **attrs)

    env.globals["data_block"] = block
    env.filters["data_block"] = block
    return env


def available() -> list[str]:
    root = importlib.resources.files(PACKAGE)
    return sorted(p.name[: -len(SUFFIX)] for p in root.iterdir() if p.name.endswith(SUFFIX))


def load(name: str) -> Prompt:
    if not _NAME.match(name):
        raise PromptError(f"not a prompt name: {name!r}")
    return _load(name)


@lru_cache(maxsize=128)
def _load(name: str) -> Prompt:
    resource = importlib.resources.files(PACKAGE).joinpath(name + SUFFIX)
    if not resource.is_file():
        raise PromptError(f"no prompt {name!r} (looked for prompts/{name}{SUFFIX})")
    text = resource.read_text(encoding="utf-8")
    meta = FrontMatter()
    body = text
    match = _FRONT.match(text)
    if match:
        try:
            raw = yaml.safe_load(match.group(1)) or {}
            meta = FrontMatter.model_validate({k: str(v) for k, v in dict(raw).items()})
        except (yaml.YAMLError, ValidationError, TypeError, ValueError) as exc:
            raise PromptError(f"prompt {name!r} has bad front matter: {str(exc).splitlines()[0]}") from None
        body = text[match.end() :]
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]
    return Prompt(name=name, version=f"{meta.version}+{digest}", description=meta.description, source=body)


def render(name: str, variables: dict[str, Any]) -> Rendered:
    return load(name).render(variables)
