"""E-mail (.eml, RFC 822) with the standard library: subject, sender and date, the body, then each attachment.

Attachments are read by the reader their content calls for; their pages follow the body's. An
attachment that cannot be read is noted with its reason; the message itself is still read.
"""

from __future__ import annotations

import email
import email.policy
import re
from email.message import EmailMessage
from email.utils import parsedate_to_datetime

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from regio.documents.readers.base import Attachment, Budget, PageText, Reader, ReadError, ReadResult
from regio.documents.readers.markup import HtmlReader
from regio.documents.readers.plain import head_text

_HEADER_LINE = re.compile(r"^[!-9;-~]+:")
_KNOWN_HEADERS = {
    "from", "to", "cc", "subject", "date", "message-id", "mime-version", "received", "return-path",
    "content-type", "reply-to", "delivered-to", "x-mailer", "user-agent", "in-reply-to", "references",
}  # fmt: skip


def _header_names(head: str) -> list[str] | None:
    """The header names at the start of `head`, or None when it does not start with a header block."""
    names = []
    for line in head.replace("\r\n", "\n").split("\n"):
        if not line:
            return names
        if line[0] in " \t" and names:
            continue  # a folded header line
        if not _HEADER_LINE.match(line):
            return None
        names.append(line.split(":", 1)[0].lower())
    return names


def _header(message: EmailMessage, name: str) -> str:
    try:
        return str(message.get(name, "") or "").strip()
    except (ValueError, IndexError, TypeError):
        # The email package raises these on some malformed headers; such a header is left out.
        return ""


class EmailReader(Reader):
    name = "email"
    label = _("e-mail")
    media_types = ("message/rfc822",)
    extensions = (".eml",)
    order = 40

    def recognises(self, data: bytes) -> bool:
        head = head_text(data)
        names = _header_names(head) if head else None
        if not names:
            return False
        known = set(names) & _KNOWN_HEADERS
        return len(known) >= 2 and bool(known & {"from", "subject", "received", "message-id"})

    def extract(self, data: bytes, budget: Budget) -> ReadResult:
        message = email.message_from_bytes(data, policy=email.policy.default)
        subject, sender, sent = _header(message, "subject"), _header(message, "from"), _header(message, "date")
        pages = [PageText(1, self._body(message))]
        result = self.result(pages, title=subject, author=sender)
        if sent:
            try:
                result.date = parsedate_to_datetime(sent).date()
            except (ValueError, TypeError):
                result.notes.append(format_lazy(_("The e-mail's date could not be read: {date}."), date=sent))
        if sender:
            result.notes.append(format_lazy(_("E-mail from {sender}."), sender=sender))
        for part in message.iter_attachments():
            self._attach(part, result, budget)
        return result

    def _body(self, message: EmailMessage) -> str:
        body = message.get_body(preferencelist=("plain", "html"))
        if body is None:
            return ""
        content = body.get_content()
        if body.get_content_subtype() == "html":
            return HtmlReader().read_text(content).pages[0].text
        return content.replace("\r\n", "\n").strip()

    def _attach(self, part: EmailMessage, result: ReadResult, budget: Budget) -> None:
        from regio.documents.readers.registry import read_document

        filename = part.get_filename() or _("(unnamed attachment)")
        attachment = Attachment(filename=str(filename), media_type=part.get_content_type())
        result.attachments.append(attachment)
        try:
            if budget.depth >= budget.limits.max_nesting:
                raise ReadError("nested_too_deep", _("Attachments are nested too deeply; this one was not read."))
            content = part.get_content()
            if isinstance(content, EmailMessage):
                data = content.as_bytes()
            elif isinstance(content, str):
                data = content.encode("utf-8")
            else:
                data = content
            inner = read_document(data, str(filename), budget=budget.nested(pages_before=len(result.pages)))
        except ReadError as error:
            attachment.error = error
            result.notes.append(
                format_lazy(_("The attachment {filename} could not be read: {reason}"), filename=filename, reason=error)
            )
            return
        except (ValueError, LookupError):
            attachment.error = ReadError("damaged", _("The attachment is damaged."))
            result.notes.append(format_lazy(_("The attachment {filename} is damaged."), filename=filename))
            return
        first = len(result.pages) + 1
        for page in inner.pages:
            result.pages.append(PageText(len(result.pages) + 1, page.text, page.ocr))
        attachment.media_type = inner.media_type
        attachment.first_page, attachment.last_page = first, len(result.pages)
        if first == len(result.pages):
            note = format_lazy(_("Page {page} is the attachment {filename}."), page=first, filename=filename)
        else:
            note = format_lazy(
                _("Pages {first}–{last} are the attachment {filename}."),
                first=first,
                last=len(result.pages),
                filename=filename,
            )
        result.notes.append(note)
        result.notes.extend(inner.notes)
