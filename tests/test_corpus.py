"""The packaged corpus: the demo workspace loads, and every eval case's gold is sound.

Gold quotes are checked twice: against the file as written (inside one line,
cue, segment or paragraph, so a reader can find them) and against the parsed
`Interview` (inside one participant turn, never the interviewer's), which is
what `synth eval` aligns them with.
"""

from __future__ import annotations

import json
import re
import shutil
from collections import Counter
from datetime import date
from pathlib import Path

import pytest
import yaml

from synth.config import load_config
from synth.evaluate import Gold
from synth.models import Interview, InterviewMeta, Role
from synth.parsing import build_interview, parse_bytes
from synth.workspace import Workspace

CORPUS = Path(__file__).parents[1] / "corpus"
DEMO = CORPUS / "demo"
TRANSCRIPTS = DEMO / "transcripts"
EVAL = CORPUS / "eval"

STRATEGY_SECTIONS = [
    "North Star",
    "Customer and problem",
    "Hypotheses",
    "What we learned",
    "What changes",
    "Open questions",
    "Next experiments",
]
KINDS = {
    "pain",
    "behaviour",
    "workaround",
    "need",
    "objection",
    "willingness_to_pay",
    "feature_request",
    "quote_worthy",
}
STANCES = {"supports", "contradicts", "neutral"}

pytestmark = pytest.mark.skipif(not DEMO.is_dir(), reason="corpus not present")


def demo_files() -> list[Path]:
    if not TRANSCRIPTS.is_dir():
        return []
    return sorted(p for p in TRANSCRIPTS.iterdir() if p.is_file() and p.name != "metadata.yaml")


def eval_cases() -> list[Path]:
    """Every case in the splits (`tune/`, `test/`): tuning only ever looks at `tune/`."""
    if not EVAL.is_dir():
        return []
    return sorted((c for split in EVAL.iterdir() if split.is_dir() for c in split.iterdir()
                   if (c / "gold.json").is_file()), key=lambda c: c.name)


def eval_case(name: str) -> Path:
    """A case by folder name, whichever split holds it."""
    return next(c for c in eval_cases() if c.name == name)


def test_eval_is_split_into_tune_and_test() -> None:
    assert {p.name for p in EVAL.iterdir() if p.is_dir()} == {"tune", "test"}
    assert not any((p / "gold.json").is_file() for p in EVAL.iterdir())
    assert (EVAL / "test" / "04-prompt-injection").is_dir()


NOTICES = ("LICENSE", "LICENCE", "README", "NOTICE", "ATTRIBUTION")
"""A case cut from a CC-licensed real transcript keeps its licence beside it (synth eval skips it too)."""


def case_transcript(case: Path) -> Path:
    files = [
        p for p in case.iterdir()
        if p.is_file() and p.name != "gold.json" and not p.name.startswith(".") and p.stem.upper() not in NOTICES
    ]
    assert len(files) == 1, f"{case.name}: expected one transcript, found {[f.name for f in files]}"
    return files[0]


def metadata() -> dict[str, dict[str, object]]:
    return yaml.safe_load((TRANSCRIPTS / "metadata.yaml").read_text(encoding="utf-8"))


def parse(path: Path, interviewer: str) -> Interview:
    return build_interview(
        parse_bytes(path.read_bytes(), path.name), InterviewMeta(source_file=path.name), interviewer
    )


# --- the demo workspace ------------------------------------------------------


def test_demo_config_loads() -> None:
    config = load_config(DEMO / "synth.toml", env={})
    assert config.name == "Tallybird"
    assert config.llm.provider == "none"
    assert config.north_star.metric and len(config.north_star.inputs) >= 2


def test_demo_hypotheses_load_and_match_the_writer(tmp_path: Path) -> None:
    hypotheses = Workspace(DEMO).hypotheses()
    assert [h.id for h in hypotheses] == [f"H{i}" for i in range(1, 7)]
    assert all(h.status == "open" and h.falsified_if for h in hypotheses)
    assert {h.kind for h in hypotheses} == {"customer", "problem", "solution", "value", "growth"}
    # The file is exactly what Synth itself writes, so a first save changes nothing.
    shutil.copyfile(DEMO / "hypotheses.yaml", tmp_path / "hypotheses.yaml")
    ws = Workspace(tmp_path)
    ws.save_hypotheses(ws.hypotheses())
    assert (tmp_path / "hypotheses.yaml").read_text(encoding="utf-8") == (DEMO / "hypotheses.yaml").read_text(
        encoding="utf-8"
    )


