"""The registers of requests (permohonan) and keberatan: one filter, shared columns and exports."""
