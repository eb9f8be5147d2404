"""Where contents start and end, and which statements stand on their own (PolNeAR's conventions)."""
from __future__ import annotations

from conftest import attribution_with_cue as with_cue
from conftest import extract_checked as found
from sayso.stages.attribution import outermost
from sayso.stages.attribution.quotes import find_quotes


def test_a_quotation_right_after_a_quoted_content_runs_on_in_it():
    text = ("The harbour master added: “The first boats left at dawn.”\n\n"
            "“The second fleet stayed in port because of the storm warnings.”\n")
    r = found(text)
    a = with_cue(r, "added:")
    assert [c.text for c in a.content] == ["“The first boats left at dawn.”",
                                           "“The second fleet stayed in port because of the storm warnings.”"]
    assert not [x for x in r.attributions if x.cue is None and x.content]


def test_a_quotation_after_the_cue_and_its_speaker_is_a_statement_of_its_own():
    text = ("“The dam will hold,” the chief engineer said.\n\n"
            "“We checked it twice and found no cracks at all in the wall.”\n")
    r = found(text)
    assert [x.content[0].text[:9] for x in r.attributions if x.cue is None and x.content] == ["“We check"]


def test_a_straight_mark_after_a_word_closes_a_curly_quotation():
    text = '“I fundamentally disagree," said Mick Lee, a retired general. “It will fail.”'
    quotes = [text[q.start:q.end] for q in find_quotes(text)]
    assert quotes == ['“I fundamentally disagree,"', "“It will fail.”"]
    a = with_cue(found(text), "said")
    assert a.parent is None and a.content[0].text == '“I fundamentally disagree,"'


def test_a_straight_mark_before_a_word_opens_a_quotation_inside_a_curly_one():
    text = '“They called it "a disaster" and left,” the mayor said.'
    assert [text[q.start:q.end] for q in find_quotes(text)] == ['“They called it "a disaster" and left,”']


def test_a_dateline_is_neither_a_speaker_nor_part_of_the_content():
    text = "WASHINGTON — The bill will pass before the recess, the senator said on Monday."
    r = found(text)
    assert not [a for a in r.attributions if a.source.text.startswith("WASHINGTON")]
    a = with_cue(r, "said")
    assert [c.text for c in a.content] == ["The bill will pass before the recess"]


def test_a_content_never_holds_its_own_cue():
    r = found("The governor said on Friday that the bridge would reopen in March, aides said.")
    for a in outermost(r.attributions):
        for c in a.content:
            assert not (c.start < a.cue.end and a.cue.start < c.end)


def test_a_second_reporting_clause_ends_the_first_content():
    text = "Among the voters, 74 percent said they are set on the mayor, while 22 percent said they might change their minds."
    r = found(text)
    contents = sorted(c.text for a in outermost(r.attributions) for c in a.content)
    assert contents == ["they are set on the mayor", "they might change their minds"]


def test_a_headline_name_before_a_colon_is_the_speaker():
    text = "Mayor Ortiz: The new bridge will open in the spring.\n\nThe city council met on Monday to vote on the budget.\n"
    r = found(text)
    a = with_cue(r, ":")
    assert a.source.text == "Mayor Ortiz"
    assert [c.text for c in a.content] == ["The new bridge will open in the spring"]


def test_an_interview_transcript_letter_is_not_a_speaker():
    text = "Q: Will the new bridge open in the spring?\n\nA: The engineers said that it will open in May.\n"
    r = found(text)
    assert not [a for a in r.attributions if a.source.text in ("Q", "A")]


def test_a_closing_appositive_stays_in_the_content():
    r = found("The senator praised Ana Ruiz, the city's new police chief.")
    a = with_cue(r, "praised")
    assert [c.text for c in a.content] == ["Ana Ruiz, the city's new police chief"]


def test_a_closing_which_clause_is_the_writers_aside():
    r = found("The governor criticized the new toll plan, which takes effect in March.")
    a = with_cue(r, "criticized")
    assert [c.text for c in a.content] == ["the new toll plan"]


def test_a_closing_indefinite_apposition_is_the_writers_aside():
    r = found("The union praised the pay deal, a rise of four percent over two years.")
    a = with_cue(r, "praised")
    assert [c.text for c in a.content] == ["the pay deal"]


def test_where_it_was_said_is_not_the_content():
    r = found("The mayor criticized the railway company at a meeting in the town hall.")
    a = with_cue(r, "criticized")
    assert [c.text for c in a.content] == ["the railway company"]


