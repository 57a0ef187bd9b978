"""The linking rules, one table each: negation scope, kind priors, abstention, founder overrides (amounts: tests/linking/test_amounts.py)."""

from __future__ import annotations

from datetime import date

import pytest

from synth.evidence import evidence_summary, hypotheses_hash, offline_links, relink
from synth.extract.build import interview_from_turns
from synth.linking.decisions import merge_link_decisions
from synth.linking.terms import key_term_weights, negated_terms, stem, term_score
from synth.models import (
    EvidenceLink,
    Hypothesis,
    HypothesisKind,
    Insight,
    InsightKind,
    InsightSet,
    Quote,
    Review,
    Role,
    Stance,
)
from synth.stance import offline_stance
from synth.workspace import Workspace

D = date(2026, 1, 1)


def hyp(hid: str, statement: str, falsified_if: str = "", kind: HypothesisKind = HypothesisKind.problem) -> Hypothesis:
    return Hypothesis(id=hid, statement=statement, falsified_if=falsified_if, kind=kind, created=D, updated=D)


# --- key terms and negation scope ---------------------------------------------


def test_stems_join_word_forms() -> None:
    assert stem("logging") == stem("log") == stem("logs")
    assert stem("pricing") == stem("prices") == stem("price")
    assert stem("clients") == stem("client")


def test_shared_domain_words_weigh_little() -> None:
    w = key_term_weights({
        "H1": "Bookkeepers spend hours chasing clients for receipts",
        "H2": "Bookkeepers would pay per client for a portal",
    })
    assert w["H1"][stem("chasing")] == 1.0 and w["H2"][stem("portal")] == 1.0
    assert w["H1"][stem("bookkeepers")] < 0.5
    assert term_score("As bookkeepers we see all sorts", w["H1"])[1] == 0  # no specific term


@pytest.mark.parametrize(("text", "negated"), [
    ("I would never ask a founder to log into a portal.", {"portal", "log"}),
    ("Not the portal, the chasing is the problem.", {"portal"}),
    ("No, but the portal is great.", set()),  # the contrast ends the negation's scope
    ("I don't want to chase anyone anymore.", set()),  # a wish, not a denial
    ("I never bill small jobs and materials are extra.", {"bill"}),  # "and" ends the scope
    ("If they don't answer in three days she chases them.", set()),  # a new subject ends it too
    ("It can't keep chasing them.", set()),  # a thing failing is not a denial
    ("For pickups I send one text and then honestly I stop chasing.", {"chase"}),  # ceasing says no to it
    ("We quit using the portal last year.", {"portal"}),
    ("The portal stopped working in May.", set()),  # a thing failing, again
    ("Stop the billing run.", set()),  # "stop" with a noun is not ceasing to do something
    ("I never log in until the portal emails me.", {"log"}),  # a time clause ends the scope
    ("We don't chase them because the bill is small.", {"chase"}),  # so does a reason
])
def test_negation_scope(text: str, negated: set[str]) -> None:
    terms = {stem(w) for w in ("portal", "log", "chase", "bill", "materials")}
    assert set(negated_terms(text, terms)) == {stem(w) for w in negated}


H_PORTAL = hyp("H3", "Clients send documents faster when they can reply by email, without logging into a portal.",
               "Clients happily use the portals they already have.", HypothesisKind.solution)
H_PAY = hyp("H4", "Firms will pay $40 per client per month for automated chasing.",
            "Firms refuse per-client pricing.", HypothesisKind.value)
H_PAIN = hyp("H1", "Bookkeepers spend at least 4 hours a week chasing clients for documents.",
             "Most spend under an hour a week chasing clients, or say it rarely holds up the close.")