def test_demo_strategy_has_the_standard_sections_in_order() -> None:
    text = (DEMO / "strategy.md").read_text(encoding="utf-8")
    assert text.startswith("# Tallybird strategy\n")
    headings = re.findall(r"^## (.+)$", text, flags=re.M)
    assert headings == STRATEGY_SECTIONS


def test_demo_metadata_covers_every_transcript() -> None:
    meta = metadata()
    assert set(meta) == {p.name for p in demo_files()}
    for name, m in meta.items():
        assert {"participant", "company", "segment", "date", "interviewer"} <= set(m), name
        assert m["interviewer"] == "Nadia Brennan"
        assert isinstance(m["date"], date) or date.fromisoformat(str(m["date"]))
    days = sorted(date.fromisoformat(str(m["date"])) for m in meta.values())
    assert (days[-1] - days[0]).days >= 28, "interviews should span several weekly readouts"
    assert len({m["segment"] for m in meta.values()}) >= 4


def test_demo_mixes_formats_and_lengths() -> None:
    files = demo_files()
    assert len(files) == 10
    suffixes = Counter(p.suffix for p in files)
    assert suffixes == {".txt": 3, ".md": 2, ".vtt": 2, ".srt": 1, ".docx": 1, ".json": 1}
    meta = metadata()
    words = {p.name: len(parse(p, str(meta[p.name]["interviewer"])).text.split()) for p in files}
    assert sum(n >= 2000 for n in words.values()) >= 4, words
    assert all(n >= 800 for n in words.values()), words


@pytest.mark.parametrize("path", demo_files(), ids=lambda p: p.name)
def test_demo_transcript_parses_with_the_named_speakers(path: Path) -> None:
    m = metadata()[path.name]
    interview = parse(path, str(m["interviewer"]))
    assert {t.speaker for t in interview.turns} == {m["interviewer"], m["participant"]}
    assert {t.speaker for t in interview.turns if t.role is Role.interviewer} == {m["interviewer"]}
    assert_plausible_times(interview)


def assert_plausible_times(interview: Interview) -> None:
    """Where the file has timestamps, they only move forward and each turn has a duration."""
    times = [(t.t_start, t.t_end) for t in interview.turns if t.t_start is not None]
    if not times:
        return
    assert len(times) == len(interview.turns)
    starts = [s for s, _ in times]
    assert starts == sorted(starts) and len(set(starts)) == len(starts)
    assert all(e is None or e > s for s, e in times)


# --- the eval cases ----------------------------------------------------------


def test_there_are_enough_varied_cases() -> None:
    cases = eval_cases()
    assert len(cases) >= 10
    suffixes = {case_transcript(c).suffix for c in cases}
    assert {".txt", ".md", ".vtt", ".srt", ".json"} <= suffixes
    long_ones = [c for c in cases if len(parse_case(c).text.split()) >= 1500]
    assert len(long_ones) >= 2


def load_gold(case: Path) -> tuple[dict[str, object], Gold]:
    raw = json.loads((case / "gold.json").read_text(encoding="utf-8"))
    return raw, Gold.model_validate(raw)


def parse_case(case: Path) -> Interview:
    raw, _ = load_gold(case)
    return parse(case_transcript(case), str(raw.get("interviewer") or ""))


@pytest.mark.parametrize("case", eval_cases(), ids=lambda p: p.name)
def test_gold_schema(case: Path) -> None:
    raw, gold = load_gold(case)
    assert set(raw) <= {"hypotheses", "insights", "interviewer", "participant"}
    ids = [h.id for h in gold.hypotheses]
    assert ids and len(ids) == len(set(ids))
    assert all(h.statement and h.falsified_if for h in gold.hypotheses)
    # A real hour-long interview, or one written at real length, carries more evidence than a short written case.
    real = any(p.stem.upper() in NOTICES for p in case.iterdir())
    long_ = sum(len(p.read_bytes().split()) for p in case.iterdir() if p.name != "gold.json") >= 5000
    assert 4 <= len(gold.insights) <= (20 if real or long_ else 10)
    for item in raw["insights"]:  # type: ignore[union-attr]
        assert set(item) == {"kind", "quote", "hypotheses"}
        assert item["kind"] in KINDS
        assert set(item["hypotheses"]) <= set(ids), item
        assert set(item["hypotheses"].values()) <= STANCES
        assert 4 <= len(item["quote"].split()) <= 40, item["quote"]
    quotes = [i.quote for i in gold.insights]
    assert len(quotes) == len(set(quotes))


