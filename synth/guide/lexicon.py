"""Word lists for the offline chunker: closed classes in full, open classes by common words and suffixes.

No model can be downloaded here, so the chunker tags a word from these lists
and its neighbours (synth/guide/chunk.py). The lists are domain-general: the
verbs hypotheses use about work and buying, the adjectives and nouns that
suffix rules get wrong. A word missing from them is read as a noun, which
keeps a question grammatical ("the last time you dealt with <noun>").
"""

from __future__ import annotations

import re


def _w(text: str) -> frozenset[str]:
    return frozenset(text.split())


DETERMINERS = _w("a an the this that these those some any each every all no both either neither another such")
POSSESSIVES = _w("my your our their its his her whose")
PRONOUNS = _w("i you we they he she it me us them him her someone somebody nobody everyone everybody anyone anybody "
              "something nothing everything anything themselves yourself ourselves itself one")
NUMBER_WORDS = _w("zero one two three four five six seven eight nine ten eleven twelve fifteen twenty thirty forty fifty "
                  "hundred hundreds thousand thousands dozen dozens half single double twice once million millions")
QUANTIFIERS = _w("many much few several more most less least fewer enough lots plenty various multiple numerous")
PREPOSITIONS = _w("of in on at to for from with by about into onto over under between through via per across after "
                  "before during without within among against toward towards around near than like upon off despite "
                  "except including inside outside past since until behind beyond throughout instead amid versus")
CONJUNCTIONS = _w("and or but nor")
SUBORDINATORS = _w("because since although though while whereas unless if when whenever once until so as")
RELATIVES = _w("that which who whom where")
BE = _w("be am is are was were been being")
HAVE = _w("have has had having")
DO = _w("do does did")
MODALS = _w("will would can could should shall may might must 'd 'll wo ca")
NEGATIONS = _w("not never n't no")
PARTICLES = _w("out up down off away back over around")
MEASURE_UNITS = _w("km kilometres kilometers mile miles kg kilos kilograms tonnes tons litres liters gallons pounds "
                   "lbs metres meters feet acres hectares units pallets")
TIME_UNITS = _w("second seconds minute minutes hour hours day days week weeks month months quarter quarters year years "
                "shift shifts season seasons term terms semester semesters night nights weekend weekends morning "
                "mornings evening evenings")
FREQUENCY_ADVERBS = _w("often regularly usually currently still always really actually already frequently typically "
                       "mostly generally sometimes constantly rarely never also occasionally routinely seldom "
                       "repeatedly mainly largely today now nowadays even just only")
# Adverbs of manner or time that are not -ly words; a situation can drop them.
ADVERBS = FREQUENCY_ADVERBS | _w("late early too very quite rather fast soon later again together alone instead "
                                 "directly manually online offline overnight anyway almost nearly about around "
                                 "roughly approximately least most enough")
