"""geo: the larger offline gazetteer (admin areas, named regions), the learned toponym ranker,
names that are institutions rather than places, and the geoparsing corpora readers."""
