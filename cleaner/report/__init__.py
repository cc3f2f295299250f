"""The report: `build` makes the versioned dict from a result, `view` the HTML page a person reads."""