@pytest.mark.parametrize(("text", "kind", "h", "want"), [
    # negation compared with the hypothesis's own polarity
    ("I would never ask a founder to log into a portal.", InsightKind.objection, H_PORTAL, Stance.supports),
    ("For monthly stuff, almost nobody logs in to the portal.", InsightKind.behaviour, H_PORTAL, Stance.supports),
    ("Our clients log into the portal every week without complaint.", InsightKind.behaviour, H_PORTAL,
     Stance.neutral),
    # amounts against thresholds, whatever the words around them
    ("Missing documents maybe take me an hour a month across all my clients.", InsightKind.pain, H_PAIN,
     Stance.contradicts),
    ("Chasing clients is five hours a week, easily.", InsightKind.pain, H_PAIN, Stance.supports),
    ("Honestly chasing is not really a problem for us.", InsightKind.pain, H_PAIN, Stance.contradicts),
    # a condition about the client is no saving: the hour a month is still the time spent
    ("If a client sends it late, chasing takes me an hour a month.", InsightKind.pain, H_PAIN, Stance.contradicts),
    ("It has happened once since we started.", InsightKind.behaviour, H_PAIN, Stance.contradicts),
    # kind priors and refusals on a pricing hypothesis
    ("I won't pay per client, ever.", InsightKind.willingness_to_pay, H_PAY, Stance.contradicts),
    ("Per-client pricing makes me nervous with forty clients.", InsightKind.objection, H_PAY, Stance.contradicts),
    ("I'd pay for that tomorrow.", InsightKind.willingness_to_pay, H_PAY, Stance.supports),
    # talking about prices is not agreeing to pay
    ("We pay about fifteen hundred a month for software already.", InsightKind.behaviour, H_PAY, Stance.neutral),
    # "making" is a light verb like "make": not being able to make money is no denial of making games (in one's
    # spare time, which is what the hypothesis says)
    ("I could support myself as a backup if I wasn't able to make money, you know, making games in my spare time.",
     InsightKind.behaviour, hyp("H1", "Small teams making new games for old consoles build them part-time.",
                                "They work on the game full-time."), Stance.supports),
])
def test_direction_a_careful_reader_gives(text: str, kind: InsightKind, h: Hypothesis, want: Stance) -> None:
    assert offline_stance(text, kind, h, 0.5, 0.3).stance is want, offline_stance(text, kind, h, 0.5, 0.3)


# --- workspace: abstention, founder overrides, who counts ----------------------------------------


@pytest.fixture
def ws(tmp_path) -> Workspace:  # type: ignore[no-untyped-def]
    return Workspace.create(tmp_path / "ws")


def _insight(iv, text: str, kind: str = "pain", **extra: object) -> Insight:  # type: ignore[no-untyped-def]
    start = iv.text.index(text)
    turn = iv.turn_at(start)
    q = Quote(text=text, interview_id=iv.id, turn_index=turn.index, start=start, end=start + len(text))
    return Insight(id=Insight.make_id(iv.id, kind, q.start, q.end), interview_id=iv.id, kind=InsightKind(kind),
                   summary=text, quotes=[q], participant=turn.speaker, confidence=0.8, **extra)  # type: ignore[arg-type]


def _person(ws: Workspace, iid: str, who: str, text: str, stance: Stance, strength: float, **extra: object) -> Insight:
    iv = interview_from_turns(iid, [("Interviewer", "Tell me more?"), (who, text)], participant=who)
    ws.save_interview(iv)
    ins = _insight(iv, text, **extra)
    link = EvidenceLink(insight_id=ins.id, hypothesis_id="H1", stance=stance, strength=strength)
    ws.save_insight_set(InsightSet(interview_id=iid, engine="offline", insights=[ins], links=[link],
                                   hypotheses_hash=hypotheses_hash(ws.hypotheses())))
    return ins


def test_weak_links_need_review_and_never_make_a_verdict(ws: Workspace) -> None:
    ws.save_hypotheses([H_PAIN])
    for n in range(4):
        _person(ws, f"p{n}", f"P{n}", f"I chase clients all week, case {n}.", Stance.supports, 0.3)
    [e] = evidence_summary(ws)
    assert e.supporting == 0 and e.needs_review == 4 and e.suggested_status == "untested"
    assert len(e.needs_review_quotes) == 3


