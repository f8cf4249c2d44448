"""Export and import in the SIA-SPBE field layout (reference §2.2): one sheet per object type,
columns named as in SIA-SPBE, a stable ID column that makes an import idempotent."""