def test_a_second_said_without_a_subject_is_a_statement_of_the_first_speaker():
    text = "The coach said his players have earned a rest and said that the team will train again in May."
    r = found(text)
    statements = sorted((a.source.text, a.content[0].text) for a in outermost(r.attributions))
    assert statements == [("The coach", "his players have earned a rest"),
                          ("The coach", "that the team will train again in May")]


def test_a_second_speaker_with_a_subject_of_its_own_ends_the_first_content():
    text = "Six in 10 farmers said the harvest was good, and a third said the same of the prices."
    r = found(text)
    contents = sorted(a.content[0].text for a in outermost(r.attributions))
    assert contents == ["the harvest was good", "the same of the prices"]


def test_one_capitalized_word_before_a_headline_colon_is_the_speaker():
    text = "Survey: Most Drivers Want Cheaper Parking in the City Centre.\n\nThe survey asked 900 drivers.\n"
    a = with_cue(found(text), ":")
    assert a.source.text == "Survey"


def test_a_one_word_headline_label_is_no_speaker():
    for label in ("Bombshell", "Newspaper"):
        text = f"{label}: The Council Gave The Mayor A New Reason To Worry.\n\nThe council met on Monday.\n"
        assert not [a for a in found(text).attributions if a.source.text == label]


def test_a_one_word_name_the_article_names_is_the_headline_speaker():
    text = ("Okafor: The Budget Will Pass Before The Summer.\n\n"
            "Mayor Ada Okafor spoke to the council on Monday about the harbour.\n")
    assert with_cue(found(text), ":").source.text == "Okafor"


def test_a_number_after_a_colon_is_not_a_statement():
    r = found("Total: 1,547.\n\nThe count ended on Monday night.\n")
    assert not [a for a in r.attributions if a.source.text == "Total"]


def test_a_party_label_closing_with_a_full_stop_stays_in_the_source():
    text = "Sen. Pat Doe (I-Vt.) said the budget would pass in the autumn."
    a = with_cue(found(text), "said")
    assert a.source.text == "Sen. Pat Doe (I-Vt.)"


def test_a_dash_before_a_relative_clause_is_not_a_speakers_dash():
    text = ("On Monday, Okafor—who had backed the first plan and written the bill—will host a dinner "
            "for the new mayor.\n")
    r = found(text)
    assert not [a for a in r.attributions if a.cue is not None and a.cue.text == "—"]


def test_a_line_opening_with_a_curly_mark_closes_the_open_quotation():
    text = ("The council met on Monday.\n\n"
            "“The budget is tight and the roads need work.\n"
            "“We will repair the bridges first,” the treasurer said.\n")
    quotes = [text[q.start:q.end] for q in find_quotes(text)]
    assert quotes == ["“The budget is tight and the roads need work.", "“We will repair the bridges first,”"]
    a = with_cue(found(text), "said")
    assert [c.text for c in a.content] == ["“We will repair the bridges first,”"]


def test_an_abbreviation_keeps_its_full_stop_at_the_content_end():
    a = with_cue(found("The minister said she would ban the import of coal into the U.K."), "said")
    assert [c.text for c in a.content] == ["she would ban the import of coal into the U.K."]
    b = with_cue(found("The minister said she would ban the import of coal."), "said")
    assert [c.text for c in b.content] == ["she would ban the import of coal"]


def test_a_label_in_lower_case_before_a_colon_is_no_speaker():
    text = "The vote is on Tuesday.\n\nEditor’s note: Pat Doe has changed his position on the budget twice.\n"
    r = found(text)
    assert not [a for a in r.attributions if a.cue is not None and a.cue.text == ":"]


def test_a_quotation_whose_paragraphs_were_run_together_goes_on_in_one_group():
    text = ('The club said it regretted the damage. "The behaviour of a few fans was unacceptable. '
            '"The priority now is to help the visitors." Police made no arrests.')
    quotes = find_quotes(text)
    assert [text[q.start:q.end] for q in quotes] == [
        '"The behaviour of a few fans was unacceptable.', '"The priority now is to help the visitors."']
    assert quotes[0].group == quotes[1].group
    closed = 'He said "it is over. " Then he left.'  # a space before the closing mark, no capital after
    assert [closed[q.start:q.end] for q in find_quotes(closed)] == ['"it is over. "']


def test_an_opening_curly_mark_where_a_quotation_ends_closes_it():
    text = "“We will help the coaches,“ the director said. He added that the courses were free. “Yes.”"
    assert [text[q.start:q.end] for q in find_quotes(text)] == ["“We will help the coaches,“", "“Yes.”"]
    nested = "“They called it “a disaster” and left,” the mayor said."
    assert [nested[q.start:q.end] for q in find_quotes(nested)] == [nested[:nested.index(" the mayor")]]


