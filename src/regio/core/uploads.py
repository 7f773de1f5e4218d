"""Request bodies within REGIO_MAX_UPLOAD_MB: refused from Content-Length before they are read.

`BodySizeLimitMiddleware` answers 413 as soon as a request announces a body larger than the limit
(plus room for the form around the file), so not a byte of it is read. A body without a length
(chunked) is still read by `LimitedTemporaryFileUploadHandler`, which writes file parts to a
temporary file on disk (never memory) and stops reading when the limit is passed.
"""

from __future__ import annotations

from django.conf import settings
from django.core.files.uploadhandler import StopUpload, TemporaryFileUploadHandler
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

MB = 1024 * 1024
# Room for the other form fields and the multipart boundaries around the file.
FORM_OVERHEAD = 1 * MB


def max_body_bytes() -> int:
    return settings.REGIO_MAX_UPLOAD_MB * MB + FORM_OVERHEAD


def too_large_message() -> str:
    return _("The file is too large: at most %(mb)s MB can be uploaded.") % {"mb": settings.REGIO_MAX_UPLOAD_MB}


class BodySizeLimitMiddleware:
    """413 for a request whose Content-Length exceeds the upload limit, before the body is read."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return HttpResponse(_("The request has an invalid Content-Length."), status=400,
                                content_type="text/plain; charset=utf-8")
        if length > max_body_bytes():
            response = HttpResponse(too_large_message(), status=413, content_type="text/plain; charset=utf-8")
            # The unread body cannot be followed by another request on this connection.
            response["Connection"] = "close"
            return response
        return self.get_response(request)


class LimitedTemporaryFileUploadHandler(TemporaryFileUploadHandler):
    """Streams each uploaded file to a temporary file and stops once the body passes the limit."""

    def __init__(self, request=None):
        super().__init__(request)
        self.received = 0

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > settings.REGIO_MAX_UPLOAD_MB * MB:
            if self.request is not None:
                self.request.upload_too_large = True
            self.file.close()
            raise StopUpload(connection_reset=True)
        return super().receive_data_chunk(raw_data, start)
