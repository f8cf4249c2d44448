"""Reads of PPID records: requests (and public bodies), DIP/DIK, keberatan."""