def test_a_review_queue_lists_links_even_when_one_person_said_them_all(ws: Workspace) -> None:
    """One long interview can hold every weak link: the queue shows them, not one per person, and says how many
    more there are and where to find them."""
    from click.testing import CliRunner

    from synth.cli.main import cli

    ws.save_hypotheses([H_PAIN])
    for n in range(4):
        _person(ws, f"p{n}", "Pat", f"I chase clients all week, case {n}.", Stance.supports, 0.3)
    [e] = evidence_summary(ws)
    assert e.needs_review == 4 and len({q.insight_id for q in e.needs_review_quotes}) == 3
    out = CliRunner().invoke(cli, ["-w", str(ws.root), "evidence", "H1"])
    assert out.exit_code == 0, out.output
    assert out.output.count("\n    ? \u201c") == 3 and "1 more to review: `synth insights --hypothesis H1`" in out.output


def test_founder_stance_overrides_the_engine_and_survives_relink(ws: Workspace) -> None:
    from synth.extract.review import set_link_stance

    ws.save_hypotheses([H_PAIN])
    a = _person(ws, "a", "Ann", "I spend hours chasing clients for documents every week.", Stance.supports, 0.9)
    b = _person(ws, "b", "Bo", "Chasing clients takes me most of Monday, every week.", Stance.supports, 0.3)
    [e] = evidence_summary(ws)
    assert (e.supporting, e.needs_review) == (1, 1)
    set_link_stance(ws, a.id, "H1", Stance.contradicts)  # the founder flips a strong link
    set_link_stance(ws, b.id, "H1", Stance.supports)  # and confirms a weak one: it now counts
    [e] = evidence_summary(ws)
    assert (e.supporting, e.contradicting) == (1, 1)
    assert (e.reviewed_supporting, e.reviewed_contradicting) == (1, 1)
    assert e.participants_against == ["ann"] and e.top_supporting[0].reviewed
    assert relink(ws, force=True) == 2
    links = {(lk.insight_id, lk.hypothesis_id): lk for s in ws.insight_sets() for lk in s.links}
    assert links[(a.id, "H1")].founder_stance is Stance.contradicts
    assert links[(b.id, "H1")].founder_stance is Stance.supports
    [e] = evidence_summary(ws)
    assert (e.supporting, e.contradicting) == (1, 1)


def test_merge_link_decisions_is_pure_and_keeps_the_founders_own_links() -> None:
    old = [
        EvidenceLink(insight_id="I1", hypothesis_id="H1", stance=Stance.supports, strength=0.8,
                     founder_stance=Stance.contradicts),
        EvidenceLink(insight_id="I2", hypothesis_id="H2", stance=Stance.neutral, strength=0.0, engine="founder",
                     founder_stance=Stance.supports),
        EvidenceLink(insight_id="I3", hypothesis_id="H1", stance=Stance.supports, strength=0.8),
        EvidenceLink(insight_id="I9", hypothesis_id="H1", stance=Stance.supports, strength=0.8,
                     founder_stance=Stance.neutral),
    ]
    new = [EvidenceLink(insight_id="I1", hypothesis_id="H1", stance=Stance.supports, strength=0.6),
           EvidenceLink(insight_id="I3", hypothesis_id="H1", stance=Stance.contradicts, strength=0.7)]
    out = merge_link_decisions(old, new, {"I1", "I2", "I3"})
    got = {(lk.insight_id, lk.hypothesis_id): lk for lk in out}
    assert got[("I1", "H1")].founder_stance is Stance.contradicts and got[("I1", "H1")].strength == 0.6
    assert got[("I2", "H2")].founder_stance is Stance.supports  # the founder's own link stays
    assert got[("I3", "H1")].founder_stance is None and got[("I3", "H1")].stance is Stance.contradicts
    assert ("I9", "H1") not in got  # its insight is gone
    assert new[0].founder_stance is None  # inputs untouched


