"""Which passwords staff may choose: the CNIL's rule for a password used alone (its
2022 recommendation): long enough, not a well-known one, not their own address; no
composition rules (they make passwords harder to remember, not to guess)."""

from dataclasses import dataclass

MIN_LENGTH = 12
# Argon2 hashes whatever it is given; a bound keeps a megabyte "password" from costing
# more than a sign-in should.
MAX_LENGTH = 256

# The most used passwords of 12 characters or more (shorter ones fail on length anyway),
# from public breach lists, French ones included; compared without case or spaces.
COMMON = frozenset({
    "123456789012", "1234567890123", "12345678901234", "123456789123", "1234567891011",
    "111111111111", "000000000000", "123123123123", "121212121212", "098765432109",
    "qwertyuiopas", "qwerty123456", "qwertyuiop123", "qwertyuiop12", "1qaz2wsx3edc",
    "1q2w3e4r5t6y", "azertyuiop12", "azertyuiop123", "azerty123456", "azertyazerty",
    "password1234", "password12345", "password123456", "passwordpassword",
    "motdepasse12", "motdepasse123", "motdepasse1234", "motdepassemotdepasse",
    "iloveyou1234", "jetaime123456", "jetaimejetaime", "soleil123456", "bonjour12345",
    "bonjour123456", "doudou123456", "chouchou1234", "marseille1234", "liverpool1234",
    "administrator", "administrateur", "changeme1234", "welcome12345", "letmein12345",
    "sohosolo1234", "sohosologers", "soho-solo-gers", "motdepassesoho", "abcdefghijkl",
    "abc123456789", "aaaaaaaaaaaa", "passw0rd1234", "p@ssw0rd1234", "superman1234",
    "football1234", "baseball1234", "starwars1234", "princess1234", "dragon123456",
})


@dataclass(frozen=True)
class Problem:
    code: str
    fr: str
    en: str

    def message(self, lang: str) -> str:
        return self.en if lang == "en" else self.fr


TOO_SHORT = Problem("too_short", f"Choisissez au moins {MIN_LENGTH} caractères.",
                    f"Choose at least {MIN_LENGTH} characters.")
TOO_LONG = Problem("too_long", f"Choisissez au plus {MAX_LENGTH} caractères.",
                   f"Choose at most {MAX_LENGTH} characters.")
COMMON_PASSWORD = Problem("common", "Ce mot de passe est trop courant : choisissez-en un autre.",
                          "This password is too common: choose another one.")
CONTAINS_EMAIL = Problem("contains_email",
                         "Le mot de passe ne doit pas contenir votre adresse email.",
                         "The password must not contain your email address.")


def _squashed(text: str) -> str:
    return "".join(text.lower().split())


def password_problems(password: str, email: str) -> list[Problem]:
    """What is wrong with `password` for the account of `email` (empty when it will do)."""
    if len(password) < MIN_LENGTH:
        return [TOO_SHORT]
    if len(password) > MAX_LENGTH:
        return [TOO_LONG]
    problems = []
    squashed = _squashed(password)
    if squashed in COMMON or len(set(squashed)) <= 2:  # "aaaaaaaaaaaa", "abababababab"
        problems.append(COMMON_PASSWORD)
    local_part = _squashed(email.partition("@")[0])
    if len(local_part) >= 3 and local_part in squashed:
        problems.append(CONTAINS_EMAIL)
    return problems


MISMATCH = Problem("mismatch", "Les deux mots de passe ne sont pas identiques.",
                   "The two passwords are not the same.")
