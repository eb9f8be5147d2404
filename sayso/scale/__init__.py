"""scale: stream extraction in bounded batches, in parallel processes or on a Dask cluster,
with resume, a progress bar, a clean Ctrl-C and failures recorded per article.

    from sayso.scale import run_extraction
    for result in run_extraction(articles, settings, workers=4, skip=ledger.known):
        ...  # a Record, or a Failure with its origin and error
"""
from sayso.scale.progress import RunStats, estimate_total
from sayso.scale.resume import ids_in_jsonl, skip_known
from sayso.scale.run import Extraction, add_scale_arguments, run_extraction, run_files, run_from_args

__all__ = [
    "Extraction",
    "RunStats",
    "add_scale_arguments",
    "estimate_total",
    "ids_in_jsonl",
    "run_extraction",
    "run_files",
    "run_from_args",
    "skip_known",
]