ADJ_WORDS = _w(
    "independent small large big new old young senior junior local national global regional rural urban public "
    "private free cheap expensive late early busy full empty high low short long hard easy good bad best worst "
    "major minor main key daily weekly monthly yearly annual quarterly real false true wrong right same other "
    "different similar common rare frequent current recent previous next last first second third final "
    "manual automatic digital paper online offline remote mobile solo single multiple open closed missing "
    "available unavailable able unable willing unwilling likely unlikely happy unhappy ready aware afraid "
    "faster slower cheaper easier harder better worse bigger smaller larger more less fewer prescribed "
    "overdue unpaid paid unused unreliable reliable outdated skilled unskilled certified licensed "
    "part-time full-time day-to-day in-house third-party last-minute same-day next-day real-time high-volume "
    "low-cost mid-sized mid-size medium-sized small-scale large-scale non-profit family-owned owner-operated "
    "self-employed first-time repeat regular fresh raw frozen dry wet heavy light safe unsafe legal illegal clinical "
    "medical dental financial technical physical mental social commercial residential industrial agricultural "
    "educational professional personal critical urgent routine standard basic extra additional entire whole"
)
# Suffixes that mark adjectives; a word in NOUN_EXCEPTIONS wins over them.
ADJ_SUFFIXES = ("able", "ible", "ful", "less", "ous", "ive", "ical", "ish", "ary", "ic", "al", "ent", "ant")
NOUN_EXCEPTIONS = _w(
    "table cable label vegetable variable receivable payable deliverable schedule "
    "hospital rental arrival approval proposal referral renewal removal journal manual portal animal capital "
    "material signal total interval festival terminal individual professional principal rival trial "
    "dental medical clinical "  # kept as adjectives below; listed so the noun check stays explicit
    "client patient parent student resident agent tenant accountant consultant assistant applicant "
    "participant merchant restaurant plant applicant servant sergeant tenant occupant contestant "
    "content event payment department equipment management treatment appointment shipment investment "
    "agreement statement government environment development requirement component document incident "
    "percent cent moment element segment supplement settlement recruitment enrolment enrollment "
    "employee executive representative relative initiative objective incentive directive "
    "pharmacy summary salary library inventory secretary dictionary category territory factory history "
    "delivery strategy policy agency company industry supply money energy study duty country party copy "
    "boundary mortuary dispensary veterinary anniversary itinerary glossary sanctuary commentary "
    "logic clinic traffic music mechanic topic public republic graphic fabric "
    "office practice service device price license invoice notice advice choice voice piece "
    "business process access loss class glass boss address guess stress witness progress success mess "
    "fish dish cash wish"
) - _w("dental medical clinical")
# Nouns ending like a person that are things, so they never become "you".
THING_ER = _w(
    "order orders number numbers paper papers letter letters water power filter filters container containers "
    "computer computers printer printers trailer trailers folder folders matter matters meter meters quarter "
    "quarters chapter chapters border borders corner corners shelter register "
    "registers layer layers timer timers counter counters scanner scanners router routers server servers "
    "tracker trackers planner reminder reminders answer answers tower towers sensor sensors motor "
    "motors monitor monitors error errors floor floors door doors factor factors sector sectors calculator "
    "generator generators tractor tractors mirror mirrors colour color labour labor harbour harbor calendar "
    "calendars spreadsheet spreadsheets binder binders sticker stickers flyer flyers newsletter newsletters "
    "poster posters banner banners voucher vouchers ledger ledgers roster rosters dinner dinners summer winter "
    "weather chamber chambers cluster clusters heater heaters freezer freezers refrigerator refrigerators "
    "elevator elevators charger chargers river rivers barrier barriers transfer transfers offer offers "
    "buffer member-list rubber leather fiber fibre filler paperwork transaction transactions"
)
PERSON_WORDS = _w(
    "people person persons staff team teams firm firms company companies business businesses agency agencies "
    "practice practices clinic clinics restaurant restaurants cafe cafes shop shops store stores pharmacy "
    "pharmacies farm farms school schools university universities college colleges hospital hospitals gym gyms "
    "studio studios startup startups nonprofit nonprofits non-profits charity charities organisation "
    "organisations organization organizations household households family families parent parents patient "
    "patients client clients customer customers student students tenant tenants resident residents nurse nurses "
    "doctor doctors dentist dentists landlord landlords founder founders owner owners manager managers "
    "freelancer freelancers contractor contractors consultant consultants accountant accountants lawyer "
    "lawyers attorney attorneys teacher teachers coach coaches trainer trainers player players gamer gamers "
    "volunteer volunteers member members buyer buyers seller sellers user users vendor vendors supplier "
    "suppliers distributor distributors retailer retailers wholesaler wholesalers manufacturer manufacturers "
    "plant plants operator operators driver drivers carrier carriers shipper shippers broker brokers farmer "
    "farmers grower growers chef chefs cook cooks baker bakers builder builders developer developers engineer "
    "engineers designer designers agent agents realtor realtors investor investors employer employers employee "
    "employees worker workers admin admins administrator administrators coordinator coordinators director "
    "directors executive executives officer officers lead leads head heads partner partners we you they "
    "i everyone nobody someone department departments office offices group groups crew crews household "
    "venue venues hotel hotels landlady pharmacist pharmacists technician technicians therapist therapists "
    "physician physicians surgeon surgeons caregiver caregivers homeowner homeowners assistant assistants applicant "
    "applicants participant participants merchant merchants consultant consultants occupant occupants attendant "
    "attendants entrant entrants migrant migrants museum museums library libraries church churches council councils "
    "vet vets rep reps gp gps physio physios host hosts vineyard vineyards orchard orchards ranch ranches dairy "
    "dairies marina marinas cfo cfos ceo ceos cto ctos coo coos cio cios cmo cmos vp vps gm gms"
)
PERSON_SUFFIXES = ("ers", "er", "ors", "or", "ists", "ist", "ians", "ian", "ees", "ee")
ORG_WORDS = _w(
    "firm company business agency practice clinic restaurant cafe shop store pharmacy farm school university "
    "college hospital gym studio startup nonprofit non-profit charity organisation organization household "
    "family department office team group crew venue hotel site warehouse plant factory kitchen lab laboratory "
    "centre center facility facilities salon garage bakery brewery winery dealership workshop fleet club league district network chain franchise "
    "cinema theatre theater gallery museum bookstore bar pub spa library council church mosque temple"
)
SOLO_WORDS = (
    "solo", "sole trader", "sole traders", "sole proprietor", "freelance", "freelancer", "self-employed",
    "one-person", "one person", "owner-operator", "owner operator", "solopreneur", "on their own",
    "independent contractor", "single-handed", "by themselves", "side hustle", "indie", "gig worker",
)
# Nouns too vague to stand alone as a question's topic ("How do you handle trust today?").
VAGUE_NOUNS = _w(
    "trust time times money value quality growth speed cost costs price prices thing things stuff way ways lot lots "
    "kind kinds type types part parts problem problems issue issues situation situations fact case cases "
    "amount number numbers level levels rate rates people person everything something anything nothing it this "
    "that them they one ones others risk risks need needs work help"
)
# Verbs, base form: the actions hypotheses claim about work, money, customers and tools.
VERBS = _w(
    "accept access add adjust adopt agree allow analyse analyze answer apply approve argue arrange arrive ask "
    "assess assign attend attract audit automate avoid bake bill block book borrow bounce break bring budget "
    "build buy calculate call cancel care carry catch change charge chase check choose claim clean close "
    "collect come compare compete complain complete comply confirm connect consider contact continue control "
    "convert cook copy correct cost count cover create cross cut deal decide delay delegate deliver depend "
    "deploy design destroy detect develop die discount discover dispatch dispute do double download drive drop "
    "earn email end enjoy enrol enroll enter escalate estimate evaluate exceed expect expire explain export "
    "face fail fall feel fight file fill find finish fit fix follow forecast forget format gather get give go "
    "grow guess handle happen hate have hear help hesitate hire hold hurt identify ignore import improve "
    "include increase install insure integrate invest invite invoice join juggle keep know lack land last "
    "launch lead learn leave lend let license lie like limit list listen live load log look lose love maintain "
    "make manage mark match matter measure meet mention message migrate miss monitor move need negotiate "
    "notice notify offer onboard open operate order organise organize outgrow outsource overpay overbook "
    "overlook overspend owe own pack pass pay perform phone pick place plan plant play post postpone prefer "
    "prepare prescribe present prevent price print prioritise prioritize process produce promote protect "
    "provide publish pull purchase push put qualify quit quote raise reach read rebook rebuild receive "
    "recommend reconcile record recruit reduce refer refill refund refuse register reject rely remember remind "
    "remove renew rent reorder repair repeat replace reply report request require reschedule research reserve "
    "resolve respond rest restock retain retire return reuse review rewrite ride rise risk run save scan "
    "schedule score screen search see seek select sell send serve set settle share ship shop show sign skip "
    "sleep slip solve sort source speak spend split staff start stay steal stock stop store struggle submit "
    "subscribe suffer suggest supply support switch take talk teach tell tend test text think throw track "
    "trade train transfer translate travel treat trust try turn type understand undercharge underestimate "
    "update upgrade upload use value verify visit wait walk want waste watch wear win wish work worry write "
    "sit stand shift swap drop cut put set win lose pay spend bring buy catch teach think fight seek sell "
    "fear free halve base key hit bid wire forward photograph label tag weigh mix lift unload stack wrap wash certify "
    "bake brew cater clean ferry tow plough plow harvest prune spray log grade mark tutor coach farm harvest irrigate spray sow feed graze milk breed ration dose dispense stock "
    "triage patch hack breach encrypt scan deploy bill litigate draft sue settle rent lease evict inspect "
    "renovate pour weld assemble machine ship haul route dispatch idle breakdown"
) - _w("breakdown machine")
IRREGULAR = {
    "be": ("was", "been"), "have": ("had", "had"), "do": ("did", "done"), "go": ("went", "gone"),
    "get": ("got", "got"), "make": ("made", "made"), "take": ("took", "taken"), "give": ("gave", "given"),
    "find": ("found", "found"), "keep": ("kept", "kept"), "lose": ("lost", "lost"), "pay": ("paid", "paid"),
    "spend": ("spent", "spent"), "send": ("sent", "sent"), "buy": ("bought", "bought"), "sell": ("sold", "sold"),
    "bring": ("brought", "brought"), "think": ("thought", "thought"), "teach": ("taught", "taught"),
    "catch": ("caught", "caught"), "fight": ("fought", "fought"), "seek": ("sought", "sought"),
    "run": ("ran", "run"), "come": ("came", "come"), "know": ("knew", "known"), "see": ("saw", "seen"),
    "tell": ("told", "told"), "leave": ("left", "left"), "feel": ("felt", "felt"), "hold": ("held", "held"),
    "hear": ("heard", "heard"), "meet": ("met", "met"), "read": ("read", "read"), "write": ("wrote", "written"),
    "choose": ("chose", "chosen"), "break": ("broke", "broken"), "drive": ("drove", "driven"),
    "ride": ("rode", "ridden"), "rise": ("rose", "risen"), "fall": ("fell", "fallen"), "forget": ("forgot", "forgotten"),
    "win": ("won", "won"), "sit": ("sat", "sat"), "stand": ("stood", "stood"), "understand": ("understood", "understood"),
    "lead": ("led", "led"), "lend": ("lent", "lent"), "build": ("built", "built"), "rebuild": ("rebuilt", "rebuilt"),
    "cut": ("cut", "cut"), "put": ("put", "put"), "set": ("set", "set"), "let": ("let", "let"), "quit": ("quit", "quit"),
    "cost": ("cost", "cost"), "hurt": ("hurt", "hurt"), "split": ("split", "split"), "throw": ("threw", "thrown"),
    "grow": ("grew", "grown"), "draw": ("drew", "drawn"), "wear": ("wore", "worn"), "steal": ("stole", "stolen"),
    "speak": ("spoke", "spoken"), "sleep": ("slept", "slept"), "deal": ("dealt", "dealt"), "mean": ("meant", "meant"),
    "learn": ("learned", "learned"), "overpay": ("overpaid", "overpaid"), "outgrow": ("outgrew", "outgrown"),
    "overspend": ("overspent", "overspent"), "undercharge": ("undercharged", "undercharged"),
    "rewrite": ("rewrote", "rewritten"), "lie": ("lay", "lain"), "feed": ("fed", "fed"), "breed": ("bred", "bred"),
    "sow": ("sowed", "sown"), "upset": ("upset", "upset"), "reset": ("reset", "reset"), "hit": ("hit", "hit"),
    "bid": ("bid", "bid"), "shut": ("shut", "shut"), "spread": ("spread", "spread"), "bet": ("bet", "bet"),
    "forecast": ("forecast", "forecast"), "broadcast": ("broadcast", "broadcast"), "input": ("input", "input"),
    "offset": ("offset", "offset"), "withdraw": ("withdrew", "withdrawn"), "undergo": ("underwent", "undergone"), "overlook": ("overlooked", "overlooked"),
}
PAST_TO_BASE = {past: base for base, (past, part) in IRREGULAR.items()} | {
    part: base for base, (_, part) in IRREGULAR.items()
}
DOUBLE_FINAL = _w("format stop plan ship chat put cut shop swap drop sit run get set quit admit commit permit refer "
                  "prefer occur control patrol compel scan spot tap grab log chop skip slip trim plug "
                  "map jog jam hug rob rub sob strip step wrap tag ban bar pin win")
