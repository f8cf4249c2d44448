"""The audit trail's staff pages: province admins read the trail and verify the chain.

They sit above ``accounts`` and ``organisations`` (who may read; the organisation filter), so
``lontar.audit`` itself, which every app writes to, imports no app but ``core``.
"""
