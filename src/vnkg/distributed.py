"""Per-article work on a Dask cluster: load, clean and extract on the workers.

``vnkg build --executor dask [--scheduler tcp://host:8786]`` sends each worker the paths of
a batch of articles (so the input folder must be readable by the workers: a shared
filesystem or object-store mount; a LocalCluster shares this machine's). A worker returns
plain picklable results, an ``Extraction`` or the ``ArticleError`` saying why a file was
skipped, and the client puts them back in input order, so the graph is byte-identical to
the single-process build. Resolution, RDF, validation and the store stay in the client:
they need every article at once.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from .model import ArticleError, Extraction

__all__ = ["load_and_extract", "extract_batch", "batches_of", "split_results"]

Progress = Callable[[int, int, str], None]
BATCH = 32          # articles per task: large enough to hide the scheduler's ~1 ms per task


def extract_batch(paths: Sequence[str], max_bytes: int) -> list[Extraction | tuple[str, str]]:
    """Load, clean and extract each file (runs on a worker); a bad file becomes (path, reason).

    Errors travel as tuples: ``ArticleError`` takes two arguments, which exceptions do not
    survive pickling with.
    """
    from .clean import clean
    from .chunks import extract_article
    from .load import read_article

    out: list[Extraction | tuple[str, str]] = []
    for path in paths:
        try:
            out.append(extract_article(clean(read_article(Path(path), max_bytes))))
        except ArticleError as err:
            out.append((err.path, err.reason))
        except (OSError, ValueError) as err:
            out.append((path, f"cannot read: {err}"))
    return out


def load_and_extract(paths: Sequence[Path], max_bytes: int, *, scheduler: str | None = None, workers: int = 2,
                     progress: Progress | None = None) -> tuple[list[Extraction], list[ArticleError]]:
    """Extractions and errors of ``paths``, in input order, computed on a Dask cluster.

    ``scheduler`` is the address of a running scheduler; without it a LocalCluster of
    ``workers`` single-threaded worker processes runs for the duration of the call.
    """
    from dask.distributed import Client, LocalCluster, as_completed

    batches = batches_of(paths)
    cluster = None
    if scheduler is None:
        # processes: the extractor is pure Python, threads would share one GIL
        cluster = LocalCluster(n_workers=max(1, workers), threads_per_worker=1, processes=True,
                               dashboard_address=None)
    try:
        with Client(scheduler or cluster) as client:
            futures = client.map(extract_batch, batches, max_bytes=max_bytes, pure=False)
            index = {f.key: i for i, f in enumerate(futures)}
            results: list[list | None] = [None] * len(batches)
            done = 0
            for future in as_completed(futures):
                items = future.result()
                results[index[future.key]] = items
                done += len(items)
                if progress:
                    progress(done, len(paths), batches[index[future.key]][-1])
    finally:
        if cluster is not None:
            cluster.close()
    return split_results(results)


def batches_of(paths: Sequence[Path]) -> list[list[str]]:
    names = [str(p) for p in paths]
    return [names[i:i + BATCH] for i in range(0, len(names), BATCH)]


def split_results(results: Sequence[Sequence[Extraction | tuple[str, str]] | None],
                  ) -> tuple[list[Extraction], list[ArticleError]]:
    """``extract_batch`` results, in order, as (extractions, errors)."""
    extractions, errors = [], []
    for batch in results:
        for item in batch or []:
            if isinstance(item, tuple):
                errors.append(ArticleError(*item))
            else:
                extractions.append(item)
    return extractions, errors