ATTITUDE_VERBS = _w("hate want need prefer struggle try fail refuse tend forget like love dread expect plan "
                    "hesitate aim wish choose decide bother manage fear")
# Verbs that are as often nouns ("the software budget", "a purchase order"): never read as a cut-off verb.
NOUNISH = _w(
    "budget order book plan cost report track ship need waste shift schedule rate claim call visit change use work "
    "pay request process review check count file list record contract charge lead design test text email message "
    "post share load stock supply staff price quote bill invoice fund export import transfer update upload download "
    "return repair release launch search trade travel form note sign mark date fix tool log audit catch cover answer "
    "run spray patch drop cut set key label tag wrap wash clean feed score screen rent lease deposit refund sort "
    "support service display access benefit demand offer help experience control estimate forecast issue match "
    "measure deal end start finish stop visit hire produce stock review rota"
)
EMOTIONS = _w("frustrated annoyed worried overwhelmed tired confused stressed bothered burdened fed frightened "
               "scared disappointed embarrassed concerned irritated exhausted swamped")
TIME_SINK_VERBS = _w("spend waste lose take")
REPORTING_VERBS = _w("say says said tell tells told report reports mention mentions claim claims find finds "
                     "describe describes admit admits explain explains complain complains agree agrees")

_NUMBER_RX = re.compile(r"^[$€£]?\d[\d,.]*(?:[-–/]\d[\d,.]*)?(?:%|k|m|x|st|nd|rd|th)?$", re.IGNORECASE)