def test_rejected_unattributed_and_interviewer_speech_never_count(ws: Workspace) -> None:
    ws.save_hypotheses([H_PAIN])
    _person(ws, "a", "Ann", "I spend hours chasing clients every week.", Stance.supports, 0.9, review=Review.rejected)
    _person(ws, "b", "Bo", "I spend hours chasing clients every single week.", Stance.supports, 0.9, unattributed=True)
    iv = interview_from_turns("c", [("Interviewer", "So you spend hours chasing clients every week?"),
                                    ("Cy", "Yes.")], participant="Cy")
    ws.save_interview(iv)
    asked = Quote(text=iv.turns[0].text, interview_id="c", turn_index=0, start=iv.turns[0].start, end=iv.turns[0].end)
    ins = Insight(id="Iask", interview_id="c", kind=InsightKind.pain, summary="asked", quotes=[asked],
                  participant="Interviewer", confidence=0.9)
    ws.save_insight_set(InsightSet(interview_id="c", engine="offline", insights=[ins],
                                   links=[EvidenceLink(insight_id="Iask", hypothesis_id="H1", stance=Stance.supports,
                                                       strength=0.9)],
                                   hypotheses_hash=hypotheses_hash(ws.hypotheses())))
    [e] = evidence_summary(ws)
    assert e.supporting == 0 and e.suggested_status == "untested"
    assert iv.turns[0].role is Role.interviewer
    # and the engine does not link the interviewer's words in the first place
    from synth.embed import get_embedder

    assert offline_links([ins], [H_PAIN], get_embedder(None), iv) == []


def test_sharing_one_domain_word_is_not_evidence() -> None:
    from synth.embed import get_embedder

    h1 = hyp("H1", "Dental practices lose more than $2,000 a month to no-shows.", "No-shows are rare.")
    h2 = hyp("H2", "Dental practices would switch scheduling software for two-way texting.",
             "They will not switch scheduling software.")
    iv = interview_from_turns("x", [("Interviewer", "Tell me about the practice."),
                                    ("Jo", "Our dental practice has been in town for thirty years.")])
    ins = _insight(iv, "Our dental practice has been in town for thirty years.", "behaviour")
    assert offline_links([ins], [h1, h2], get_embedder(None), iv) == []


def test_founder_decisions_survive_extract_force(ws: Workspace) -> None:
    from synth.extract import extract_interviews
    from synth.extract.review import set_link_stance

    ws.save_hypotheses([H_PAIN])
    iv = interview_from_turns("r1", [
        ("Interviewer", "How long does chasing clients take?"),
        ("Rae", "Chasing clients for missing documents takes me five or six hours every week at month-end. "
                "It is the worst part of the job and it holds up the close every single month."),
    ], participant="Rae")
    ws.save_interview(iv)
    extract_interviews(ws, all_=True)
    s = ws.insight_set("r1")
    assert s is not None and s.insights
    target = s.insights[0]
    set_link_stance(ws, target.id, "H1", Stance.contradicts)
    extract_interviews(ws, all_=True, force=True)
    again = ws.insight_set("r1")
    assert again is not None
    decided = [lk for lk in again.links if lk.insight_id == target.id and lk.hypothesis_id == "H1"]
    assert [lk.founder_stance for lk in decided] == [Stance.contradicts]
    relink(ws, force=True)
    [e] = evidence_summary(ws)
    assert e.reviewed_contradicting == 1


def test_cli_insight_link_and_evidence_show_the_founders_word(ws: Workspace) -> None:
    from click.testing import CliRunner

    from synth.cli.main import cli

    ws.save_hypotheses([H_PAIN])
    a = _person(ws, "a", "Ann", "I spend hours chasing clients for documents every week.", Stance.supports, 0.3)
    run = CliRunner()
    out = run.invoke(cli, ["-w", str(ws.root), "evidence"])
    assert out.exit_code == 0, out.output
    assert "1 weak link(s) need your review" in out.output and "synth insight link" in out.output
    out = run.invoke(cli, ["-w", str(ws.root), "insight", "link", a.id, "H1", "--stance", "supports"])
    assert out.exit_code == 0, out.output
    assert "supports (yours; engine said supports" in out.output
    out = run.invoke(cli, ["-w", str(ws.root), "evidence"])
    assert "for: 1 insights from 1 participants (1 reviewed by you)" in out.output
    assert f"[{a.id}, reviewed]" in out.output
    out = run.invoke(cli, ["-w", str(ws.root), "insight", "link", a.id, "H1", "--stance", "engine"])
    assert out.exit_code == 0 and "the engine's" in out.output


