"""Reading and writing corpora: inputs (files, folders, stdin; documents, JSONL, WARC), outputs, rejects, stats.

    inputs     find inputs, tell JSONL from documents, walk folders safely
    naming     pair inputs with outputs (mirrored names, never outside -o DIR, never over an input)
    documents  clean one whole document (in a worker)
    jsonl      stream JSONL lines in, clean one record (in a worker), write records out
    warc       split a WARC into HTTP responses; read one response's page (in a worker)
    work       the picklable Worker each worker process receives once
    atomic     outputs written to a temporary file, then renamed
    rejects    the rejects log, kept in step with the committed outputs
    stats      the run's counts; progress: the progress bar
    records    the typed values passed between them
"""
