"""``{% document_signature url filename %}``: how to check a document's Ed25519 signature offline."""

from __future__ import annotations

from typing import Any

from django import template

from lontar.core import signing

register = template.Library()


@register.inclusion_tag("core/_signature.html")
def document_signature(signature_url: str, pdf_name: str) -> dict[str, Any]:
    if not signing.available():
        return {"available": False}
    return {
        "available": True,
        "signature_url": signature_url,
        "pdf_name": pdf_name,
        "key_id": signing.key_id(),
    }
