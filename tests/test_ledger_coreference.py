"""Issue 14: mentions of one happening within an article, and the cannot-links that keep a chain
of similar reports from joining two happenings (sayso.ledger.identity, sayso.ledger.cluster)."""
from __future__ import annotations

from sayso.ledger import resemblance
from sayso.ledger.cluster import clusters
from sayso.ledger.corroboration import REPORT_COLUMNS
from sayso.ledger.identity import Report, is_nominal
from sayso.ledger.participants import participant_tokens
from sayso.ledger.reference import is_another, other_occasion

ARTICLE = "article-1"


def report(n: int, trigger: str, sentence: str, actor: str | None = None, recipient: str | None = None,
           article: str = ARTICLE, category: str = "DEFECT", day: str = "2031-04-02") -> Report:
    row = dict.fromkeys(REPORT_COLUMNS)
    row.update(article_id=article, id=f"v{n}", type=category, day=day, trigger=trigger, sentence=sentence,
               actor_name=actor, actor_kind="person" if actor else None,
               recipient_name=recipient, recipient_kind="organization" if recipient else None)
    return Report(row)


def grouped(reports: list[Report]) -> set[frozenset]:
    return {frozenset(r.key[1] for r in c.members) for c in clusters(reports, 3)}


def test_a_definite_reference_joins_the_nearest_earlier_mention_only():
    reports = [
        report(1, "defected", "Pilot Ivo Sander defected to Norland on Tuesday.", actor="Ivo Sander"),
        report(2, "defection", "The defection embarrassed the air force."),
        report(3, "defected", "A week earlier, Captain Rui Mota had defected by boat.", actor="Rui Mota"),
        report(4, "defection", "His defection was never announced."),
    ]
    assert grouped(reports) == {frozenset({"v1", "v2"}), frozenset({"v3", "v4"})}


def test_an_indefinite_noun_or_a_verb_is_no_reference_back():
    assert is_nominal("attack", "Officials said the attack was planned.")
    assert is_nominal("meeting", "Nobody saw his meeting with the envoy.")
    assert not is_nominal("attack", "They may attack again.")
    assert not is_nominal("investigation", "The ministry opened a new investigation.")
    assert not is_nominal("defected", "The pilot defected.")
    assert not is_nominal("ban", "But the move to ban him was unsuccessful.")  # an infinitive


def test_a_chain_of_links_never_joins_two_named_people():
    """v1 and v3 share the unit with v2 (no actor) but name two different pilots: v2 joins one
    of them, never both."""
    unit = "Zarqa Wing"
    reports = [
        report(1, "defected", "Ivo Sander of the Zarqa Wing defected at dawn.", actor="Ivo Sander", recipient=unit),
        report(2, "defected", "A pilot of the Zarqa Wing defected, the ministry said.", recipient=unit),
        report(3, "defected", "Rui Mota of the Zarqa Wing defected, his family said.", actor="Rui Mota", recipient=unit),
    ]
    groups = grouped(reports)
    assert not any({"v1", "v3"} <= g for g in groups)
    assert len(groups) == 2


def test_two_triggers_of_one_sentence_are_two_happenings():
    sentence = "Ivo Sander left the meeting with the envoy early for a meeting with the governor."
    reports = [report(1, "meeting", sentence, actor="Ivo Sander", category="CONSULT"),
               report(2, "meeting", sentence, actor="Ivo Sander", category="CONSULT")]
    assert grouped(reports) == {frozenset({"v1"}), frozenset({"v2"})}


def test_a_sentence_repeated_word_for_word_is_one_happening():
    sentence = "Ivo Sander defected to Norland."
    reports = [report(1, "defected", sentence, actor="Ivo Sander"), report(2, "defected", sentence, actor="Ivo Sander")]
    assert grouped(reports) == {frozenset({"v1", "v2"})}


def test_reports_days_apart_in_one_chain_stay_apart():
    """Across articles, each link within the window, the ends of the chain too far apart."""
    reports = [report(1, "defected", "Ivo Sander defected to Norland with his jet.", actor="Ivo Sander",
                      article=f"a{d}", day=f"2031-04-0{d}") for d in (1, 4, 7)]
    groups = {frozenset(r.key[0] for r in c.members) for c in clusters(reports, 3)}
    assert not any({"a1", "a7"} <= g for g in groups)
    assert {"a1", "a4"} in groups or {"a4", "a7"} in groups


def test_a_country_borrowed_from_the_destination_does_not_split_one_named_person():
    home = report(1, "defected", "Colonel Ivo Sander of Belarus defected to Lithuania.", actor="Ivo Sander",
                  recipient="Lithuania", article="a1")
    denied = report(1, "defected", "The ministry denied that Ivo Sander had defected to Lithuania.",
                    actor="Ivo Sander", recipient="Lithuania", article="a2")
    home.row.update(actor_country="BLR", recipient_country="LTU")
    denied.row.update(actor_country="LTU", recipient_country="LTU")
    assert len(clusters([home, denied], 3)) == 1
    denied.row.update(actor_country="POL")  # a country of its own: another man of that name
    assert len(clusters([home, denied], 3)) == 2


