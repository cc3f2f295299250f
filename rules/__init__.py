"""Built-in rule files, shipped inside the wheel as the package ``cleaner.rules``."""
