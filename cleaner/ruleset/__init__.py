"""Rule files: `model` (data only), `load` (YAML to a validated `RuleSet`), `select` (which files
apply to a document), `match` (running their patterns on one document: `scan`, `budget`,
`re2set`), `pattern` (what a pattern's source says), `examples` (each rule's examples as tests)."""
