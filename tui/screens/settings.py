"""Settings and doctor: the provider, model, embedding and index, and what `synth doctor` says."""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from tui.messages import Loaded
from tui.screens.base import SynthScreen


class SettingsScreen(SynthScreen):
    KEY = "settings"
    BINDINGS = [Binding("d", "doctor", "Run doctor", id="settings.doctor")]  # noqa: RUF012

    def compose_body(self) -> ComposeResult:
        with VerticalScroll():
            yield Static(id="settings-config", classes="box")
            yield Static(Text("Doctor", style="bold"), classes="heading")
            yield Static(Text("Press d to check the provider, embeddings and index.", style="dim"), id="doctor")

    def reload(self) -> None:
        cfg = self.guard(lambda: self.ws.config)
        if cfg is None:
            return
        rows: list[tuple[str, str]] = [
            ("Workspace", cfg.name),
            ("LLM provider", cfg.llm.provider),
            ("API key variable", cfg.llm.api_key_env),
            ("Max cost", "none" if cfg.llm.max_cost is None else f"${cfg.llm.max_cost:.2f}"),
            ("Redaction", "on" if cfg.llm.redact else "off"),
            ("Embedding model", cfg.embedding.model),
            ("Index", cfg.index.url or "embedded (.synth/)"),
            ("Chunk tokens", str(cfg.index.chunk_tokens)),
        ]
        text = Text()
        for label, value in rows:
            text.append(f"{label:<18}", style="bold")
            text.append(value + "\n")
        text.append("Edit synth.toml to change these; SYNTH_LLM, SYNTH_EMBEDDING and SYNTH_CHROMA_URL override it.", style="dim")
        self.query_one("#settings-config", Static).update(text)

    def action_doctor(self) -> None:
        self.query_one("#doctor", Static).update(Text("checking…", style="dim"))
        self.run_doctor()

    @work(thread=True, exclusive=True, exit_on_error=False, group="doctor")
    def run_doctor(self) -> None:
        from synth.llm.doctor import run_checks

        self.post_message(Loaded("doctor", run_checks(self.ws)))

    @on(Loaded)
    def doctor_done(self, event: Loaded) -> None:
        if event.what != "doctor":
            return
        text = Text()
        for check in event.data:
            mark, style = ("ok  ", "green") if check.ok else ("FAIL", "bold red")
            text.append(f"{mark} ", style=style)
            text.append(f"{check.name:<16}", style="bold")
            text.append(check.detail + "\n")
        if not all(c.ok for c in event.data):
            text.append("Some checks failed; see the lines marked FAIL.", style="yellow")
        self.query_one("#doctor", Static).update(text or Text("no checks ran"))
