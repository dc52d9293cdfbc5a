"""The menu of each role, and where each role starts (the pages behind the front door)."""

from dataclasses import dataclass

from shared.roles import Role


@dataclass(frozen=True)
class MenuItem:
    href: str
    fr: str
    en: str
    admin_only: bool = False

    def label(self, lang: str) -> str:
        return self.en if lang == "en" else self.fr


MENUS: dict[Role, tuple[MenuItem, ...]] = {
    Role.STAFF: (
        MenuItem("/staff/prospects/", "Prospects", "Prospects"),
        MenuItem("/staff/prospects/search", "Rechercher", "Search"),
        MenuItem("/staff/cases/", "Installations", "Installations"),
        MenuItem("/staff/villages/", "Villages", "Villages"),
        MenuItem("/staff/members/", "Membres", "Members"),
        MenuItem("/staff/telecentres/", "Télécentres", "Telecentres"),
        MenuItem("/staff/deliveries/", "Envois", "Deliveries"),
        MenuItem("/staff/", "Chiffres clés", "Key figures"),
        MenuItem("/staff/accounts", "Comptes de l'équipe", "Team accounts", admin_only=True),
    ),
    Role.SOLO: (MenuItem("/members/", "Accueil", "Home"),
                MenuItem("/members/book", "Réserver un poste", "Book a desk"),
                MenuItem("/members/bookings", "Mes réservations", "My bookings"),
                MenuItem("/members/directory/", "Annuaire des membres", "Members' directory")),
    Role.COMMITTEE: (MenuItem("/committees/", "Mon village", "My village"),
                     MenuItem("/committees/notifications", "Être prévenu", "How we tell you")),
}
# Everyone's menu on the public site (and on any page seen without signing in).
PUBLIC_MENU = (MenuItem("/", "Le programme", "The programme"),
               MenuItem("/villages/", "Les villages", "The villages"),
               MenuItem("/telecentres", "Télécentres et coworking", "Telecentres and coworking"),
               MenuItem("/key-figures", "Chiffres clés", "Key figures"))
HOMES = {Role.STAFF: "/staff/", Role.SOLO: "/members/", Role.COMMITTEE: "/committees/"}


def menu_for(role: Role | None, *, admin: bool = False) -> tuple[MenuItem, ...]:
    if role is None:
        return PUBLIC_MENU
    return tuple(item for item in MENUS[role] if admin or not item.admin_only)


def home_of(role: Role) -> str:
    return HOMES[role]
