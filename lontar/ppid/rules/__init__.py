"""PPID rules as pure functions: deadlines, reminders, keberatan, request numbers, NIK."""
