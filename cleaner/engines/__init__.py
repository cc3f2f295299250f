"""Running many documents: every engine cleans a record through `record.clean_one`.

    record   one record in, its result or the failure that stands for it
    local    the CLI's corpus run: files, folders, JSONL; progress, rejects, resume
    pool     the process pool behind `--jobs`, in input order, with back-pressure
    worker   what a pool process does with one task
    batch    `clean_batch`: a pandas or Arrow batch, for any engine's batch map
    ray      Ray Data: `clean_dataset` and `cleaner clean --engine ray`
"""