def test_unlabelled_speech_is_linked_but_never_counted(ws: Workspace) -> None:
    from synth.embed import get_embedder

    ws.save_hypotheses([H_PAIN])
    iv = interview_from_turns("u", [("Interviewer", "How long does it take?"),
                                    ("Speaker 2", "Chasing clients for documents takes me six hours a week.")])
    turns = [iv.turns[0], iv.turns[1].model_copy(update={"role": Role.unknown})]
    iv = iv.model_copy(update={"turns": turns})
    ws.save_interview(iv)
    ins = _insight(iv, "Chasing clients for documents takes me six hours a week.", unattributed=True)
    links = offline_links([ins], [H_PAIN], get_embedder(None), iv)
    assert [(lk.hypothesis_id, lk.stance) for lk in links] == [("H1", Stance.supports)]
    ws.save_insight_set(InsightSet(interview_id="u", engine="offline", insights=[ins], links=links,
                                   hypotheses_hash=hypotheses_hash([H_PAIN])))
    [e] = evidence_summary(ws)
    assert e.supporting == 0 and e.needs_review == 0 and e.suggested_status == "untested"


def test_closeness_to_a_falsifier_that_affirms_what_the_statement_denies_is_only_topic() -> None:
    from synth.embed import get_embedder
    from synth.linking.relevance import Relevance

    rel = Relevance([H_PORTAL, H_PAIN], get_embedder(None))
    assert rel._directional[0] == [False]  # "happily use the portals" vs "without logging into a portal"
    assert rel._directional[1] == [False, True]  # a bare threshold is not directional; the other clause is


H_STOCK_PRICE = hyp("H1", "A practice would pay 60 pounds a month for software that reorders stock automatically.",
                    "The practice manager refuses to pay monthly for stock software.", HypothesisKind.value)
H_STOCKOUTS = hyp("H2", "Vets run out of a medicine they need at least twice a month.", "Stock-outs happen once a month or less.")
ANSWER = ("Honestly, I don't think I could justify that. The weather was awful this winter. "
          "My daughter helps with the website. We also started selling exercise bands at the counter.")


@pytest.mark.parametrize(("question", "want"), [
    ("Would you pay sixty pounds a month for software that reorders your stock for you?", [("H1", Stance.contradicts)]),
    ("Thanks for making time today, it is good to meet you.", []),
])
def test_an_answer_is_read_with_its_question(question: str, want: list[tuple[str, Stance]]) -> None:
    """'I don't think I could justify that' bears on the price it was asked about, and only then."""
    from synth.embed import get_embedder
    from tests.index.conftest import make_interview

    iv = make_interview("v", [("Lena", "interviewer", question), ("Fiona", "participant", ANSWER)], participant="Fiona")
    opener = _insight(iv, "Honestly, I don't think I could justify that.", kind="objection")
    links = offline_links([opener], [H_STOCK_PRICE, H_STOCKOUTS], get_embedder(None), iv)
    assert [(lk.hypothesis_id, lk.stance) for lk in links] == want


def test_the_question_lends_its_topic_only_to_the_answers_opening() -> None:
    """Further into an answer, speech drifts: the fourth sentence is not read as an answer to the question."""
    from synth.embed import get_embedder
    from tests.index.conftest import make_interview

    question = "Would you pay sixty pounds a month for software that reorders your stock for you?"
    iv = make_interview("v", [("Lena", "interviewer", question), ("Fiona", "participant", ANSWER)], participant="Fiona")
    drift = _insight(iv, "We also started selling exercise bands at the counter.")
    assert offline_links([drift], [H_STOCK_PRICE, H_STOCKOUTS], get_embedder(None), iv) == []


@pytest.mark.parametrize(("statement", "kind", "want"), [
    ("Firms will pay $40 per client per month for automated chasing.", HypothesisKind.value, "value"),
    ("Pricing per seat beats pricing per client for small firms.", HypothesisKind.value, "value"),
    # A price list is something the tool holds, not a price anyone pays.
    ("Whoever does the site visit would send the quote from a phone, if the app held their price list.",
     HypothesisKind.solution, "adoption"),
    ("Bookkeepers spend at least 4 hours a week chasing clients.", HypothesisKind.problem, "problem"),
])
def test_what_a_hypothesis_is_about(statement: str, kind: HypothesisKind, want: str) -> None:
    from synth.stance import hypothesis_type

    assert hypothesis_type(hyp("H1", statement, kind=kind)) == want


