"""Personal data of requesters: encrypted fields, the identity blind index, tracking tokens, signed links."""
