"""The OpenAPI description of what the API really answers: every operation lists its problem+json
errors (with a schema) and the API-Version header, next to its success response."""

from __future__ import annotations

from drf_spectacular.openapi import AutoSchema as SpectacularAutoSchema
from rest_framework import serializers

from regio.publication.api import API_VERSION

PROBLEM_MEDIA_TYPE = "application/problem+json"
ERROR_DESCRIPTIONS = {
    "400": "Invalid query parameters or body; `invalidParams` lists every invalid field.",
    "401": "The token is missing or invalid.",
    "403": "The token's user may not do this.",
    "404": "There is no such resource, or it is not public.",
    "406": "The Accept header excludes JSON.",
    "413": "The request body is too large.",
    "415": "The request body is not JSON.",
    "412": "If-Match does not match the current ETag: it has changed since it was fetched; nothing was saved.",
}
READ_ERRORS = ("400", "401", "404", "406")
WRITE_ERRORS = ("400", "401", "403", "404", "406", "413", "415")


class InvalidParamSerializer(serializers.Serializer):
    name = serializers.CharField(help_text="The query parameter or body field, e.g. pageSize or speerpunten.")
    code = serializers.CharField(help_text="A stable code for the kind of error.")
    reason = serializers.CharField(help_text="What is wrong, in Dutch.")


class ProblemSerializer(serializers.Serializer):
    """RFC 9457 problem details, as every error of the API is answered."""

    type = serializers.CharField(help_text="A URI identifying the kind of problem.")
    code = serializers.CharField()
    title = serializers.CharField()
    status = serializers.IntegerField()
    detail = serializers.CharField()
    instance = serializers.CharField(required=False, help_text="The path of the request.")
    invalidParams = InvalidParamSerializer(many=True, required=False)

    class Meta:
        ref_name = "Problem"


class AutoSchema(SpectacularAutoSchema):
    def get_operation(self, path, path_regex, path_prefix, method, registry):
        operation = super().get_operation(path, path_regex, path_prefix, method, registry)
        if operation is None:
            return None
        problem_ref = self.resolve_serializer(ProblemSerializer(), "response").ref
        responses = operation.setdefault("responses", {})
        codes = WRITE_ERRORS if method.upper() in ("POST", "PUT", "PATCH") else READ_ERRORS
        for code in codes:
            responses.setdefault(
                code, {"description": ERROR_DESCRIPTIONS[code], "content": {PROBLEM_MEDIA_TYPE: {"schema": problem_ref}}}
            )
        if any(p.get("in") == "header" and p.get("name") == "If-Match" for p in operation.get("parameters", [])):
            responses.setdefault(
                "412", {"description": ERROR_DESCRIPTIONS["412"], "content": {PROBLEM_MEDIA_TYPE: {"schema": problem_ref}}}
            )
        for response in responses.values():
            response.setdefault("headers", {})["API-Version"] = {
                "description": "The version of the API that answered.",
                "schema": {"type": "string", "example": API_VERSION},
                "required": True,
            }
        return operation