def raw_units(path: Path) -> list[str]:
    """The smallest pieces of the file as written: lines, cue texts, segments or paragraphs."""
    if path.suffix == ".docx":
        import docx

        return [p.text for p in docx.Document(str(path)).paragraphs]
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".json":
        data = json.loads(text)
        # Two JSON shapes: {"transcript": {"segments"}} and raw Whisper output ({"segments"}, texts with a leading space).
        segments = data["transcript"]["segments"] if "transcript" in data else data["segments"]
        return [s["text"].strip() for s in segments]
    return text.splitlines()


CUES_CUT_SENTENCES = {"19-real-artemio-whisper", "20-real-goodboy-galaxy", "21-real-keitai-update", "34-raw-whisper-json-bakery"}
"""Whisper output cut at fixed time slices, mid-sentence: a quote may cross cues (it must still lie in one turn)."""


@pytest.mark.parametrize("case", eval_cases(), ids=lambda p: p.name)
def test_gold_quotes_are_verbatim_in_one_cue(case: Path) -> None:
    _, gold = load_gold(case)
    units = raw_units(case_transcript(case))
    if case.name in CUES_CUT_SENTENCES:
        # The cues' texts joined as the parser joins them: still verbatim speech, never a timing line.
        units = [" ".join(u for u in units if u.strip() and "-->" not in u)]
    for item in gold.insights:
        assert any(item.quote in u for u in units), f"{case.name}: not inside one line/cue: {item.quote!r}"


SPEAKERS = {
    "07-two-participants": 3,
    "13-real-indie-team-convention": 6,  # four developers, the interviewer, and Otter's "Unknown Speaker"
    "16-mixed-speakers-disagree": 3,
    "24-two-partners-landscaping-quotes": 3,
    "30-two-staff-teams-dental-lab": 3,  # a founder, a dental lab's owner and its production manager
    "39-three-person-group-text-salons": 4,  # a founder and three salon owners (2, 6 and 12 chairs)
    "44-short-two-participants-md-dance-school": 3,  # a founder, a dance school's owner and its office manager
    "48-two-founders-md-home-cooking": 3,  # two founders who both interview, and one home cook
    "50-plain-text-group-school-office": 4,  # a founder and three staff of a primary school office
    "60-webvtt-two-participants-food-truck": 3,  # a founder, a food truck's owner and her business partner
    "66-markdown-two-participants-amateur-theatre": 3,  # a founder, a theatre company's chair and its box office
    "68-markdown-two-participants-bed-and-breakfast": 3,  # a founder and the couple who run a B&B
    "76-markdown-two-participants-escape-room": 3,  # a founder and the two co-owners of an escape room
    "82-otter-text-garden-centre": 3,  # a founder, a garden centre's owner and its plant-area manager
    "86-markdown-funeral-director": 3,  # a founder, a funeral director's owner and his daughter, the office manager
    "107-markdown-garden-studio-pair": 3,  # a founder and the two co-owners of a garden-design studio
    "17-unlabelled-speakers": 1,
    "19-real-artemio-whisper": 1,  # Whisper output without speaker labels
    "20-real-goodboy-galaxy": 1,  # Whisper WebVTT without speaker labels (interviewer and one developer)
    "21-real-keitai-update": 1,  # raw Whisper JSON without speaker labels (a host and four guests)
    "28-unlabelled-vtt-home-care": 1,  # WebVTT without speaker labels (a founder and a home-care agency owner)
    "34-raw-whisper-json-bakery": 1,  # raw Whisper JSON without speaker labels (a founder and a wholesale bakery owner)
    "52-webvtt-unlabelled-tree-surgeon": 1,  # WebVTT without speaker labels (a founder and a tree surgeon)
    "114-webvtt-unlabelled-cinema": 1,  # WebVTT without speaker labels (a founder and a cinema manager)
    "116-webvtt-long-caravan-park": 3,  # a founder, a caravan park's owner and her son who runs the bookings
    "119-webvtt-unlabelled-swim-school": 1,  # WebVTT without speaker labels (a founder and a swim school's owner)
    "120-text-two-participants-optician": 3,  # a founder, an optician's owner and its practice manager
}
"""Cases with other than one interviewer and one participant."""


