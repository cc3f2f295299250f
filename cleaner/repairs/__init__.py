"""Repairs of damaged tokens, one module per kind of damage.

Each module exposes one entry point, `find(text, ...)`, yielding
`cleaner.edits.Edit`s on the text (and, where a repair is unsure,
`cleaner.edits.Suspect`s); `cleaner.stages.tokens` runs them. Every one
first scans the text for its trigger shape and does nothing more on text
without it: clean text pays one regular-expression scan per family.
"""