def test_another_happening_is_told_by_next_future_or_further():
    assert is_another("attack", "I am trying to prevent the next terrorist attack.")
    assert is_another("attacks", "Intelligence that could prevent future attacks around the world.")
    assert is_another("investigation", "He could come in for further investigation by Congress.")
    assert is_another("demands", "NextGen Climate has made the same demands of the Democratic candidates.")
    assert is_another("attacks", "The plan is to turn any Trump attacks on the foundation into a counterattack.")
    assert is_another("meet", "Ryan and Trump agreed to meet again in the coming weeks.")  # a repeat: another one
    assert not is_another("meet", "They agreed to meet, and again Ryan said nothing.")
    assert not is_another("attack", "On the other hand, the attack was planned.")  # another phrase
    assert not is_another("attack", "Officials said the attack was planned.")


def test_the_next_attack_neither_refers_back_nor_is_referred_back_to():
    """"the next attack" is not the attack told before it; "the attack" after "future attacks"
    refers back to the attack told before them, not to them."""
    reports = [
        report(1, "attack", "Gunmen carried out an attack on the base at Zarqa on Monday.", category="ASSAULT"),
        report(2, "attacks", "The army vowed to prevent future attacks on its bases.", category="ASSAULT"),
        report(3, "attack", "The minister said the attack had been planned for weeks.", category="ASSAULT"),
        report(4, "attack", "He promised to stop the next attack before it happens.", category="ASSAULT"),
    ]
    assert grouped(reports) == {frozenset({"v1", "v3"}), frozenset({"v2"}), frozenset({"v4"})}


def test_no_learned_link_joins_another_happening():
    """The learned link would join two reports of one trigger in one article; not when one of
    them is told as another happening ("the next attack")."""
    from sayso.ledger import resemblance
    from sayso.ledger.identity import link

    told = report(1, "attack", "The attack on the base at Zarqa killed four soldiers.", category="ASSAULT")
    again = report(2, "attack", "Officers fear the attack came too easily.", category="ASSAULT")
    nxt = report(3, "attack", "Officers fear the next attack will come too easily.", category="ASSAULT")
    m = resemblance.shipped()
    resemblance.use(resemblance.PairModel(m.weights, threshold=0.0, keep=m.keep))
    try:
        made = link(told, again, 3)
        assert made is not None and "learned probability" in made.because
        assert link(told, nxt, 3) is None
    finally:
        resemblance.use(None)


def test_a_definite_reference_in_other_words_needs_its_kind_and_a_shared_participant():
    """"The criticism" refers back to "slamming" (one kind, "disapprove", one named recipient);
    not when it names a party the earlier report does not share, nor when its kind differs (a
    reference naming no party refers back to the nearest of its kind)."""
    def told(n: int, trigger: str, sentence: str, mode: str, recipient: str | None) -> Report:
        r = report(n, trigger, sentence, recipient=recipient, category="ACCUSE")
        r.row["mode"] = mode
        return r

    slam = told(1, "slamming", "Republicans are slamming Tim Kaine for his defence of inmates.", "disapprove", "Tim Kaine")
    criticism = told(2, "criticism", "The criticism comes a day before Kaine debates Pence.", "disapprove", "Tim Kaine")
    assert grouped([slam, criticism]) == {frozenset({"v1", "v2"})}
    unshared = told(2, "criticism", "The criticism of Pence comes a day before the debate.", "disapprove", "Mike Pence")
    assert grouped([slam, unshared]) == {frozenset({"v1"}), frozenset({"v2"})}
    anonymous = told(2, "criticism", "The criticism comes a day before the debate.", "disapprove", None)
    assert grouped([slam, anonymous]) == {frozenset({"v1", "v2"})}
    other_kind = told(2, "criticism", "The criticism comes a day before Kaine debates Pence.", "allege", "Tim Kaine")
    assert grouped([slam, other_kind]) == {frozenset({"v1"}), frozenset({"v2"})}


