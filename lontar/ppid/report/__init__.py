"""The annual and semester report of the PPID service: compute (pure) ← data, render ← xlsx ← cache."""
