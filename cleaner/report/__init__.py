"""The report: `build` makes the versioned dict from a result, `provenance` the few fields every
cleaned record carries, `view` the HTML page a person reads."""
