"""Rule files: `model` (data only), `sources` (where installed rule files are: rule packs, the
user's rules folder, CLEANER_RULES), `load` (YAML to a validated `RuleSet`), `select` (which files
apply to a document), `match` (running their patterns on one document: `scan`, `budget`,
`re2set`), `tokens` (the one reader of pattern source), `pattern` (what a pattern's source says),
`examples` (each rule's examples as tests)."""
