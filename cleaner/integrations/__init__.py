"""Steps for the pipelines corpus builders already run; each module needs its extra.

    datatrove   CleanText, a datatrove pipeline step (extra `datatrove`)

Hugging Face `datasets` needs no module of its own: `cleaner.engines.batch.clean_batch`
is a batched `Dataset.map` function as it is (docs/corpora.md).
"""
