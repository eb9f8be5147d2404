"""The stages, in the order data flows through them (sayso.pipeline.STAGES runs them so):

    clean         boilerplate marked, never deleted            (before the parse)
    entities      mentions of people, organisations, media joined (mentions, coref)
    attribution   reported speech and thought: source, cue, content, chains
    events        category, mode, trigger, arguments, status and polarity
    places        place mentions resolved against the gazetteer
    dates         time expressions resolved against the publication date ("times")
    actors        country and sector of each entity
    anchor        the place and date of each event

Each stage is declared with `sayso.stages.base.stage(name, needs=, sets=)`.
"""