def test_a_reference_naming_a_party_does_not_refer_back_to_an_unrelated_sentence_without_it():
    """"its hacking" names Beijing; the nearest "hacks" names nobody and its sentence shares next
    to nothing with it: not what it refers back to. With a sentence that says much the same, it is."""
    def hacks(last: str) -> list[Report]:
        return [
            report(1, "hacked", "The areas of the regulator's network that were hacked suggested spying.",
                   category="COERCE"),
            report(2, "hacks", "The inspector accused the FDIC of trying to cover up the hacks.", category="COERCE"),
            report(3, "hacking", last, actor="Beijing", category="COERCE"),
        ]
    far = hacks("Officials believe Beijing has decreased its hacking activity since signing a pledge.")
    assert grouped(far) == {frozenset({"v1", "v2"}), frozenset({"v3"})}
    near = hacks("Officials say the FDIC tried to cover up its hacking by Beijing.")
    assert grouped(near) == {frozenset({"v1", "v2", "v3"})}


def test_a_sentence_telling_other_instances_is_linked_to_nothing_in_its_article():
    """"In two other instances, Clinton had asked Sullivan ...": a shared actor and recipient and
    a repeated trigger, but the sentence says these are other occasions."""
    def asked(lead: str) -> list[Report]:
        return [
            report(1, "asked", "In a June 2011 email, Clinton asked Sullivan to send her talking points on an "
                   "unsecured network.", actor="Hillary Clinton", recipient="Jake Sullivan", category="REQUEST"),
            report(2, "asked", f"{lead}Clinton had asked Sullivan to send sensitive information.",
                   actor="Hillary Clinton", recipient="Jake Sullivan", category="REQUEST"),
        ]
    assert grouped(asked("In the email, ")) == {frozenset({"v1", "v2"})}
    assert grouped(asked("In two other instances, ")) == {frozenset({"v1"}), frozenset({"v2"})}
    assert grouped(asked("In a separate incident, ")) == {frozenset({"v1"}), frozenset({"v2"})}


def test_a_trigger_ending_its_clause_with_too_is_one_more_of_its_kind():
    reports = [
        report(1, "rejected", "Clinton proposed a New York debate on April 4, but the Sanders campaign rejected "
               "the idea.", actor="Bernie Sanders", category="REJECT"),
        report(2, "rejected", "Clinton proposed a debate on April 15, but Sanders rejected that, too.",
               actor="Bernie Sanders", category="REJECT"),
    ]
    assert grouped(reports) == {frozenset({"v1"}), frozenset({"v2"})}
    assert not other_occasion("criticized", "He criticized her too harshly.")


def test_two_reports_each_naming_a_party_the_other_lacks_need_more_than_a_repeated_trigger():
    """"attacks from Chris Christie" and "her relentless attacks on Clinton": a repeated trigger,
    sentences that share next to nothing, and each names a party the other does not: the learned
    link does not join them."""
    reports = [
        report(1, "attacks", "He has drawn big crowds to town halls, but he seemed rattled by attacks from "
               "New Jersey Gov. Chris Christie at the final debate Saturday.", actor="Chris Christie",
               category="ACCUSE", day="2031-04-02"),
        report(3, "attacks", "But supporters hope her relentless attacks on Clinton just might make her a "
               "contender for the vice presidential slot down the road.", recipient="Bill Clinton",
               category="ACCUSE", day="2031-04-02"),
    ]
    reports[1].row["recipient_kind"] = "person"
    reports[1].recipient = participant_tokens("Bill Clinton", "person")
    assert grouped(reports) == {frozenset({"v1"}), frozenset({"v3"})}


def test_a_reference_in_other_words_naming_no_party_refers_back_to_the_nearest_of_its_kind():
    """"The inquiry" names nobody: it refers back to the nearest report of its kind (mode
    "investigate"), the FBI's investigation; "Their inquiry" into another matter names a party."""
    def probe(n: int, trigger: str, sentence: str, actor: str | None = None, mode: str = "investigate"):
        made = report(n, trigger, sentence, actor=actor, category="ACCUSE")
        made.row["mode"] = mode
        return made

    reports = [
        probe(1, "criticized", "Rubio criticized Clinton over her private server on Monday.", "Marco Rubio",
              "disapprove"),
        probe(2, "investigation", "Uncertainty has hung over Clinton, with the FBI conducting an investigation "
              "into her private server.", "FBI"),
        probe(3, "inquiry", "The inquiry has frustrated Clinton allies for months."),
    ]
    assert grouped(reports) == {frozenset({"v1"}), frozenset({"v2", "v3"})}
    reports[2] = probe(3, "inquiry", "Their inquiry into the Senate vote has frustrated Clinton allies.",
                       "Senate Republicans")
    assert grouped(reports) == {frozenset({"v1"}), frozenset({"v2"}), frozenset({"v3"})}


