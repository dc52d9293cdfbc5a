"""How text is compared: emails as one identity, names for search and sorting."""

import re
import unicodedata

_WHITESPACE = re.compile(r"\s+")
_SEPARATORS = re.compile(r"[\s\-'’`´_.]+")
_NOT_A_DIGIT = re.compile(r"[^0-9]")
_NOT_A_WORD = re.compile(r"[\W_]+")


def email_identity(email: str) -> str:
    """The key that makes two spellings of an address the same person: Unicode NFKC,
    case folded, every space removed (" Marie.Dupont@Exemple.FR " is
    "marie.dupont@exemple.fr")."""
    text = unicodedata.normalize("NFKC", email)
    text = _WHITESPACE.sub("", text).casefold()
    return unicodedata.normalize("NFKC", text)


def without_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def search_text(*parts: str | None) -> str:
    """What staff search matches against: case and accents folded, spaces collapsed."""
    joined = " ".join(p for p in parts if p)
    return _WHITESPACE.sub(" ", without_accents(unicodedata.normalize("NFKC", joined))
                           .casefold()).strip()


def folded(name: str) -> str:
    """A name as people mean it: `L'Isle-Jourdain` = `l isle jourdain` = `LISLE JOURDAIN`."""
    plain = without_accents(unicodedata.normalize("NFKC", name)).casefold()
    return _SEPARATORS.sub(" ", plain).strip()


def searchable(first_name: str, last_name: str, email: str, phone: str | None = None,
               origin_city: str | None = None) -> str:
    """Names, the email's local part, the town of origin and the phone's digits
    (`phone_digits`). The domain is left out: everyone at gmail.com matches it, and its
    trigrams would make every search walk the whole index. A complete address is looked up
    by its identity instead (`email_identity`). migrations/0002.search.sql says the same in
    SQL (search_folded, search_phone)."""
    text = search_text(first_name, last_name, email.rsplit("@", 1)[0], origin_city)
    digits = phone_digits(phone) if phone else None
    return f"{text} {digits}" if digits else text


def search_words(*parts: str | None) -> list[str]:
    """The words a person is found by (or a search looks for), folded, each once, in the
    order given ("Jean-Pierre Le Gall", "Liège": ["jean", "pierre", "le", "gall", "liege"]).
    Single letters are left out."""
    return list(dict.fromkeys(w for w in _NOT_A_WORD.split(search_text(*parts))
                              if len(w) > 1))


def phone_digits(phone: str) -> str | None:
    """A phone number as searched: its digits without leading zeros, so "06 12 34 56 78"
    ("612345678") is found inside "+33 6 12 34 56 78" ("33612345678")."""
    digits = _NOT_A_DIGIT.sub("", unicodedata.normalize("NFKC", phone)).lstrip("0")
    return digits or None


def sort_key(name: str) -> str:
    """The order staff expect a list of names in, whatever the database collation."""
    return search_text(name)


def like_pattern(query: str) -> str:
    """A LIKE pattern matching `query` anywhere, its own % and _ taken literally."""
    escaped = query.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"
