"""Guide: pick hypotheses, generate a guide, edit questions with the linter's flags inline, save."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, OptionList, SelectionList, Static
from textual.widgets.option_list import Option

from tui.features import available, not_available
from tui.messages import JobDone, Loaded
from tui.screens.base import SynthScreen
from tui.widgets.dialogs import PickDialog


def flags_text(flags: list[Any]) -> Text:
    if not flags:
        return Text("✓ no flags", style="green")
    out = Text()
    for f in flags:
        out.append(f"⚑ {f.rule}: ", style="bold yellow")
        out.append(f.why)
        if f.suggestion:
            out.append(f"\n   try: {f.suggestion}", style="dim")
        out.append("\n")
    return out


class GuideScreen(SynthScreen):
    KEY = "guide"
    BINDINGS = [  # noqa: RUF012
        Binding("g", "generate", "Generate", id="guide.generate"),
        Binding("ctrl+s", "save", "Save guide", id="guide.save"),
        Binding("ctrl+e", "edit_question", "Edit question", id="guide.edit"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.guide: Any = None
        self.position: tuple[int, int] | None = None

    def compose_body(self) -> ComposeResult:
        with Horizontal(id="guide-body"):
            yield SelectionList[str](id="guide-hypotheses")
            with Vertical(id="guide-right"):
                yield OptionList(id="guide-questions")
                yield Input(placeholder="Edit the selected question (enter)", id="question-edit")
                yield Static(id="lint-flags")

    def reload(self) -> None:
        hyps = self.guard(self.ws.hypotheses) or []
        sel = self.query_one("#guide-hypotheses", SelectionList)
        chosen = set(sel.selected)
        sel.clear_options()
        for h in hyps:
            sel.add_option((Text(f"{h.id} {h.statement}"), h.id, h.id in chosen))
        if sel.option_count:
            sel.highlighted = 0
        self.show_guide()

    @on(SelectionList.SelectionHighlighted, "#guide-hypotheses")
    def hypothesis_highlighted(self, event: SelectionList.SelectionHighlighted[str]) -> None:
        # The list cuts long statements; the status line shows the whole one.
        prompt = event.selection.prompt
        self.status(prompt.plain if isinstance(prompt, Text) else str(prompt))

    def action_generate(self) -> None:
        if not available("synth.guide"):
            self.status(not_available("Guide generation", "synth.guide"))
            self.notify(not_available("Guide generation", "synth.guide"), severity="warning", markup=False)
            return
        ids = list(self.query_one("#guide-hypotheses", SelectionList).selected)
        if not ids:
            # Never a silent default: ask which hypotheses the guide should cover.
            hyps = self.guard(self.ws.hypotheses) or []
            if not hyps:
                self.notify("Add a hypothesis first (screen 2, a).", severity="warning")
                return
            choices = [(h.id, f"{h.id} {h.statement}") for h in hyps]
            dialog = PickDialog("Which hypotheses should the guide cover?", choices)
            self.app.push_screen(dialog, self._picked)
            return
        self.start_generation(ids)

    def _picked(self, ids: list[str] | None) -> None:
        if not ids:
            self.status("no guide generated: no hypothesis chosen")
            return
        picker = self.query_one("#guide-hypotheses", SelectionList)
        for hid in ids:
            picker.select(hid)
        self.start_generation(ids)

    def start_generation(self, ids: list[str]) -> None:
        self.status(f"generating a guide for {', '.join(ids)}…")
        self.generate(ids)

    @work(thread=True, exclusive=True, exit_on_error=False, group="guide")
    def generate(self, ids: list[str]) -> None:
        from synth.guide import generate_guide
        from tui.llm import action_session

        with action_session(self.ws) as session:
            guide = generate_guide(self.ws, ids)
        self.post_message(Loaded("guide", guide))
        if spent := session.spend_line():
            self.app.call_from_thread(self.synth_app.notify, spent, markup=False)

    @on(Loaded)
    def guide_ready(self, event: Loaded) -> None:
        if event.what == "guide":
            self.guide = event.data
            self.show_guide()
            self.status(f"guide {self.guide.title!r}: select a question to edit it, ctrl+s saves")

    def show_guide(self) -> None:
        questions = self.query_one("#guide-questions", OptionList)
        questions.clear_options()
        if self.guide is None:
            questions.add_option(Option(Text("Select hypotheses (space), then press g to generate a guide.", style="dim"), disabled=True))
            return
        for si, section in enumerate(self.guide.sections):
            heading = Text(f"{section.hypothesis_id}: {section.hypothesis}", style="bold")
            if section.counts_against:
                heading.append(f"\n  counts against: {section.counts_against}", style="dim italic")
            questions.add_option(Option(heading, disabled=True))
            for qi, q in enumerate(section.questions):
                mark = Text("⚑ ", style="yellow") if q.flags else Text("  ")
                questions.add_option(Option(Text.assemble(mark, Text(q.text)), id=f"{si}:{qi}"))

    @on(OptionList.OptionSelected, "#guide-questions")
    def question_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id is None or self.guide is None:
            return
        editor = self.query_one("#question-edit", Input)
        self.keep_typed(editor.value)
        si, qi = (int(x) for x in event.option.id.split(":"))
        self.position = (si, qi)
        editor.value = self.guide.sections[si].questions[qi].text
        editor.focus()

    def keep_typed(self, typed: str) -> None:
        """Text typed into the editor is never thrown away: it is saved to its question before another opens."""
        if self.guide is None or not typed.strip():
            return
        if self.position is None:
            self.add_question(typed)
            return
        si, qi = self.position
        if self.guide.sections[si].questions[qi].text != typed:
            self.set_question(si, qi, typed)

    def add_question(self, text: str) -> None:
        """A question typed with none selected joins the last section, flagged like any other."""
        from synth.guide import lint_question
        from synth.models import GuideQuestion

        assert self.guide is not None
        si = len(self.guide.sections) - 1
        section = self.guide.sections[si]
        q = GuideQuestion(text=text, flags=lint_question(text))
        sections = list(self.guide.sections)
        sections[si] = section.model_copy(update={"questions": [*section.questions, q]})
        self.guide = self.guide.model_copy(update={"sections": sections})
        self.position = (si, len(section.questions))
        self.show_guide()
        self.status(f"added as a new question under {section.hypothesis_id}; ctrl+s saves the guide")

    def leave_field_target(self) -> OptionList:
        return self.query_one("#guide-questions", OptionList)

    def action_edit_question(self) -> None:
        self.query_one("#question-edit", Input).focus()

    @on(Input.Changed, "#question-edit")
    def lint(self, event: Input.Changed) -> None:
        from synth.guide import lint_question

        flags = self.guard(lint_question, event.value) if event.value.strip() else []
        self.query_one("#lint-flags", Static).update(flags_text(flags or []))

    @on(Input.Submitted, "#question-edit")
    def question_edited(self, event: Input.Submitted) -> None:
        if not event.value.strip():
            return
        if self.guide is None:
            # Nothing to put it in yet: keep the text where it is and say what to do.
            self.notify("Generate a guide first (g); your text stays in the box.", severity="warning")
            return
        if self.position is None:
            self.add_question(event.value)
            self.query_one("#guide-questions").focus()
            return
        si, qi = self.position
        self.set_question(si, qi, event.value)
        self.query_one("#guide-questions").focus()

    def set_question(self, si: int, qi: int, text: str) -> None:
        from synth.guide import lint_question

        assert self.guide is not None
        section = self.guide.sections[si]
        q = section.questions[qi].model_copy(update={"text": text, "flags": lint_question(text)})
        questions = [q if i == qi else old for i, old in enumerate(section.questions)]
        sections = list(self.guide.sections)
        sections[si] = section.model_copy(update={"questions": questions})
        self.guide = self.guide.model_copy(update={"sections": sections})
        self.show_guide()

    def action_save(self) -> None:
        if self.guide is not None:
            self.keep_typed(self.query_one("#question-edit", Input).value)
        if self.guide is None:
            self.notify("Generate a guide first (g).", severity="warning")
            return
        self.save(self.guide)

    @work(thread=True, exclusive=True, exit_on_error=False, group="guide")
    def save(self, guide: Any) -> None:
        from synth.guide import save_guide

        path = save_guide(self.ws, guide)
        self.post_message(JobDone("guide", f"saved {path.relative_to(self.ws.root)}"))

    @on(JobDone)
    def saved(self, event: JobDone) -> None:
        self.notify(event.summary, markup=False)
        self.status(event.summary)