def is_number(word: str) -> bool:
    w = word.lower()
    return bool(_NUMBER_RX.match(w)) or w in NUMBER_WORDS or bool(re.match(r"^\d+[-–]\d+$", w))


def verb_lemma(word: str) -> tuple[str, str] | None:
    """(base verb, form) for a word that can be a verb: form is base, s, past, ing; None otherwise.

    A prefixed verb counts when its stem does: "reformatting" -> ("reformat", "ing").
    """
    found = _verb_lemma(word)
    if found is not None:
        return found
    w = word.lower()
    for prefix in ("re", "pre", "mis", "over", "under", "out", "un", "dis", "co"):
        if w.startswith(prefix) and len(w) - len(prefix) >= 3:
            inner = _verb_lemma(w[len(prefix):].lstrip("-"))
            if inner is not None:
                hyphen = "-" if w[len(prefix)] == "-" else ""
                return prefix + hyphen + inner[0], inner[1]  # "re-enter" keeps its hyphen
    return None


def _verb_lemma(word: str) -> tuple[str, str] | None:
    w = word.lower()
    if w in VERBS:
        return w, "base"
    if w in PAST_TO_BASE:
        return PAST_TO_BASE[w], "past"
    if w in ("has", "does", "goes"):
        return {"has": "have", "does": "do", "goes": "go"}[w], "s"
    for suffix, repl in (("ies", "y"), ("ches", "ch"), ("shes", "sh"), ("sses", "ss"), ("xes", "x"), ("zes", "z"),
                         ("oes", "o"), ("s", "")):
        if w.endswith(suffix) and len(w) > len(suffix) + 1 and w[: -len(suffix)] + repl in VERBS:
            return w[: -len(suffix)] + repl, "s"
    if w.endswith("ing") and len(w) > 5:
        stem = w[:-3]
        for cand in (stem, stem + "e", stem[:-1] if len(stem) > 2 and stem[-1] == stem[-2] else "",
                     stem[:-1] + "ie" if stem.endswith("y") else ""):
            if cand and cand in VERBS:
                return cand, "ing"
    if w.endswith("ed") and len(w) > 4:
        stem = w[:-2]
        for cand in (stem, stem + "e", w[:-1], stem[:-1] if len(stem) > 2 and stem[-1] == stem[-2] else "",
                     stem[:-1] + "y" if stem.endswith("i") else ""):
            if cand and cand in VERBS:
                return cand, "past"
    return None


