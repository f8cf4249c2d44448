"""The errors of the CKAN Action API, each with its ``__type`` and HTTP status."""

from __future__ import annotations


class ActionError(Exception):
    type_name = "Internal Server Error"
    status = 500

    def __init__(self, message: str = "", fields: dict[str, list[str]] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.fields = fields or {}

    def body(self) -> dict:
        error: dict = {"__type": self.type_name, "message": self.message}
        error.update(self.fields)
        return error


class NotFound(ActionError):
    type_name = "Not Found Error"
    status = 404


class NotAuthorized(ActionError):
    type_name = "Authorization Error"
    status = 403


class ValidationFailed(ActionError):
    type_name = "Validation Error"
    status = 409


class SearchQueryError(ActionError):
    type_name = "Search Query Error"
    status = 400


class BadRequest(ActionError):
    """Not an action error in CKAN (it answers 400 "Bad request - …"); kept in the same envelope."""

    type_name = "Bad Request"
    status = 400