@pytest.mark.parametrize("case", eval_cases(), ids=lambda p: p.name)
def test_gold_quotes_lie_in_one_participant_turn(case: Path) -> None:
    raw, gold = load_gold(case)
    interview = parse_case(case)
    # Exactly the people in the conversation: no stray labels parsed out of someone's speech.
    assert len({t.speaker for t in interview.turns}) == SPEAKERS.get(case.name, 2)
    # A transcript without speaker labels names no interviewer: its gold lies in unlabelled turns.
    interviewer = str(raw.get("interviewer") or "")
    named = {n.strip() for n in interviewer.split(",") if n.strip()}  # two founders may interview together
    assert {t.speaker for t in interview.turns if t.role is Role.interviewer} == named
    speech = {Role.participant} if interviewer else {Role.participant, Role.unknown}
    if any(p.stem.upper() in NOTICES for p in case.iterdir()):
        # A real transcript as published: inline timestamps on some turns only, but never going back.
        starts = [t.t_start for t in interview.turns if t.t_start is not None]
        assert starts == sorted(starts)
    else:
        assert_plausible_times(interview)
    for item in gold.insights:
        starts = [m.start() for m in re.finditer(re.escape(item.quote), interview.text)]
        assert starts, f"{case.name}: not in the parsed text: {item.quote!r}"
        owners = [t for s in starts for t in interview.turns if t.start <= s and s + len(item.quote) <= t.end]
        assert owners, f"{case.name}: crosses a turn boundary: {item.quote!r}"
        assert all(t.role in speech for t in owners), f"{case.name}: interviewer's words: {item.quote!r}"


def test_injection_case_keeps_the_injection_out_of_gold() -> None:
    case = eval_case("04-prompt-injection")
    _, gold = load_gold(case)
    interview = parse_case(case)
    needle = "Ignore all previous instructions"
    turn = next(t for t in interview.turns if needle in t.text)
    assert turn.role is Role.participant
    assert not any(
        "instructions" in i.quote.lower() or "every hypothesis" in i.quote.lower() for i in gold.insights
    )


def test_one_case_leaves_a_hypothesis_without_evidence() -> None:
    _, gold = load_gold(eval_case("05-no-evidence-for-one-hypothesis"))
    touched = {h for i in gold.insights for h in i.hypotheses}
    assert {h.id for h in gold.hypotheses} - touched == {"H2"}


def test_leading_case_puts_the_leading_words_in_the_interviewers_mouth() -> None:
    case = eval_case("06-leading-interviewer")
    interview = parse_case(case)
    asked = " ".join(t.text for t in interview.turns if t.role is Role.interviewer)
    assert "you'd obviously pay" in asked and "biggest pain" in asked
    _, gold = load_gold(case)
    assert all(stance == "contradicts" for i in gold.insights for stance in i.hypotheses.values())


def test_two_participant_case_quotes_both() -> None:
    case = eval_case("07-two-participants")
    interview = parse_case(case)
    assert len(interview.participants()) == 2
    _, gold = load_gold(case)
    owners = {
        t.speaker
        for i in gold.insights
        for t in interview.turns
        if t.role is Role.participant and i.quote in t.text
    }
    assert owners == set(interview.participants())


def test_demo_answer_key_names_real_participants() -> None:
    key = yaml.safe_load((DEMO / "answer_key.yaml").read_text(encoding="utf-8"))
    assert set(key) == {h.id for h in Workspace(DEMO).hypotheses()}
    people = {str(m["participant"]) for m in metadata().values()}
    for hid, entry in key.items():
        assert entry["verdict"] in {"supported", "refuted", "inconclusive", "untouched"}, hid
        assert set(entry["for"]) <= people and set(entry["against"]) <= people, hid
        assert not set(entry["for"]) & set(entry["against"]), hid
    assert [h for h, e in key.items() if e["verdict"] == "untouched"] == ["H6"]
