"""Field types shared by the API and the form. Each refusal carries an error type of its
own (`text_control_characters`, `email_invalid`, `village_unknown`...) that the form turns
into a sentence in the page's language, and a message that names the problem in English."""

import re
import unicodedata
from typing import Annotated

from email_validator import EmailNotValidError, validate_email
from pydantic import AfterValidator, BeforeValidator, Field, StringConstraints
from pydantic_core import PydanticCustomError

from shared.reference.communes import communes
from shared.reference.countries import countries

_LINE_BREAKS = {"\n", "\r", "\t"}


def _is_encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate ("\ud800") from JSON
        return False
    return True


def _checked_text(text: str, *, multiline: bool) -> str:
    if not _is_encodable(text):
        raise PydanticCustomError("text_invalid_unicode", "text must be valid Unicode")
    allowed = _LINE_BREAKS if multiline else set()
    if any(unicodedata.category(ch) == "Cc" and ch not in allowed for ch in text):
        raise PydanticCustomError("text_control_characters",
                                  "text must not contain control characters (NUL, ...)")
    return text


def _line(text: str) -> str:
    return _checked_text(text, multiline=False)


def _paragraphs(text: str) -> str:
    return _checked_text(text, multiline=True).replace("\r\n", "\n")


def Line(max_length: int, min_length: int = 1):  # noqa: N802 (a type factory)
    """One line of text, trimmed, without control characters."""
    return Annotated[str, StringConstraints(strip_whitespace=True, min_length=min_length,
                                            max_length=max_length), AfterValidator(_line)]


def Paragraphs(max_length: int):  # noqa: N802
    return Annotated[str, StringConstraints(strip_whitespace=True, min_length=1,
                                            max_length=max_length),
                     AfterValidator(_paragraphs)]


def _email(value: str) -> str:
    value = _line(unicodedata.normalize("NFKC", value).strip())
    try:
        return validate_email(value, check_deliverability=False).normalized
    except EmailNotValidError as exc:
        raise PydanticCustomError("email_invalid", "not a valid email address: {reason}",
                                  {"reason": str(exc)}) from None


EmailAddress = Annotated[str, StringConstraints(max_length=254), AfterValidator(_email)]

_PHONE = re.compile(r"\+?[0-9 ().\-/]+")


def _phone(value: str) -> str:
    if not _PHONE.fullmatch(value) or sum(ch.isdigit() for ch in value) < 6:
        raise PydanticCustomError(
            "phone_invalid", "a phone number: digits, spaces, + ( ) . - only, 6 digits or more")
    return value


Phone = Annotated[str, StringConstraints(strip_whitespace=True, max_length=30),
                  AfterValidator(_line), AfterValidator(_phone)]


def _country(value: str) -> str:
    code = value.strip().upper()
    if code not in countries():
        raise PydanticCustomError("country_unknown",
                                  "not an ISO 3166-1 alpha-2 country code: {value}",
                                  {"value": value[:10]})
    return code


CountryCode = Annotated[str, StringConstraints(max_length=10), AfterValidator(_line),
                        AfterValidator(_country)]


def _insee_code(value: str) -> str:
    if value not in communes():
        raise PydanticCustomError("village_unknown",
                                  "not the INSEE code of a commune of the Gers: {value}",
                                  {"value": value[:10]})
    return value


def _unique(codes: list[str]) -> list[str]:
    return list(dict.fromkeys(codes))


InseeCode = Annotated[str, StringConstraints(strip_whitespace=True, max_length=10),
                      AfterValidator(_line), AfterValidator(_insee_code)]
VillageList = Annotated[list[InseeCode], Field(max_length=10), AfterValidator(_unique)]


def _none_if_blank(value: object) -> object:
    return None if isinstance(value, str) and not value.strip() else value


# An optional text where "" means "not given" (what an empty form field sends).
Blankable = BeforeValidator(_none_if_blank)

StaffName = Line(100)