def _doubles(v: str) -> bool:
    """Whether the final consonant doubles ("stop" -> "stopped"), also after a prefix ("reformat")."""
    if v in DOUBLE_FINAL:
        return True
    return any(v.startswith(p) and v[len(p):] in DOUBLE_FINAL for p in ("re", "pre", "mis", "over", "under", "out", "un"))


def past(verb: str) -> str:
    v = verb.lower()
    if v in IRREGULAR:
        return IRREGULAR[v][0]
    if v.endswith("e"):
        return v + "d"
    if v.endswith("y") and len(v) > 1 and v[-2] not in "aeiou":
        return v[:-1] + "ied"
    if _doubles(v):
        return v + v[-1] + "ed"
    return v + "ed"


def participle(verb: str) -> str:
    v = verb.lower()
    return IRREGULAR[v][1] if v in IRREGULAR else past(v)


def gerund(verb: str) -> str:
    v = verb.lower()
    if v.endswith("ie"):
        return v[:-2] + "ying"
    if v.endswith("e") and not v.endswith(("ee", "ye", "oe")) and v != "be":
        return v[:-1] + "ing"
    if _doubles(v):
        return v + v[-1] + "ing"
    return v + "ing"


def is_adjective(word: str) -> bool:
    w = word.lower()
    if w in ADJ_WORDS or w in EMOTIONS:
        return True
    if w in NOUN_EXCEPTIONS or w in PERSON_WORDS or len(w) < 5:
        return False
    if w.endswith("ly") or w.endswith("s"):
        return False
    return w.endswith(ADJ_SUFFIXES) and not w.endswith(("ment", "ness", "ship"))