def test_a_leading_question_never_crowds_out_what_the_answer_itself_bears_on() -> None:
    from synth.embed import get_embedder
    from synth.linking.relevance import Relevance

    h1 = hyp("H1", "Mobile groomers running two vans lose at least 3 appointments a week to no-shows or late cancellations.",
             "Fewer than 3 no-shows in a normal week.")
    h2 = hyp("H2", "Mobile grooming businesses would pay $25 per van per month for online booking.",
             "The owner rejects per-van pricing, or would pay less than $50 a month for a two-van business.",
             kind=HypothesisKind.value)
    rel = Relevance([h1, h2], get_embedder(None))
    question = "Totally. And for two vans that's fifty a month, which is nothing next to one lost groom, right?"
    answer = "Well, per van doesn't really work for me, the second van only goes out three days a week."
    # Read with the question, the answer leans to H1 (the lost groom); its own words are about per-van pricing.
    assert "H2" in {[h1, h2][s.hypothesis].id for s in rel.score([answer], [question])[0]}


def test_a_price_said_without_a_period_is_an_amount_the_price_hypothesis_has_a_threshold_for() -> None:
    from synth.embed import get_embedder
    from synth.linking.relevance import Relevance

    h_price = hyp("H3", "An online shop of this size would pay $99 a month for a reply-drafting tool.",
                  "The shop would not pay $99 a month, or names a ceiling below $75 a month.", HypothesisKind.value)
    rel = Relevance([H_STOCKOUTS, h_price], get_embedder(None))
    [row] = rel.rows(["If it was fifty dollars, maybe sixty at a push, I'd try it over a Christmas and see."])
    assert row[1].amount and not row[0].amount
    [plain] = rel.rows(["We had fifty dollars of sales on the first day."])
    assert not plain[1].amount


# --- an insight of several quotes is read, and shown, whole ---------------------------------------

TWO_SENTENCES = ("I keep everything in one big spreadsheet.", "Chasing clients for documents takes me six hours a week.")


def _two_quote_insight(iv) -> Insight:  # type: ignore[no-untyped-def]
    first, second = (_insight(iv, s).quotes[0] for s in TWO_SENTENCES)
    return Insight(id=Insight.make_id(iv.id, "behaviour", first.start, second.end), interview_id=iv.id,
                   kind=InsightKind.behaviour, summary=TWO_SENTENCES[0], quotes=[first, second],
                   participant="Ana", confidence=0.8)


def test_linking_reads_every_quote_of_an_insight(ws: Workspace) -> None:
    """Relevance and direction read the same words: the second sentence is the evidence, not the first."""
    from synth.embed import get_embedder

    iv = interview_from_turns("two", [("Interviewer", "Tell me about month-end."), ("Ana", " ".join(TWO_SENTENCES))],
                              participant="Ana")
    ws.save_interview(iv)
    ws.save_hypotheses([H_PAIN])
    ins = _two_quote_insight(iv)
    first_only = ins.model_copy(update={"quotes": ins.quotes[:1]})
    assert offline_links([first_only], [H_PAIN], get_embedder(None), iv) == []
    links = offline_links([ins], [H_PAIN], get_embedder(None), iv)
    assert [(lk.hypothesis_id, lk.stance) for lk in links] == [("H1", Stance.supports)]
    # What the founder is shown is what the stance rests on: both sentences, as they stand in the transcript.
    ws.save_insight_set(InsightSet(interview_id="two", engine="offline", insights=[ins], links=links,
                                   hypotheses_hash=hypotheses_hash([H_PAIN])))
    [e] = evidence_summary(ws)
    [shown] = e.top_supporting
    assert shown.quote == " ".join(TWO_SENTENCES) and shown.quote in iv.text