def test_a_second_that_clause_joined_to_the_cue_is_content_too():
    text = "The principal said she is grateful for the grant, albeit small, but that the state is far from funding schools."
    a = with_cue(found(text), "said")
    assert [c.text for c in a.content] == [text[text.index("she is"):-1]]


def test_according_to_a_source_with_its_own_clauses_holds_the_clause_before_it():
    text = ("Now the council is looking into whether the mayor broke the rules, according to two aides "
            "who spoke to the Herald but were not allowed to speak on the record.")
    a = with_cue(found(text), "according to")
    assert [c.text for c in a.content] == ["Now the council is looking into whether the mayor broke the rules"]


def test_a_list_the_cue_interrupts_goes_on_in_the_content():
    text = "The letters were on many subjects, the Herald said, including budgets, roads and schools."
    a = with_cue(found(text), "said")
    assert [c.text for c in a.content] == ["The letters were on many subjects", "including budgets, roads and schools"]


def test_a_cue_closing_its_paragraph_with_a_colon_quotes_the_next_paragraph():
    text = ("The council met on Monday.\n\nAccording to Jane Roe, writing for the Herald:\n\n"
            "The mayor sold the harbour in May, the Gazette reported. Nobody was told.\n\nThe vote is in June.\n")
    r = found(text)
    roe = with_cue(r, "According to")
    assert [c.text for c in roe.content] == ["The mayor sold the harbour in May, the Gazette reported. Nobody was told"]
    assert with_cue(r, "reported").parent == roe.id


def test_a_verb_that_needs_a_clause_takes_no_quotation_after_its_object():
    text = ('Two years before the public learned of the secret fund, the council gave an "inaccurate and incomplete" '
            "answer about its accounts when it told a watchdog that it had no records, according to an audit.")
    r = found(text)
    assert not [a for a in r.attributions if a.cue is not None and a.cue.text == "learned"]


def test_a_statement_made_is_the_saying_not_what_is_said():
    text = "The ministry made its statement in response to a request from a watchdog group in Vienna."
    assert not [a for a in found(text).attributions if a.cue is not None and a.cue.text == "made"]


def test_a_generic_you_seeing_or_knowing_is_no_speaker():
    text = "“Otherwise, you see what has happened in the north with the floods,” the mayor said."
    assert not [a for a in found(text).attributions if a.source.text == "you"]


def test_a_second_that_clause_after_a_cue_hung_on_a_preposition():
    text = ("Mayor Jane Roe told the audience at her fundraiser for veterans that she and the council had "
            "multiple conversations Monday but that nothing could change her mind.")
    a = with_cue(found(text), "told")
    assert a.content[-1].text.endswith("but that nothing could change her mind")


def test_a_clause_before_a_colon_is_not_the_content_of_a_cue_after_it():
    text = ("But the council itself has struggled to make that case: campaigning in the north, the mayor "
            "seems to have found that a calm message works better for her.")
    r = found(text)
    assert not [a for a in r.attributions for c in a.content if "struggled" in c.text]


def test_of_two_subjects_the_parse_gave_a_cue_the_one_next_to_it_speaks():
    text = "On the morning show, co-host Mika Roe asked the mayor about his plan to close the port."
    a = with_cue(found(text), "asked")
    assert "Mika Roe" in a.source.text


def test_a_clause_after_a_dash_is_not_the_content():
    text = ("He added: “The mayor and those around her think that Western liberal values are incompatible "
            "with mainstream Islam -- Leeds has proved her wrong.”")
    a = with_cue(found(text), "think")
    assert [c.text for c in a.content] == ["that Western liberal values are incompatible with mainstream Islam"]


def test_the_reaction_a_statement_drew_is_not_its_content():
    text = ("The mayor had first welcomed the vote and said she would make an exception for the port, "
            "drawing a sharp reply from the council.")
    a = with_cue(found(text), "said")
    assert a.content[-1].text.endswith("an exception for the port")


def test_a_cue_whose_object_points_back_says_nothing_new():
    text = ("Veteran actress Jane Roe has said that horrific stories abound in the film industry. She said this "
            "while answering questions from newsmen yesterday after the launch of ‘Disowned’, a book by Mary Doe "
            "about abuse, at the Terra hall in Lagos.")
    said = [a for a in found(text).attributions if a.cue is not None and a.cue.text == "said"]
    assert not [a for a in said for c in a.content if "launch" in c.text]