def is_adverb(word: str) -> bool:
    w = word.lower()
    if w in ADVERBS:
        return True
    return w.endswith("ly") and len(w) > 4 and w not in _w(
        "supply apply reply rely family daily weekly monthly yearly quarterly early assembly ally only belly "
        "jelly holy italy july fly butterfly anomaly monopoly lily"
    )


def singular(noun: str) -> str:
    w = noun
    lw = w.lower()
    if lw in ("people", "staff", "news", "business", "process", "analysis", "series", "sales"):
        return {"people": "person"}.get(lw, w)
    if lw.endswith("ies") and len(lw) > 4:
        return w[:-3] + "y"
    if lw.endswith(("sses", "ches", "shes", "xes")):
        return w[:-2]
    if lw.endswith("s") and not lw.endswith(("ss", "us", "is")):
        return w[:-1]
    return w


def is_plural(noun: str) -> bool:
    lw = noun.lower()
    return lw in ("people", "staff", "police") or (lw.endswith("s") and not lw.endswith(("ss", "us", "is")))


def is_person(noun_phrase_head: str) -> bool:
    """A person or an organisation the interviewee speaks for ("pharmacists", "small firms"), not a thing."""
    w = noun_phrase_head.lower()
    if w in THING_ER:
        return False
    if w.endswith(("ery", "eries")) and len(w) > 6 and w not in THING_ER and w not in ("delivery", "deliveries"):
        return True  # bakeries, breweries, nurseries, distilleries
    if w in PERSON_WORDS or singular(w) in ORG_WORDS or any(w.endswith(p) and len(w) - len(p) >= 3 for p in ("stores", "shops", "owners", "makers")):
        return True
    verb = verb_lemma(w)
    return w.endswith(PERSON_SUFFIXES) and len(w) > 4 and (verb is None or w.endswith(("ers", "ors")))