def test_a_passage_runs_on_only_where_the_transcript_does() -> None:
    iv = interview_from_turns("gap", [("Ana", "One. Two.  Three and\n four. Five.")], participant="Ana")
    one, two, three, five = (_insight(iv, s).quotes[0] for s in ("One.", "Two.", "Three and\n four.", "Five."))

    def passage(*quotes: Quote) -> str:
        return Insight(id="I1", interview_id="gap", kind=InsightKind.pain, summary="s", quotes=list(quotes),
                       participant="Ana", confidence=0.5).passage

    assert passage(one, two, three) == "One. Two. Three and four."  # a space or two between: one passage
    assert passage(one, five) == "One. \u2026 Five."  # something said between: marked
    assert passage(two, one) == "One. Two."  # in the order they were said
    assert passage(five, two) == "Two. \u2026 Five."
    listed = Insight(id="I1", interview_id="gap", kind=InsightKind.pain, summary="s", quotes=[five, one],
                     participant="Ana", confidence=0.5)
    assert listed.in_order == [one, five] and listed.quotes == [five, one]  # shown in order, stored as made


H_PER_CLIENT = hyp("H4", "Firms will pay $40 per client per month for automated chasing.",
                   "Firms refuse per-client pricing, or would only pay a flat monthly fee for the whole firm.",
                   HypothesisKind.value)


@pytest.mark.parametrize("text", [
    "I won't pay per client, period. I'd pay a flat monthly fee.",
    "I'd pay a flat monthly fee. I won't pay per client, period.",
])
def test_refusing_what_the_falsifier_refuses_decides_before_an_ambiguous_term(text: str) -> None:
    """'pay' is in both the statement and the falsifier, so its negation alone is ambiguous; 'per client' is what
    the falsifier refuses, and the speech refuses it too. Either order, and however close the two similarities."""
    for sim_statement, sim_falsified in ((0.549, 0.558), (0.523, 0.496)):
        res = offline_stance(text, InsightKind.willingness_to_pay, H_PER_CLIENT, sim_statement, sim_falsified)
        assert res.stance is Stance.contradicts, res


def test_related_speech_without_a_direction_is_the_founders_call(ws: Workspace) -> None:
    """Shown apart ('related, which way?'), never counted, most confident first; gone once the founder decides."""
    from click.testing import CliRunner

    from synth.cli.main import cli
    from synth.extract.review import set_link_stance

    ws.save_hypotheses([H_PAIN])
    low = _person(ws, "a", "Ann", "We have about forty clients on the books.", Stance.neutral, 0.0)
    high = _person(ws, "b", "Bo", "Month-end is when the clients all go quiet.", Stance.neutral, 0.0)
    for iid, conf in (("a", 0.3), ("b", 0.9)):
        s = ws.insight_set(iid)
        ws.save_insight_set(s.model_copy(update={"insights": [s.insights[0].model_copy(update={"confidence": conf})]}))
    [e] = evidence_summary(ws)
    assert (e.supporting, e.contradicting, e.needs_review, e.unclear) == (0, 0, 0, 2)
    assert [q.insight_id for q in e.unclear_quotes] == [high.id, low.id]
    out = CliRunner().invoke(cli, ["-w", str(ws.root), "evidence", "H1"])
    assert out.exit_code == 0 and "2 related without a direction (~), your call" in out.output
    assert f"[{high.id}, related, which way?]" in out.output
    set_link_stance(ws, low.id, "H1", Stance.contradicts)
    [e] = evidence_summary(ws)
    assert (e.contradicting, e.unclear) == (1, 1)


def test_time_someone_will_not_spend_is_no_price_refused() -> None:
    from synth.stance import reacts_to_price

    assert not reacts_to_price("I can't spend any more time on the monthly reminders.")
    assert reacts_to_price("I wouldn't spend more than ten dollars a month on it.")
    refused = offline_stance("I can't spend any more evenings on the reminders.", InsightKind.willingness_to_pay,
                             H_PAY, 0.5, 0.3)
    assert "unwilling to pay" not in refused.rationale, refused


def test_time_a_tool_might_give_back_is_no_measure_of_the_time_spent_today() -> None:
    said = "If it gave each bookkeeper back, say, four hours a month, that's forty hours a month across the team."
    result = offline_stance(said, InsightKind.need, H_PAIN, 0.5, 0.3)
    assert result.stance is not Stance.contradicts and "falls short" not in result.rationale, result
