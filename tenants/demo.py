"""The demo partner network: the hub, seven cities, their departments and demo users."""

from dataclasses import dataclass

from django.db import transaction
from django_tenants.utils import tenant_context

from shared_apps.accounts.models import Role
from shared_apps.accounts.services import user_create
from tenant_apps.people.services import department_create, profile_set_department
from tenants.models import City
from tenants.services import city_create

DEMO_PASSWORD = "innovato-demo"  # noqa: S105 (published in the README, demo only)


@dataclass(frozen=True)
class DemoCity:
    slug: str
    name: str
    country: str
    language: str
    timezone: str
    currency: str


DEMO_CITIES = [
    DemoCity("cluj", "Cluj-Napoca", "RO", "ro", "Europe/Bucharest", "RON"),
    DemoCity("paris", "Paris", "FR", "fr", "Europe/Paris", "EUR"),
    DemoCity("murcia", "Murcia", "ES", "es", "Europe/Madrid", "EUR"),
    DemoCity("porto", "Porto", "PT", "pt", "Europe/Lisbon", "EUR"),
    DemoCity("veszprem", "Veszprém", "HU", "hu", "Europe/Budapest", "HUF"),
    DemoCity("rotterdam", "Rotterdam", "NL", "nl", "Europe/Amsterdam", "EUR"),
    DemoCity("torino", "Torino", "IT", "it", "Europe/Rome", "EUR"),
]

# code -> names by language
DEMO_DEPARTMENTS = {
    "finance": {
        "en": "Finance and budget", "ro": "Direcția economică", "fr": "Finances et budget",
        "es": "Hacienda y presupuestos", "pt": "Finanças e orçamento",
        "hu": "Pénzügyi osztály", "nl": "Financiën en begroting", "it": "Bilancio e finanze",
    },
    "digital": {
        "en": "Digital services", "ro": "Digitalizare și IT", "fr": "Services numériques",
        "es": "Servicios digitales", "pt": "Serviços digitais",
        "hu": "Digitális szolgáltatások", "nl": "Digitale dienstverlening",
        "it": "Servizi digitali",
    },
    "urban-planning": {
        "en": "Urban planning", "ro": "Urbanism", "fr": "Urbanisme", "es": "Urbanismo",
        "pt": "Urbanismo", "hu": "Városfejlesztés", "nl": "Stedenbouw",
        "it": "Urbanistica",
    },
    "social": {
        "en": "Social services", "ro": "Asistență socială", "fr": "Action sociale",
        "es": "Servicios sociales", "pt": "Ação social", "hu": "Szociális ügyek",
        "nl": "Sociale zaken", "it": "Servizi sociali",
    },
    "human-resources": {
        "en": "Human resources", "ro": "Resurse umane", "fr": "Ressources humaines",
        "es": "Recursos humanos", "pt": "Recursos humanos", "hu": "Humánerőforrás",
        "nl": "Personeelszaken", "it": "Risorse umane",
    },
}

CITY_USERS = [
    # username, first name, last name, roles, department code
    ("employee", "Ana", "Employee", [Role.EMPLOYEE], "digital"),
    ("evaluator", "Eva", "Evaluator", [Role.EMPLOYEE, Role.EVALUATOR], "finance"),
    ("cityadmin", "Carl", "Admin", [Role.EMPLOYEE, Role.CITY_ADMIN], "human-resources"),
]
HUB_USERS = [
    ("coordinator", "Nora", "Coordinator", [Role.COORDINATOR]),
    ("partneradmin", "Paul", "Partner", [Role.PARTNER_ADMIN]),
]


def demo_network_exists() -> bool:
    return City.objects.exists()


def _seed_city(spec: DemoCity, *, progress) -> City:
    city = city_create(
        name=spec.name,
        slug=spec.slug,
        country=spec.country,
        default_language=spec.language,
        enabled_languages=[spec.language, "en"],
        timezone=spec.timezone,
        currency=spec.currency,
    )
    with tenant_context(city):
        departments = {
            code: department_create(
                names={"en": names["en"], spec.language: names[spec.language]}, code=code
            )
            for code, names in DEMO_DEPARTMENTS.items()
        }
        for username, first, last, roles, department in CITY_USERS:
            user = user_create(
                username=username,
                email=f"{username}@{spec.slug}.example.eu",
                password=DEMO_PASSWORD,
                roles=roles,
                first_name=first,
                last_name=last,
            )
            profile_set_department(user=user, department=departments[department])
    progress(f"{spec.name}: {len(departments)} departments, {len(CITY_USERS)} users")
    return city


@transaction.atomic
def demo_network_seed(*, progress=lambda message: None) -> list[City]:
    """Create the demo hub users and cities. Callers make sure the network is empty."""
    for username, first, last, roles in HUB_USERS:
        user_create(
            username=username,
            email=f"{username}@innovato.example.eu",
            password=DEMO_PASSWORD,
            roles=roles,
            first_name=first,
            last_name=last,
        )
    progress(f"hub: {len(HUB_USERS)} users")
    return [_seed_city(spec, progress=progress) for spec in DEMO_CITIES]
