"""Generic chrome detection from the shape of plain text (the heuristics stage's parts).

- `lexicon`: the justext stoplists, language detection by stopword overlap,
  and the short phrase lists of share, cookie and newsletter prompts;
- `stoplists`: the stoplists' word index, read through the cache a part at a time;
- `features`: one pass over the lines, one `LineFeatures` per line;
- `classify`: jusText's paragraph classes and its context smoothing;
- `detectors`: the named detectors (comment sections, stamped entries,
  teaser lists, navigation runs, share rows, prompts, captions next to
  credits);
- `neardup`: exact and near-duplicate lines (Simhash with banded buckets).

The stage that runs them is `cleaner.stages.heuristics.Heuristics`.
"""