def test_two_reports_of_one_kind_with_sentences_that_say_much_the_same_are_one():
    """"Despite criticism, Obama deems ..." and "... deemed the release a trade-off, despite the
    complaints of critics": other triggers, no party shared, one kind (mode) and alike sentences."""
    def said(n: int, trigger: str, sentence: str, mode: str):
        made = report(n, trigger, sentence, category="ACCUSE")
        made.row["mode"] = mode
        return made

    criticism = said(1, "criticism", "Despite criticism, Obama deems certain releases a reasonable trade-off.",
                     "disapprove")
    complaints = said(2, "complaints", "Obama deemed the release of a few sanctions-busters a reasonable trade-off, "
                      "despite complaints from critics.", "disapprove")
    resemblance.use(resemblance.PairModel(resemblance.shipped().weights, threshold=1.01, keep=0.0))  # the rules alone
    try:
        assert grouped([criticism, complaints]) == {frozenset({"v1", "v2"})}
        complaints.row["mode"] = "allege"
        assert grouped([criticism, complaints]) == {frozenset({"v1"}), frozenset({"v2"})}
    finally:
        resemblance.use(None)


def test_one_word_before_one_trigger_links_within_an_article_unless_dated_elsewhere():
    """"an apparent terrorist attack" and "It's a terrorist attack!" in one article: the same
    word before the same trigger is evidence; not for "a terrorist attack in November", told
    with its own time, nor for a word that says nothing ("the attack")."""
    from sayso.ledger.identity import rule_link
    from sayso.ledger.trigger import dated_after, word_before

    lead = report(1, "attack", "A truck rammed into a crowd celebrating the festival in the harbour city of Varna "
                  "on Thursday night, killing 80 people in an apparent terrorist attack.", category="ASSAULT")
    quote = report(2, "attack", "People were shouting, 'It's a terrorist attack!'", category="ASSAULT")
    earlier = report(3, "attack", "Varna was rocked by a terrorist attack in November, when bombers struck.",
                     category="ASSAULT")
    plain = report(4, "attack", "Crowds ran from the attack on the promenade.", category="ASSAULT")
    assert word_before("attack", quote.row["sentence"]) == "terrorist"
    assert word_before("attack", plain.row["sentence"]) == "the"  # a function word: no evidence
    assert dated_after("attack", earlier.row["sentence"]) and not dated_after("attack", lead.row["sentence"])
    assert rule_link(lead, quote) is not None
    assert "terrorist attack" in rule_link(lead, quote).because
    assert rule_link(earlier, quote) is None
    assert rule_link(plain, quote) is None


def test_a_recipient_named_in_the_other_sentence_counts_as_shared_across_articles():
    """"Lund and Varga ... their meeting" (no recipient extracted) and "Lund is scheduled to meet
    with Varga": the actor shared, the other's recipient named in the sentence, one trigger stem:
    sentences that share a little are enough; without Varga in it they are not."""
    from sayso.ledger.identity import rule_link
    from sayso.ledger.stems import cosine

    told = report(1, "meeting", "Lund and Varga issued a statement describing their meeting as a positive step "
                  "toward unity of a party torn over his rise.", actor="Erik Lund", article="a1", category="CONSULT")
    plan = report(2, "meet", "Lund is scheduled to meet with Varga and other top lawmakers this Thursday in the "
                  "capital.", actor="Erik Lund", recipient="Anna Varga", article="a2", category="CONSULT")
    alone = report(3, "meeting", "Lund issued a statement describing the meeting as a positive step toward unity "
                   "of a party torn over his rise.", actor="Erik Lund", article="a3", category="CONSULT")
    assert 0.15 <= cosine(told.words, plan.words) < 0.3
    assert rule_link(told, plan) is not None
    assert rule_link(alone, plan) is None


def test_a_superlative_describes_a_happening_and_refers_back_to_none():
    """"the largest mass shooting in American history" ranks a happening: no reference back to
    the shootings told just before it."""
    assert not is_nominal("shooting", "This act of terror is the largest mass shooting in American history.")
    assert not is_nominal("attack", "It was the worst terrorist attack since 2001.")
    assert is_nominal("shooting", "The mass shooting prompted both candidates to cancel events.")


def test_a_reference_passing_over_a_report_without_its_party_refers_only_to_one_naming_it():
    """"the defection" names Ivo Sander; the nearest earlier defection names nobody and shares
    next to nothing with it, so it is passed over, and so is every earlier one that names
    nobody (the defection in Norland); one further back naming Sander is what it refers to."""
    from sayso.ledger.identity import antecedent

    cover = report(2, "defection", "We saw this style of cover-up in plain sight after the 2019 defection of a general.")
    behind = report(3, "defection", "Officials knew Ivo Sander was behind the defection, emails show.", actor="Ivo Sander")
    norland = report(1, "defection", "Officials call the defection in Norland a betrayal, emails show.")
    assert antecedent(behind, [norland, cover], 3) is None
    planned = report(1, "defection", "Officials say Ivo Sander planned the defection for months.", actor="Ivo Sander")
    made = antecedent(behind, [planned, cover], 3)
    assert made is not None and (made.a, made.b) == (planned.key, behind.key)
